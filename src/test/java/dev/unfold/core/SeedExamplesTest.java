package dev.unfold.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.unfold.core.trace.Move;
import dev.unfold.core.trace.Trace;
import dev.unfold.core.trace.TraceOrder;
import dev.unfold.core.trace.Traces;
import dev.unfold.cpu.CpuBackend;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The seed notebook's printed examples, on its 4×4 image 1..16, reproduced cell for cell: the expected
 * arrays are copied from the notebook's output cells.
 */
class SeedExamplesTest {

    private static final CpuBackend CPU = new CpuBackend(2);
    private static final double[] IMAGE = new double[16];

    static {
        Arrays.setAll(IMAGE, i -> i + 1);
    }

    @AfterAll
    static void close() {
        CPU.close();
    }

    private static Geometry seed(int k, int s, int p) {
        return Geometry.of(1, 1, 4, 4, k, s, p);
    }

    @Test
    void kernel2Stride1Pad1() { // In [7] and In [73]
        Geometry g = seed(2, 1, 1);
        assertEquals(5, g.oh());
        assertEquals(5, g.ow());
        double[][] expected = {
            {0, 0, 0, 1}, {0, 0, 1, 2}, {0, 0, 2, 3}, {0, 0, 3, 4}, {0, 0, 4, 0},
            {0, 1, 0, 5}, {1, 2, 5, 6}, {2, 3, 6, 7}, {3, 4, 7, 8}, {4, 0, 8, 0},
            {0, 5, 0, 9}, {5, 6, 9, 10}, {6, 7, 10, 11}, {7, 8, 11, 12}, {8, 0, 12, 0},
            {0, 9, 0, 13}, {9, 10, 13, 14}, {10, 11, 14, 15}, {11, 12, 15, 16}, {12, 0, 16, 0},
            {0, 13, 0, 0}, {13, 14, 0, 0}, {14, 15, 0, 0}, {15, 16, 0, 0}, {16, 0, 0, 0}};
        assertArrayEquals(flatten(expected), CPU.im2col(g, Layout.ROWS, IMAGE));
        // In [75]: every pixel lies in four windows, so col2im gives 4·x and "/ 4" recovers x
        double[] restored = CPU.col2im(g, Layout.ROWS, CPU.im2col(g, Layout.ROWS, IMAGE));
        assertArrayEquals(Arrays.stream(IMAGE).map(v -> 4 * v).toArray(), restored);
    }

    @Test
    void kernel2Stride2Pad1AsTheGpuKernelComputesIt() { // In [20], In [21]
        Geometry g = seed(2, 2, 1);
        assertEquals(3, g.oh());
        double[] tensor = {0, 0, 0, 0, 6, 8, 0, 14, 16, 0, 0, 0, 5, 7, 0, 13, 15,
            0, 0, 2, 4, 0, 10, 12, 0, 0, 0, 1, 3, 0, 9, 11, 0, 0, 0, 0};
        assertArrayEquals(tensor, CPU.im2col(g, Layout.TENSOR, IMAGE));
        double[][] rows = {{0, 0, 0, 1}, {0, 0, 2, 3}, {0, 0, 4, 0}, {0, 5, 0, 9}, {6, 7, 10, 11},
            {8, 0, 12, 0}, {0, 13, 0, 0}, {14, 15, 0, 0}, {16, 0, 0, 0}};
        assertArrayEquals(flatten(rows), CPU.im2col(g, Layout.ROWS, IMAGE));
        // In [28]–[35]: thread i = 0 reads in_y = in_x = −1, padding; "if i = 19 … (n, 0, 1, 0, 0, 1)"
        Move first = Traces.of(g, Layout.TENSOR, TraceOrder.IM2COL_BY_THREAD).move(0);
        assertEquals(-1, first.input());
        Move m = Traces.of(g, Layout.TENSOR, TraceOrder.IM2COL_BY_THREAD).move(19);
        ColumnElement e = ColumnElement.of(g, m.row(), m.tap());
        assertArrayEquals(new int[] {0, 1, 0, 0, 1}, new int[] {e.c(), e.ky(), e.kx(), e.oy(), e.ox()});
        assertEquals(2, IMAGE[m.input()]); // col[19] = 2
    }

    @Test
    void theGpuThreadsPrintoutLineForLine() { // In [37]: i, in_x, in_y and col[i] for the first 18 threads
        Geometry g = seed(2, 2, 1);
        int[][] printed = {
            {-1, -1, 0}, {1, -1, 0}, {3, -1, 0}, {-1, 1, 0}, {1, 1, 6}, {3, 1, 8}, {-1, 3, 0}, {1, 3, 14}, {3, 3, 16},
            {0, -1, 0}, {2, -1, 0}, {4, -1, 0}, {0, 1, 5}, {2, 1, 7}, {4, 1, 0}, {0, 3, 13}, {2, 3, 15}, {4, 3, 0}};
        Trace t = Traces.of(g, Layout.TENSOR, TraceOrder.IM2COL_BY_THREAD);
        double[] col = CPU.im2col(g, Layout.TENSOR, IMAGE);
        for (int i = 0; i < printed.length; i++) {
            Move m = t.move(i);
            ColumnElement e = ColumnElement.of(g, m.row(), m.tap());
            assertEquals(i, m.thread(), "thread");
            assertEquals(i, m.column(), "the thread writes col[i]");
            assertArrayEquals(new int[] {printed[i][0], printed[i][1]}, new int[] {e.ix(), e.iy()}, "i = " + i);
            assertEquals(printed[i][2], col[i], "col[" + i + "]");
            assertEquals(printed[i][2], m.padding() ? 0 : IMAGE[m.input()], "col[" + i + "] from the trace");
        }
    }

    @Test
    void theGpuGatherWalkThroughPixelByPixel() { // In [62]: the first example's column; In [67]–[69]: gathered
        Geometry g = seed(2, 1, 1);
        double[] printedColumn = {0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 0, 5, 6, 7, 8, 0, 9, 10, 11, 12, 0, 13, 14, 15, 16,
            0, 0, 0, 0, 0, 1, 2, 3, 4, 0, 5, 6, 7, 8, 0, 9, 10, 11, 12, 0, 13, 14, 15, 16, 0, 0, 1, 2, 3, 4, 0, 5, 6, 7,
            8, 0, 9, 10, 11, 12, 0, 13, 14, 15, 16, 0, 0, 0, 0, 0, 1, 2, 3, 4, 0, 5, 6, 7, 8, 0, 9, 10, 11, 12, 0, 13,
            14, 15, 16, 0, 0, 0, 0, 0, 0};
        assertArrayEquals(printedColumn, CPU.im2col(g, Layout.TENSOR, IMAGE));
        Trace t = Traces.of(g, Layout.TENSOR, TraceOrder.COL2IM_BY_PIXEL);
        double[] gathered = new double[IMAGE.length];
        t.replayCol2im(printedColumn, gathered, t.length());
        assertArrayEquals(new double[] {4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60, 64}, gathered);
    }

    @Test
    void kernel2Stride2Pad2() { // In [83]–[85]
        Geometry g = seed(2, 2, 2);
        double[][] rows = {{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0},
            {1, 2, 5, 6}, {3, 4, 7, 8}, {0, 0, 0, 0}, {0, 0, 0, 0}, {9, 10, 13, 14}, {11, 12, 15, 16},
            {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}};
        double[] col = CPU.im2col(g, Layout.ROWS, IMAGE);
        assertArrayEquals(flatten(rows), col);
        assertArrayEquals(IMAGE, CPU.col2im(g, Layout.ROWS, col)); // each pixel in one window
    }

    @Test
    void kernel2Stride2Pad0() { // In [77]–[79]
        Geometry g = seed(2, 2, 0);
        double[][] rows = {{1, 2, 5, 6}, {3, 4, 7, 8}, {9, 10, 13, 14}, {11, 12, 15, 16}};
        double[] col = CPU.im2col(g, Layout.ROWS, IMAGE);
        assertArrayEquals(flatten(rows), col);
        assertArrayEquals(IMAGE, CPU.col2im(g, Layout.ROWS, col));
    }

    @Test
    void kernel2Stride1Pad0AndTheWrongDivisionByFour() { // In [80]–[82]
        Geometry g = seed(2, 1, 0);
        double[][] rows = {{1, 2, 5, 6}, {2, 3, 6, 7}, {3, 4, 7, 8}, {5, 6, 9, 10}, {6, 7, 10, 11},
            {7, 8, 11, 12}, {9, 10, 13, 14}, {10, 11, 14, 15}, {11, 12, 15, 16}};
        double[] col = CPU.im2col(g, Layout.ROWS, IMAGE);
        assertArrayEquals(flatten(rows), col);
        double[] restored = CPU.col2im(g, Layout.ROWS, col);
        assertArrayEquals(new double[] {1, 4, 6, 4, 10, 24, 28, 16, 18, 40, 44, 24, 13, 28, 30, 16}, restored);
        // the seed divides by 4 here too; only dividing by each pixel's own window count gives x back
        double[] quarter = Arrays.stream(restored).map(v -> v / 4).toArray();
        assertFalse(Arrays.equals(IMAGE, quarter));
        double[] byCount = new double[16];
        for (int i = 0; i < 16; i++) {
            byCount[i] = restored[i] / (g.yAxis().windowCount(i / 4) * g.xAxis().windowCount(i % 4));
        }
        assertArrayEquals(IMAGE, byCount);
    }

    private static double[] flatten(double[][] rows) {
        return Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray();
    }
}
