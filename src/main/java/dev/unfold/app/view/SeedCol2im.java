package dev.unfold.app.view;

import java.util.List;

/**
 * Lines of the seed notebook's col2im that the formula panel quotes. Two of the notebook's bugs are not copied:
 * its CPU loop writes {@code i_lim = i + SH * OH}, right only when SH·OH = SW·OW, and quoted here as
 * {@code i + SW * OW}; the CUDA body gets the semicolon its string forgot. The CPU loop has no dilation: where a
 * dilation is not 1, Chainer's loop, from which the notebook's was ported, is quoted. Nothing else is changed.
 */
final class SeedCol2im {
    private SeedCol2im() {
    }

    /** col2im_array's CPU branch: scatter-add one strided slab per kernel tap (j, i) = (ky, kx), then crop. */
    static final List<String> BY_TAP = List.of(
            "img = np.zeros((N, C, H + 2 * PH + SH - 1, W + 2 * PW + SW - 1))",
            "for j in range(KH):",
            "    j_lim = j + SH * OH",
            "    for i in range(KW):",
            "        i_lim = i + SW * OW",
            "        img[:, :, j:j_lim:SH, i:i_lim:SW] += col[:, :, j, i, :, :]",
            "return img[:, :, PH:H + PH, PW:W + PW]");

    /** The same with dilation, which the notebook's loop lacks: tap (j, i)'s slab starts at (j·DH, i·DW), as in Chainer. */
    static final List<String> BY_TAP_DILATED = List.of(
            "img = np.zeros((N, C, H + 2 * PH + SH - 1, W + 2 * PW + SW - 1))",
            "for j in range(KH):",
            "    j_lim = j * DH + SH * OH",
            "    for i in range(KW):",
            "        i_lim = i * DW + SW * OW",
            "        img[:, :, j * DH:j_lim:SH, i * DW:i_lim:SW] += col[:, :, j, i, :, :]",
            "return img[:, :, PH:H + PH, PW:W + PW]");

    static final int TAP_ADD_LINE = 5;
    static final int TAP_CROP_LINE = 6;

    /** _col2im_gpu's ElementwiseKernel body: one thread i per input element, gathering what reaches it. */
    static final List<String> BY_PIXEL = List.of(
            "int c0 = i / (h * w);",
            "int y = i / w % h;",
            "int x = i % w;",
            "T val = 0;",
            "for (int ky = 0; ky < kh; ++ky){",
            "    int out_y = (y + ph - ky * dy);",
            "    if (0 > out_y || out_y >= out_h * sy) continue;",
            "    if (out_y % sy != 0) continue;",
            "    out_y /= sy;",
            "    for (int kx = 0; kx < kw; ++kx){",
            "        int out_x = (x + pw - kx * dx);",
            "        if (0 > out_x || out_x >= out_w * sx) continue;",
            "        if (out_x % sx != 0) continue;",
            "        out_x /= sx;",
            "        int k = out_y + out_h * (kx + kw * (ky + kh * c0));",
            "        val = val + col[out_x + out_w * k];",
            "    }",
            "}",
            "img = val;");

    static final int PIXEL_ADD_LINE = 15;

    /** The notebook's last step, and what it should be. */
    static final String DIVIDE_BY_FOUR = "restored / 4";
    static final String DIVIDE_BY_COUNT = "restored / col2im(im2col(ones))";
}
