package dev.unfold.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every backend keeps, run against each backend that works on this machine (the CPU
 * everywhere; CUDA where a device is present): results equal the definition on random geometries.
 */
class BackendContractTest {

    private static final List<Backend> OPENED = new ArrayList<>();

    static Stream<Backend> backends() throws BackendUnavailableException {
        Backends all = Backends.discover();
        List<Backend> out = new ArrayList<>();
        for (String name : all.names()) {
            if (all.availability(name).available()) {
                out.add(all.open(BackendChoice.valueOf(name.toUpperCase(java.util.Locale.ROOT))).backend());
            }
        }
        OPENED.addAll(out);
        return out.stream();
    }

    @AfterAll
    static void close() {
        OPENED.forEach(Backend::close);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void im2colAndCol2imFollowTheDefinition(Backend backend) {
        Random r = new Random(11);
        for (int i = 0; i < 150; i++) {
            Geometry g = Geometries.draw(r, 40_000);
            for (Layout layout : Layout.values()) {
                double[] x = r.doubles(g.inputSize()).toArray();
                assertArrayEquals(Reference.im2col(g, layout, x), backend.im2col(g, layout, x), backend.name() + " " + g);
                float[] xf = new float[x.length];
                for (int j = 0; j < x.length; j++) {
                    xf[j] = (float) x[j];
                }
                assertArrayEquals(Reference.im2col(g, layout, xf), backend.im2col(g, layout, xf));
                double[] col = r.doubles(g.columnSize()).toArray();
                assertArrayEquals(Reference.col2im(g, layout, col), backend.col2im(g, layout, col), backend.name() + " " + g);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void matmulInEveryTransposition(Backend backend) {
        Random r = new Random(5);
        int m = 7;
        int n = 5;
        int k = 9;
        double[] a = r.doubles(m * k).toArray();
        double[] b = r.doubles(k * n).toArray();
        double[] expected = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                for (int t = 0; t < k; t++) {
                    expected[i * n + j] += a[i * k + t] * b[t * n + j];
                }
            }
        }
        double[] at = transpose(a, m, k);
        double[] bt = transpose(b, k, n);
        for (int mode = 0; mode < 4; mode++) {
            boolean ta = (mode & 1) != 0;
            boolean tb = (mode & 2) != 0;
            double[] c = new double[m * n];
            backend.matmul(m, n, k, ta ? at : a, ta, tb ? bt : b, tb, c);
            assertArrayEquals(expected, c, 1e-12, "transA=" + ta + " transB=" + tb);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void wrongBufferSizesAreRefused(Backend backend) {
        Geometry g = Geometry.of(1, 2, 5, 5, 3, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend.im2col(g, Layout.ROWS, new float[49], new float[g.columnSize()]));
        assertEquals("input buffer has 49 elements but N·C·H·W = 50 for " + g, e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> backend.col2im(g, Layout.ROWS, new double[3], new double[g.inputSize()]));
    }

    /**
     * A product whose arrays do not match m, n and k is refused before anything is computed: a longer output or
     * operand would otherwise be used in part without a word, a shorter one read out of range.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void wrongMatrixSizesAreRefused(Backend backend) {
        int m = 3;
        int n = 2;
        int k = 4;
        double[] a = new double[m * k];
        double[] b = new double[k * n];
        double[] c = new double[m * n];
        backend.matmul(m, n, k, a, false, b, false, c);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend.matmul(m, n, k, a, false, b, false, new double[m * n + 1]));
        assertEquals("matrix c has 7 elements, expected 6", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> backend.matmul(m, n, k, new double[m * k + 1], true, b, false, c));
        assertThrows(IllegalArgumentException.class, () -> backend.matmul(m, n, k, a, false, new double[k * n - 1], true, c));
        e = assertThrows(IllegalArgumentException.class, () -> backend.matmul(m, 0, k, a, false, new double[0], false, new double[0]));
        assertEquals("matrix sizes must be at least 1, got m=3 n=0 k=4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> backend.matmul(0, n, k, new double[0], false, b, false, new double[0]));
        assertEquals("matrix sizes must be at least 1, got m=0 n=2 k=4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> backend.matmul(m, n, 0, new double[0], false, new double[0], false, c));
        assertEquals("matrix sizes must be at least 1, got m=3 n=2 k=0", e.getMessage());
    }

    private static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }
}
