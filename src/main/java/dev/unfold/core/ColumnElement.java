package dev.unfold.core;

/**
 * Where one column-matrix element comes from: patch (n, oy, ox), tap (c, ky, kx), and the input position
 * (iy, ix) it reads, which lies in the padding when outside [0, H) × [0, W).
 */
public record ColumnElement(int n, int c, int ky, int kx, int oy, int ox, int iy, int ix) {

    public static ColumnElement of(Geometry g, int row, int tap) {
        int ow = g.ow();
        int ohw = g.oh() * ow;
        int n = row / ohw;
        int oy = row % ohw / ow;
        int ox = row % ow;
        int kk = g.kh() * g.kw();
        int c = tap / kk;
        int ky = tap % kk / g.kw();
        int kx = tap % g.kw();
        return new ColumnElement(n, c, ky, kx, oy, ox,
                g.yAxis().source(oy, ky), g.xAxis().source(ox, kx));
    }

    public boolean padding(Geometry g) {
        return iy < 0 || iy >= g.h() || ix < 0 || ix >= g.w();
    }

    /** Flat input index, or -1 for a padding read. */
    public int inputIndex(Geometry g) {
        return padding(g) ? -1 : ((n * g.c() + c) * g.h() + iy) * g.w() + ix;
    }

    /** The seed's flat index into (N, C, KH, KW, OH, OW): the CUDA thread that writes this element. */
    public long tensorIndex(Geometry g) {
        return ((((long) (n * g.c() + c) * g.kh() + ky) * g.kw() + kx) * g.oh() + oy) * g.ow() + ox;
    }

    /** Row of the column matrix: n·OH·OW + oy·OW + ox. */
    public int row(Geometry g) {
        return (n * g.oh() + oy) * g.ow() + ox;
    }

    /** Column of the column matrix: c·KH·KW + ky·KW + kx. */
    public int tap(Geometry g) {
        return (c * g.kh() + ky) * g.kw() + kx;
    }
}
