package dev.unfold.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Files made by hand to break the reader; each must fail with its own clear message, before allocating. */
class NpyHostileFilesTest {

    @TempDir
    Path dir;

    /** A .npy file with this header dictionary (padded as NumPy pads it) and these data bytes. */
    static byte[] npy(int major, String dict, int dataBytes) {
        int preamble = major == 1 ? 10 : 12;
        int length = dict.length() + 1;
        length += (64 - (preamble + length) % 64) % 64;
        ByteBuffer b = ByteBuffer.allocate(preamble + length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) length);
        } else {
            b.putInt(length);
        }
        b.put(dict.getBytes(StandardCharsets.UTF_8));
        while (b.position() < preamble + length - 1) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        return b.array();
    }

    static String dict(String descr, String fortran, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
    }

    private Path file(byte[] bytes) throws IOException {
        return Files.write(dir.resolve("x.npy"), bytes);
    }

    private String failure(byte[] bytes) throws IOException {
        Path f = file(bytes);
        return assertThrows(NpyException.class, () -> Npy.read(f)).getMessage();
    }

    @Test
    void textIsNotNpy() throws IOException {
        assertEquals("not a .npy file: it does not start with NumPy's magic bytes \\x93NUMPY",
                failure("a,b,c\n1,2,3\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void emptyAndTinyFiles() throws IOException {
        assertEquals("not a .npy file: only 0 bytes long", failure(new byte[0]));
        assertEquals("not a .npy file: only 3 bytes long", failure(new byte[] {(byte) 0x93, 'N', 'U'}));
        assertTrue(failure(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1})
                .startsWith("truncated .npy header"));
    }

    @Test
    void unknownVersion() throws IOException {
        byte[] b = npy(1, dict("<f4", "False", "(2,)"), 8);
        b[6] = 4;
        assertEquals("unsupported .npy format version 4.0 (this program reads 1.0, 2.0 and 3.0)", failure(b));
    }

    @Test
    void headerLengthPastTheEndOfTheFile() throws IOException {
        byte[] b = npy(2, dict("<f4", "False", "(2,)"), 0);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 0x7FFF_FFF0);
        assertEquals("truncated .npy header: it claims 2147483632 bytes but the file has only 116 after the version "
                + "and length fields", failure(b));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
        "{'descr': '<f4', 'shape': (2,), } => bad .npy header: no 'fortran_order' entry",
        "{'descr': '<f4', 'fortran_order': 0, 'shape': (2,), } => bad .npy header: 'fortran_order' is 0, not True or False",
        "{'descr': '<f4', 'fortran_order': False, 'shape': 2, } => bad .npy header: 'shape' is 2, not a tuple",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2.5,), } => bad .npy header: expected ',' or ')' at character 52",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), } => bad .npy header: shape has a negative dimension -2",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': 1} => bad .npy header: unexpected entry x",
        "['descr', '<f4'] => bad .npy header: it is not a dictionary",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2,)} trailing => bad .npy header: unexpected text",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2, => bad .npy header: header ends too early (unterminated)",
        "{'descr': '<f4, 'fortran_order': False, 'shape': (2,)} => bad .npy header: ",
        "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), } => int64 arrays are not supported; save as float32 or float64",
        "{'descr': '>i2', 'fortran_order': False, 'shape': (2,), } => int16 arrays are not supported; save as float32 or float64",
        "{'descr': '<U3', 'fortran_order': False, 'shape': (2,), } => unicode string arrays are not supported; save as float32 or float64",
        "{'descr': '|O', 'fortran_order': False, 'shape': (2,), } => object arrays are not supported; save as float32 or float64",
    })
    void badHeaders(String dict, String message) throws IOException {
        String got = failure(npy(1, dict, 8));
        assertTrue(got.startsWith(message), got);
    }

    @Test
    void deeplyNestedHeaderFailsWithAMessageNotAStackOverflow() throws IOException {
        String nested = "(".repeat(200_000) + ")".repeat(200_000);
        assertEquals("bad .npy header: nested too deeply (more than 32 levels)",
                failure(npy(2, dict("<f4", "False", nested), 0)));
        String justDeepEnough = "(".repeat(31) + ")".repeat(31); // the dict is the 32nd level
        String parsed = failure(npy(1, dict("<f4", "False", justDeepEnough), 0));
        assertTrue(parsed.startsWith("bad .npy header: shape entry [[") && parsed.endsWith("]] is not a whole number"),
                parsed);
    }

    @Test
    void shapesTooLargeForAJavaArrayAreRefusedBeforeAllocating() throws IOException {
        assertEquals("shape (100000, 100000) has 10000000000 elements, more than a Java array holds (2147483639)",
                failure(npy(1, dict("<f4", "False", "(100000, 100000)"), 0)));
        String overflow = failure(npy(1, dict("<f8", "False",
                "(9223372036854775807, 9223372036854775807, 99999999999999999999999)"), 0));
        assertTrue(overflow.contains("more than a Java array holds"), overflow);
        assertEquals("shape (0, 3000000000) has a dimension larger than 2147483647",
                failure(npy(1, dict("<f4", "False", "(0, 3000000000)"), 0)));
    }

    @Test
    void truncatedAndOverlongData() throws IOException {
        assertEquals("truncated data: the header promises (2, 3) float64, 48 bytes, but the file holds only 47 bytes "
                + "after the header", failure(npy(1, dict("<f8", "False", "(2, 3)"), 47)));
        assertEquals("the file holds 25 bytes after the header but (2, 3) float32 needs 24; it is not a single .npy "
                + "array", failure(npy(1, dict("<f4", "False", "(2, 3)"), 25)));
    }

    @Test
    void anArrayLargerThanTheHeapIsRefusedBeforeAllocating() throws IOException {
        long elements = 2_000_000_000L;
        assumeTrue(elements * 8 > Runtime.getRuntime().maxMemory(), "this JVM's heap could hold the array");
        byte[] head = npy(1, dict("<f8", "False", "(" + elements + ",)"), 0);
        Path f = file(head);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(head.length + elements * 8); // sparse: takes no disk space
        }
        String message = assertThrows(NpyException.class, () -> Npy.read(f)).getMessage();
        assertTrue(message.startsWith("reading the array needs 15258.8 MiB but the JVM can allocate only about "),
                message);
        assertTrue(message.endsWith("; raise -Xmx"), message);
    }

    @Test
    void foldersAndMissingFiles() {
        assertEquals("is a folder, not a .npy file",
                assertThrows(NpyException.class, () -> Npy.read(dir)).getMessage());
        assertThrows(NoSuchFileException.class, () -> Npy.read(dir.resolve("missing.npy")));
    }

    @Test
    void headerWithPython2LongsAndDoubleQuotesIsRead() throws IOException {
        Path f = file(npy(1, "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (2L, 1L)}", 8));
        NdArray a = Npy.read(f);
        assertEquals(2, a.dim(0));
        assertEquals(1, a.dim(1));
    }
}
