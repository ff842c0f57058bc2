package dev.unfold.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.core.DType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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

    /** By definition: the C index of (i0..ik) is Σ i_j·Π_{m>j} d_m, its Fortran index Σ i_j·Π_{m<j} d_m. */
    private static int cIndexOfFortranIndex(int fi, int[] shape) {
        int[] idx = new int[shape.length];
        int rest = fi;
        for (int j = 0; j < shape.length; j++) {
            idx[j] = rest % shape[j];
            rest /= shape[j];
        }
        int ci = 0;
        for (int j = 0; j < shape.length; j++) {
            ci = ci * shape[j] + idx[j];
        }
        return ci;
    }

    @Property(tries = 100)
    void fortranOrderGivesTheCIndexOfEachElementInFileOrder(
            @ForAll @Size(min = 2, max = 4) List<@IntRange(min = 1, max = 5) Integer> dims) {
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        Npy.FortranOrder order = new Npy.FortranOrder(shape);
        for (int fi = 0; fi < NdArray.elementCount(shape); fi++) {
            assertEquals(cIndexOfFortranIndex(fi, shape), order.next(), "Fortran element " + fi);
        }
    }

    /** The array saved in Fortran order, as NumPy saves {@code np.asfortranarray(a)}. */
    private static Path writeFortran(NdArray c, String name) throws IOException {
        Path file = DIR.resolve(name);
        Npy.write(file, c);
        byte[] bytes = Files.readAllBytes(file);
        int header = (int) Npy.readHeader(file).dataOffset();
        // "True, " replaces "False," so the header keeps its length
        byte[] dict = new String(bytes, 0, header, StandardCharsets.ISO_8859_1)
                .replace("'fortran_order': False,", "'fortran_order': True, ").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(bytes.length).order(ByteOrder.LITTLE_ENDIAN).put(dict);
        int[] shape = c.shape();
        for (int fi = 0; fi < c.size(); fi++) {
            int ci = cIndexOfFortranIndex(fi, shape);
            if (c.dtype() == DType.FLOAT32) {
                out.putFloat(c.floats()[ci]);
            } else {
                out.putDouble(c.doubles()[ci]);
            }
        }
        Files.write(file, out.array());
        assertTrue(Npy.readHeader(file).fortranOrder());
        return file;
    }

    @Property(tries = 50)
    void aFortranOrderFileReadsAsItsCOrderArray(
            @ForAll @Size(min = 2, max = 4) List<@IntRange(min = 1, max = 5) Integer> dims,
            @ForAll DType dtype, @ForAll long seed) throws IOException {
        NdArray c = random(dtype, dims.stream().mapToInt(Integer::intValue).toArray(), seed);
        assertSameArray(c, Npy.read(writeFortran(c, "fortran.npy")));
    }

    @Example
    void aFortranOrderFileLargerThanOneChunkReadsAsItsCOrderArray() throws IOException {
        NdArray f = random(DType.FLOAT32, new int[] {3, 1_001, 101}, 4);
        assertSameArray(f, Npy.read(writeFortran(f, "fortran32.npy")));
        NdArray d = random(DType.FLOAT64, new int[] {1_013, 151}, 5);
        assertSameArray(d, Npy.read(writeFortran(d, "fortran64.npy")));
    }

    @Example
    void theReadBufferSizeDoesNotWrapForArraysPast2GiB() {
        assertEquals(1 << 20, Npy.chunkBytes(1 << 29, 4), "2^29 floats");
        assertEquals(1 << 20, Npy.chunkBytes(1 << 28, 8), "2^28 doubles");
        assertEquals(1 << 20, Npy.chunkBytes(Integer.MAX_VALUE - 8, 8));
        assertEquals(12, Npy.chunkBytes(3, 4));
        assertEquals(8, Npy.chunkBytes(0, 8));
    }
}
