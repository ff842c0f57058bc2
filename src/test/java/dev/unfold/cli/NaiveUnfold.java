package dev.unfold.cli;

/**
 * im2col by its definition, for checking the command line's output without trusting any backend:
 * row (n, oy, ox), column (c, ky, kx) holds x[n, c, oy·SH − PH + ky·DH, ox·SW − PW + kx·DW], or 0 outside.
 */
final class NaiveUnfold {
    private NaiveUnfold() {
    }

    /** Rows layout; raw bits are copied, so NaN payloads and −0 survive as they are. */
    static double[] im2colRows(double[] x, int n, int c, int h, int w, int kh, int kw, int sh, int sw,
                               int ph, int pw, int dh, int dw) {
        int oh = (h + 2 * ph - dh * (kh - 1) - 1) / sh + 1;
        int ow = (w + 2 * pw - dw * (kw - 1) - 1) / sw + 1;
        double[] col = new double[n * oh * ow * c * kh * kw];
        int i = 0;
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    for (int ch = 0; ch < c; ch++) {
                        for (int ky = 0; ky < kh; ky++) {
                            for (int kx = 0; kx < kw; kx++) {
                                int iy = oy * sh - ph + ky * dh;
                                int ix = ox * sw - pw + kx * dw;
                                boolean inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
                                col[i++] = inside ? x[((b * c + ch) * h + iy) * w + ix] : 0.0;
                            }
                        }
                    }
                }
            }
        }
        return col;
    }
}
