package dev.unfold.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unfold.core.DType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

class NpyRoundTripTest {

    private static final Path DIR = tempDir();

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("npy-roundtrip");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (var files = Files.list(DIR)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(DIR);
    }

    /** Random values with the awkward ones mixed in: NaN, infinities, signed zero, subnormals, extremes. */
    static NdArray random(DType dtype, int[] shape, long seed) {
        Random rnd = new Random(seed);
        int count = (int) NdArray.elementCount(shape);
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
                Double.MIN_VALUE, Float.MIN_VALUE, Double.MAX_VALUE, Float.MAX_VALUE, -1e-40};
        double[] d = new double[count];
        for (int i = 0; i < count; i++) {
            d[i] = rnd.nextInt(8) == 0 ? special[rnd.nextInt(special.length)] : rnd.nextGaussian() * 1e3;
        }
        if (dtype == DType.FLOAT64) {
            return NdArray.of(d, shape);
        }
        float[] f = new float[count];
        for (int i = 0; i < count; i++) {
            f[i] = (float) d[i];
        }
        return NdArray.of(f, shape);
    }

    static void assertSameArray(NdArray expected, NdArray actual) {
        assertEquals(expected.dtype(), actual.dtype());
        assertArrayEquals(expected.shape(), actual.shape());
        if (expected.dtype() == DType.FLOAT32) {
            assertArrayEquals(expected.floats(), actual.floats()); // compares bits, so NaN equals NaN
        } else {
            assertArrayEquals(expected.doubles(), actual.doubles());
        }
    }

    private static NdArray roundTrip(NdArray a, String name) throws IOException {
        Path file = DIR.resolve(name);
        Npy.write(file, a);
        return Npy.read(file);
    }

    @Property(tries = 200)
    void writeThenReadGivesTheSameArray(@ForAll @Size(max = 5) List<@IntRange(max = 6) Integer> dims,
                                        @ForAll DType dtype, @ForAll long seed) throws IOException {
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        NdArray a = random(dtype, shape, seed);
        assertSameArray(a, roundTrip(a, "p.npy"));
        Npy.Header h = Npy.readHeader(DIR.resolve("p.npy"));
        assertEquals(1, h.major());
        assertEquals(0, h.dataOffset() % 64, "NumPy aligns the data to 64 bytes");
    }

    @Example
    void arraysLargerThanOneChunkSurviveInBothDtypes() throws IOException {
        NdArray f = random(DType.FLOAT32, new int[] {3, 333_337}, 1);
        assertSameArray(f, roundTrip(f, "big32.npy"));
        NdArray d = random(DType.FLOAT64, new int[] {1_000_003}, 2);
        assertSameArray(d, roundTrip(d, "big64.npy"));
    }

    @Example
    void aHeaderPast64KiBSwitchesToVersion2() throws IOException {
        int[] shape = new int[30_000];
        java.util.Arrays.fill(shape, 1);
        shape[7] = 3;
        NdArray a = random(DType.FLOAT32, shape, 3);
        assertSameArray(a, roundTrip(a, "v2.npy"));
        Npy.Header h = Npy.readHeader(DIR.resolve("v2.npy"));
        assertEquals(2, h.major());
        assertEquals(0, h.dataOffset() % 64);
    }

    @Property(tries = 100)
    void fortranOrderIsTransposedToCOrder(@ForAll @Size(min = 2, max = 4) List<@IntRange(min = 1, max = 5) Integer> dims,
                                          @ForAll long seed) {
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        double[] fortran = random(DType.FLOAT64, shape, seed).doubles();
        double[] c = Npy.fortranToC(fortran, shape);
        // by definition: C index of (i0..ik) is Σ i_j·Π_{m>j} d_m; Fortran index Σ i_j·Π_{m<j} d_m
        int[] idx = new int[shape.length];
        for (int ci = 0; ci < c.length; ci++) {
            int rest = ci;
            for (int j = shape.length - 1; j >= 0; j--) {
                idx[j] = rest % shape[j];
                rest /= shape[j];
            }
            int fi = 0;
            for (int j = shape.length - 1; j >= 0; j--) {
                fi = fi * shape[j] + idx[j];
            }
            assertEquals(Double.doubleToRawLongBits(fortran[fi]), Double.doubleToRawLongBits(c[ci]));
        }
    }
}
