package dev.unfold.core.trace;

/**
 * One element moved by im2col (input → column) or col2im (column → input, added).
 *
 * @param step    position in the trace
 * @param input   flat input index (n, c, y, x), or -1 when the element is padding: im2col writes a zero,
 *                col2im's scatter lands in the padded border and is cropped away
 * @param column  flat index in the trace's column layout
 * @param row     patch: the column-matrix row n·OH·OW + oy·OW + ox
 * @param tap     the column-matrix column c·KH·KW + ky·KW + kx
 * @param thread  the seed's CUDA thread that handles it: for im2col the flat index into
 *                (N, C, KH, KW, OH, OW), for col2im the flat input index (-1 for padding)
 */
public record Move(long step, int input, int column, int row, int tap, long thread) {

    public boolean padding() {
        return input < 0;
    }
}
