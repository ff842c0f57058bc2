package dev.unfold.app.view;

import java.util.List;

/**
 * Lines of the seed notebook (shared/seed) that each im2col order executes, quoted as the formula panel shows
 * them. The CUDA body gets the semicolon the notebook's string forgot, and the CPU loop, which has no dilation,
 * gets Chainer's where a dilation is not 1; nothing else is changed.
 */
final class SeedCode {
    private SeedCode() {
    }

    /** im2col_array, to_matrix=True: each row of the result is one window, (n, oy, ox). */
    static final List<String> BY_PATCH = List.of(
            "col = col.transpose((0, 4, 5, 1, 2, 3)).reshape(N * OH * OW, -1)");

    /** im2col_array's CPU loop: one strided slab per kernel tap (j, i) = (ky, kx). */
    static final List<String> BY_TAP = List.of(
            "for j in range(KH):",
            "    j_lim = j + SH * OH",
            "    for i in range(KW):",
            "        i_lim = i + SW * OW",
            "        col[:, :, j, i, :, :] = img[:, :, j:j_lim:SH, i:i_lim:SW]");

    /**
     * The same loop with dilation DH, DW, which the notebook's loop lacks (its slabs start at j, i): the slab
     * of tap (j, i) starts at (j·DH, i·DW), as in Chainer's im2col_cpu, from which the notebook's was ported.
     * Quoted instead of {@link #BY_TAP} when a dilation is not 1, so that the line shown is the one that copies.
     */
    static final List<String> BY_TAP_DILATED = List.of(
            "for j in range(KH):",
            "    j_lim = j * DH + SH * OH",
            "    for i in range(KW):",
            "        i_lim = i * DW + SW * OW",
            "        col[:, :, j, i, :, :] = img[:, :, j * DH:j_lim:SH, i * DW:i_lim:SW]");

    /** _im2col_gpu's ElementwiseKernel body: one thread i per element of (N, C, KH, KW, OH, OW). */
    static final List<String> BY_THREAD = List.of(
            "int c0 = i / (kh * kw * out_h * out_w);",
            "int ky = i / (kw * out_h * out_w) % kh;",
            "int kx = i / (out_h * out_w) % kw;",
            "int out_y = i / out_w % out_h;",
            "int out_x = i % out_w;",
            "int in_y = ky * dy + out_y * sy - ph;",
            "int in_x = kx * dx + out_x * sx - pw;",
            "if (in_y >= 0 && in_y < h && in_x >= 0 && in_x < w){",
            "    col = img[in_x + w * (in_y + h * c0)];",
            "} else {",
            "    col = 0;",
            "}");

    static final int TAP_ASSIGN_LINE = 4;
    static final int THREAD_READ_LINE = 8;
    static final int THREAD_ZERO_LINE = 10;
}
