package dev.unfold.app.model;

import dev.unfold.core.Axis;
import dev.unfold.core.Geometry;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's GPU col2im for one input pixel (y, x): the (ky, kx) pairs its two loops try, in their order, and for
 * each whether it reaches a window (oy, ox) or is skipped by a {@code continue}. Whether a pair reaches is the
 * core's {@link Axis#outputFor}; the offsets {@code out = y + ph − ky·dy} and which check fails are worked out
 * here only to be shown.
 *
 * @param visits one entry per tried (ky, kx); a ky that fails skips its whole kx loop and is one entry with
 *               {@code kx = -1}
 */
public record PixelVisits(int y, int x, List<Visit> visits) {

    /** Why the kernel skips a pair: {@code out} outside [0, out_h·sy), or not a multiple of the stride. */
    public enum Skip { NONE, RANGE, STRIDE }

    /**
     * @param offY {@code y + ph − ky·dy}, the seed's {@code out_y} before the division by the stride
     * @param offX likewise along x; meaningless when {@code kx < 0}
     * @param oy   the window row reached, or -1
     * @param ox   the window column reached, or -1
     */
    public record Visit(int ky, int kx, int offY, int offX, Skip skipY, Skip skipX, int oy, int ox) {
        public boolean reaches() {
            return oy >= 0 && ox >= 0;
        }
    }

    public static PixelVisits of(Geometry g, int y, int x) {
        Axis ya = g.yAxis();
        Axis xa = g.xAxis();
        List<Visit> out = new ArrayList<>();
        for (int ky = 0; ky < g.kh(); ky++) {
            int offY = y + g.ph() - ky * g.dh();
            int oy = ya.outputFor(y, ky);
            if (oy < 0) {
                out.add(new Visit(ky, -1, offY, 0, reason(offY, ya), Skip.NONE, -1, -1));
                continue;
            }
            for (int kx = 0; kx < g.kw(); kx++) {
                int offX = x + g.pw() - kx * g.dw();
                int ox = xa.outputFor(x, kx);
                out.add(new Visit(ky, kx, offY, offX, Skip.NONE, ox < 0 ? reason(offX, xa) : Skip.NONE, oy, ox));
            }
        }
        return new PixelVisits(y, x, List.copyOf(out));
    }

    private static Skip reason(int off, Axis a) {
        return off < 0 || off >= a.out() * a.stride() ? Skip.RANGE : Skip.STRIDE;
    }

    /** Index in {@link #visits} of the pair (ky, kx), or -1. */
    public int indexOf(int ky, int kx) {
        for (int i = 0; i < visits.size(); i++) {
            Visit v = visits.get(i);
            if (v.ky() == ky && v.kx() == kx) {
                return i;
            }
        }
        return -1;
    }

    public int reached() {
        return (int) visits.stream().filter(Visit::reaches).count();
    }
}
