package dev.unfold.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.core.DType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files written by real NumPy (see make_fixtures.py next to them). Element i in C order holds i + 0.5,
 * whatever the version, byte order or memory order the file was saved with.
 */
class NpyFixturesTest {

    static Path fixture(String name) {
        try {
            return Path.of(NpyFixturesTest.class.getResource("npy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double[] pattern(int count) {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = i + 0.5;
        }
        return v;
    }

    private static double[] values(NdArray a) {
        if (a.dtype() == DType.FLOAT64) {
            return a.doubles();
        }
        float[] f = a.floats();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "f4_v1.npy, float32, 3x4, 1",
        "f8_v2.npy, float64, 2x3x4, 2",
        "f4_v3.npy, float32, 5, 3",
        "f8_fortran.npy, float64, 2x3x4, 1",
        "f4_fortran_2d.npy, float32, 3x5, 1",
        "f4_bigendian.npy, float32, 2x3, 1",
        "f8_bigendian_fortran.npy, float64, 4x3, 1",
    })
    void readsNumpyFilesInCOrder(String file, String dtype, String shape, int version) throws IOException {
        int[] dims = java.util.Arrays.stream(shape.split("x")).mapToInt(Integer::parseInt).toArray();
        NdArray a = Npy.read(fixture(file));
        assertEquals(DType.parse(dtype), a.dtype());
        assertArrayEquals(dims, a.shape());
        assertArrayEquals(pattern(a.size()), values(a));
        assertEquals(version, Npy.readHeader(fixture(file)).major());
    }

    @Test
    void readsScalarAndEmptyArrays() throws IOException {
        NdArray scalar = Npy.read(fixture("f4_scalar.npy"));
        assertArrayEquals(new int[0], scalar.shape());
        assertArrayEquals(new float[] {7.5f}, scalar.floats());
        NdArray empty = Npy.read(fixture("f4_empty.npy"));
        assertArrayEquals(new int[] {0, 3}, empty.shape());
        assertEquals(0, empty.size());
    }

    @Test
    void writesTheSameBytesAsNumpy() throws IOException {
        float[] data = new float[12];
        for (int i = 0; i < data.length; i++) {
            data[i] = i + 0.5f;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.writeTo(out, NdArray.of(data, 3, 4));
        assertArrayEquals(Files.readAllBytes(fixture("f4_v1.npy")), out.toByteArray());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "i8.npy | int64 arrays are not supported; save as float32 or float64",
        "f2.npy | float16 arrays are not supported; save as float32 or float64",
        "c16.npy | complex128 arrays are not supported; save as float32 or float64",
        "u1.npy | uint8 arrays are not supported; save as float32 or float64",
        "bool.npy | bool arrays are not supported; save as float32 or float64",
        "structured.npy | structured arrays are not supported; save a plain float32 or float64 array",
    })
    void refusesOtherDtypesByName(String file, String message) {
        NpyException e = assertThrows(NpyException.class, () -> Npy.read(fixture(file)));
        assertEquals(message, e.getMessage());
    }

    @Test
    void saysHowManyDataBytesAreMissing() {
        NpyException e = assertThrows(NpyException.class, () -> Npy.read(fixture("truncated_data.npy")));
        assertEquals("truncated data: the header promises (3, 4) float32, 48 bytes, but the file holds only 38 "
                + "bytes after the header", e.getMessage());
    }

    @Test
    void detectsCutAndUnterminatedHeaders() {
        NpyException cut = assertThrows(NpyException.class, () -> Npy.readHeader(fixture("truncated_header.npy")));
        assertTrue(cut.getMessage().startsWith("truncated .npy header: it claims 118 bytes"), cut.getMessage());
        NpyException open = assertThrows(NpyException.class, () -> Npy.readHeader(fixture("unterminated_header.npy")));
        assertTrue(open.getMessage().startsWith("bad .npy header: "), open.getMessage());
        assertTrue(open.getMessage().contains("unterminated"), open.getMessage());
    }
}
