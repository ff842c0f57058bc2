package dev.unfold.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.unfold.core.Backends;
import dev.unfold.io.NdArray;
import dev.unfold.io.Npy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a user can get it wrong: exit code 2, exactly one line "unfold: ..." on stderr that says what is
 * wrong, nothing on stdout, no stack trace, OUT byte for byte as it was and no temporary file left behind.
 */
class CliHostileInputTest {

    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();
    private static final int MAX_THREADS = 4 * PROCESSORS;
    private static final byte[] KEEP = "precious bytes the user already had\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private Path out;

    @BeforeEach
    void prepareFiles() throws IOException {
        out = Files.write(dir.resolve("out.npy"), KEEP);
        Npy.write(dir.resolve("x.npy"), NdArray.of(new float[16], 4, 4));
        Npy.write(dir.resolve("col.npy"), NdArray.of(new float[36], 4, 9));
        Npy.write(dir.resolve("1d.npy"), NdArray.of(new float[5], 5));
        Npy.write(dir.resolve("5d.npy"), NdArray.of(new float[4], 1, 1, 1, 2, 2));
        Npy.write(dir.resolve("empty.npy"), NdArray.of(new float[0], 0, 3));
        Files.writeString(dir.resolve("text.npy"), "1,2,3\n4,5,6\n");
        Files.copy(Path.of(NpyFixtures.path("truncated_data.npy")), dir.resolve("trunc.npy"));
        Files.copy(Path.of(NpyFixtures.path("truncated_header.npy")), dir.resolve("cut.npy"));
        Files.copy(Path.of(NpyFixtures.path("unterminated_header.npy")), dir.resolve("open.npy"));
        Files.copy(Path.of(NpyFixtures.path("i8.npy")), dir.resolve("i8.npy"));
        // sparse: as long as their headers promise, so that the size checks, not truncation, refuse them
        sparse(dir.resolve("big.npy"), headerOnly("<f4", "(40000, 40000)"), 40000L * 40000 * 4);
        sparse(dir.resolve("huge.npy"), headerOnly("<f8", "(46000, 46000)"), 46000L * 46000 * 8);
        Files.write(dir.resolve("claims.npy"), headerOnly("<f4", "(40000, 40000)"));
        Files.write(dir.resolve("esc.npy"), headerOnly("<f4\u001b[31m", "(3, 4)"));
        Files.write(dir.resolve("nohead.npy"), new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 0, 0});
        Files.createDirectory(dir.resolve("folder"));
    }

    private static void sparse(Path file, byte[] header, long dataBytes) throws IOException {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            f.write(header);
            f.setLength(header.length + dataBytes);
        }
    }

    /** A .npy header alone. */
    private static byte[] headerOnly(String descr, String shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int length = dict.length() + 1 + (64 - (10 + dict.length() + 1) % 64) % 64;
        ByteBuffer b = ByteBuffer.allocate(10 + length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) length);
        b.put(dict.getBytes(StandardCharsets.US_ASCII));
        while (b.hasRemaining()) {
            b.put((byte) (b.remaining() == 1 ? '\n' : ' '));
        }
        return b.array();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
            c("kernel 0", "kernel height KH must be at least 1, got 0; kernel width KW must be at least 1, got 0",
                "im2col {x} {out} --kernel 0"),
            c("stride 0", "stride SH must be at least 1, got 0", "im2col {x} {out} --kernel 2 --stride 0,1"),
            c("negative padding", "padding PH must be at least 0, got -1", "im2col {x} {out} --kernel 2 --pad -1"),
            c("dilation 0", "dilation DW must be at least 1, got 0", "im2col {x} {out} --kernel 2 --dilation 1,0"),
            c("window past the padded input", "window height 5 (DH·(KH−1)+1 = 2·(3−1)+1) is larger than the padded "
                + "input height 4", "im2col {x} {out} --kernel 3 --dilation 2"),
            c("column matrix past a Java array", "column matrix too large", "im2col {big} {out} --kernel 3 --pad 1"),
            c("input missing", "{dir}/nope.npy: no such file", "im2col {dir}/nope.npy {out} --kernel 1"),
            c("input is a folder", "{dir}/folder: is a folder, not a .npy file", "im2col {dir}/folder {out} --kernel 1"),
            c("not a .npy file", "text.npy: not a .npy file", "im2col {dir}/text.npy {out} --kernel 1"),
            c("truncated data", "trunc.npy: truncated data: the header promises (3, 4) float32, 48 bytes, but the "
                + "file holds only 38 bytes after the header", "im2col {dir}/trunc.npy {out} --kernel 1"),
            c("truncated header", "cut.npy: truncated .npy header", "im2col {dir}/cut.npy {out} --kernel 1"),
            c("unterminated header", "open.npy: bad .npy header: header ends too early (unterminated)",
                "im2col {dir}/open.npy {out} --kernel 1"),
            c("int64 input", "i8.npy: int64 arrays are not supported; save as float32 or float64",
                "im2col {dir}/i8.npy {out} --kernel 1"),
            c("1-d input", "1d.npy: has shape (5,) with 1 dimension; im2col takes (H, W), (C, H, W) or (N, C, H, W)",
                "im2col {dir}/1d.npy {out} --kernel 1"),
            c("5-d input", "has shape (1, 1, 1, 2, 2) with 5 dimensions", "im2col {dir}/5d.npy {out} --kernel 1"),
            c("empty input", "empty.npy: has shape (0, 3), no elements; im2col needs at least one image, channel, row "
                + "and column", "im2col {dir}/empty.npy {out} --kernel 1"),
            c("header promising more than the file holds", "claims.npy: truncated data: the header promises (40000, "
                + "40000) float32, 6400000000 bytes, but the file holds only 0 bytes", "im2col {dir}/claims.npy {out} --kernel 3"),
            c("control characters in a header", "esc.npy: dtype 'f4\\x1b[31m'", "im2col {dir}/esc.npy {out} --kernel 1"),
            c("empty header", "nohead.npy: bad .npy header: it is empty", "im2col {dir}/nohead.npy {out} --kernel 1"),
            c("a name starting with @ is a file name", "@{dir}/x.npy: no such file", "im2col @{dir}/x.npy {out} --kernel 1"),
            c("output folder is a file", "{dir}/x.npy/out.npy: output folder {dir}/x.npy is a file, not a folder",
                "im2col {x} {dir}/x.npy/out.npy --kernel 1"),
            c("unknown option", "Unknown option: '--frob' (see 'unfold im2col --help')",
                "im2col {x} {out} --kernel 1 --frob"),
            c("unknown layout", "Invalid value for option '--layout': unknown layout 'diagonal' (expected rows, "
                + "tensor or torch)", "im2col {x} {out} --kernel 1 --layout diagonal"),
            c("unknown backend", "unknown backend 'tpu' (expected auto, cpu or cuda)",
                "im2col {x} {out} --kernel 1 --backend tpu"),
            c("kernel not a number", "Invalid value for option '--kernel': 'three' is not a number or a pair like 3 "
                + "or 3,5", "im2col {x} {out} --kernel three"),
            c("kernel with three numbers", "'1,2,3' has 3 numbers; give one (both sides) or two (height,width)",
                "im2col {x} {out} --kernel 1,2,3"),
            c("kernel past int", "'99999999999' is too large", "im2col {x} {out} --kernel 99999999999"),
            c("empty stride", "'' is not a number", "im2col {x} {out} --kernel 1 --stride="),
            c("no kernel", "Missing required option: '--kernel=KH[,KW]'", "im2col {x} {out}"),
            c("no output", "Missing required parameter: 'OUT'", "im2col {x} --kernel 1"),
            c("output named like an option", "Missing required parameter: 'OUT' (see 'unfold im2col --help'); a file name "
                + "that starts with '-' goes after '--' (… -- -y.npy) or as ./-y.npy", "im2col {x} -y.npy --kernel 1"),
            c("extra argument", "Unmatched argument at index 3: 'more.npy'", "im2col {x} {out} more.npy --kernel 1"),
            c("output folder missing", "{dir}/nope/out.npy: output folder {dir}/nope does not exist",
                "im2col {x} {dir}/nope/out.npy --kernel 1"),
            c("output is a folder", "{dir}/folder: is a folder, not a file",
                "im2col {x} {dir}/folder --kernel 1"),
            c("output ending in a slash", "{dir}/results/: names a folder (it ends in '/'), but OUT is the .npy file "
                + "to write; give a file name such as {dir}/results/out.npy", "im2col {x} {dir}/results/ --kernel 1"),
            c("col2im output ending in a slash", "{dir}/x.npy/: names a folder", "col2im {col} {dir}/x.npy/ --shape 4,4 "
                + "--kernel 3"),
            c("col2im shape mismatch", "col.npy: has shape (4, 9) but col2im --shape 1,1,5,5 --kernel 3 --layout rows "
                + "expects (9, 9)", "col2im {col} {out} --shape 1,1,5,5 --kernel 3"),
            c("col2im other layout", "expects (1, 9, 4)", "col2im {col} {out} --shape 4,4 --kernel 3 --layout torch"),
            c("col2im without shape", "Missing required option: '--shape=N,C,H,W'", "col2im {col} {out} --kernel 3"),
            c("col2im shape of 5 numbers", "'1,1,1,4,4' has 5 numbers; give N,C,H,W (or C,H,W or H,W)",
                "col2im {col} {out} --shape 1,1,1,4,4 --kernel 3"),
            c("col2im zero batch", "Invalid value for option '--shape': '0,1,4,4': every size of the image must be at "
                + "least 1", "col2im {col} {out} --shape 0,1,4,4 --kernel 3"),
            c("col2im negative shape", "'-1,1,4,4': every size of the image must be at least 1",
                "col2im {col} {out} --shape=-1,1,4,4 --kernel 3"),
            c("col2im window too large", "window width 7", "col2im {col} {out} --shape 4,4 --kernel 1,7"),
            c("unknown command", "unknown command 'fold' (expected im2col, col2im, info, bench, render or help)", "fold {x}"),
            c("no command", "missing command: give one of im2col, col2im, info, bench, render or help", ""),
            c("bench reps 0", "--reps must be between 1 and 100000, got 0", "bench --reps 0"),
            c("bench reps past what can be kept", "--reps must be between 1 and 100000, got 2147483647",
                "bench --reps 2147483647"),
            c("bench reps not a number", "Invalid value for option '--reps': 'many' is not an int", "bench --reps many"),
            c("bench threads 0", "--threads must be between 1 and " + MAX_THREADS + " (4 × the " + PROCESSORS, "bench --threads 0"),
            c("bench threads beyond 4 per processor", "--threads must be between 1 and " + MAX_THREADS + " (4 × the "
                + PROCESSORS + " processor", "bench --workload classroom --reps 1 --warmup-ms 0 --threads " + (MAX_THREADS + 1)),
            c("bench threads in the hundred thousands", ", got 100000", "bench --threads 100000"),
            c("bench unknown workload", "unknown workload 'vgg' (expected resnet3x3, stem7x7s2, dilated3x3, "
                + "classroom or all)", "bench --workload vgg"),
            c("bench unknown op", "unknown op 'conv' (expected im2col, col2im or both)", "bench --op conv"),
            c("bench unknown dtype", "unknown dtype 'int8' (expected float32 or float64)", "bench --dtype int8"),
            c("info with an argument", "Unmatched argument at index 1: 'now'", "info now")
        );
    }

    private static Arguments c(String name, String expected, String command) {
        return Arguments.of(name, expected, command);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsWithOneClearLineAndLeavesOutAlone(String name, String expected, String command) throws IOException {
        String[] args = command.isEmpty() ? new String[0] : expand(command).split(" ");
        String message = expand(expected);
        assertOneLineFailure(CliRun.of(args), message);
    }

    private String expand(String template) {
        return template.replace("{x}", dir.resolve("x.npy").toString())
                .replace("{col}", dir.resolve("col.npy").toString())
                .replace("{big}", dir.resolve("big.npy").toString())
                .replace("{out}", out.toString())
                .replace("{dir}", dir.toString());
    }

    private void assertOneLineFailure(CliRun r, String message) throws IOException {
        List<String> before = List.of("1d.npy", "5d.npy", "big.npy", "claims.npy", "col.npy", "cut.npy", "empty.npy",
                "esc.npy", "folder", "huge.npy", "i8.npy", "nohead.npy", "open.npy", "out.npy", "text.npy", "trunc.npy",
                "x.npy");
        assertEquals(Cli.ERROR, r.exit(), r::toString);
        assertEquals("", r.out(), r::toString);
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r::toString);
        assertTrue(r.err().endsWith(System.lineSeparator()), r::toString);
        String line = lines.get(0);
        assertTrue(line.startsWith("unfold: "), r::toString);
        assertTrue(line.contains(Cli.printable(message)), () -> "expected the message to contain\n  " + message + "\n" + r);
        assertFalse(line.contains("Exception"), r::toString);
        assertTrue(line.chars().allMatch(ch -> ch >= 0x20 && ch != 0x7F), () -> "a control character reached stderr\n" + r);
        assertFalse(r.err().contains("\tat "), r::toString);
        assertArrayEquals(KEEP, Files.readAllBytes(out), "OUT changed");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(before, files.map(p -> p.getFileName().toString()).sorted().toList(), "files left behind");
        }
        try (Stream<Path> files = Files.list(dir.resolve("folder"))) {
            assertEquals(0, files.count(), "something was written into the folder");
        }
    }

    @Test
    void aColumnMatrixLargerThanTheHeapIsRefusedBeforeAllocating() throws IOException {
        long need = 2L * 46000 * 46000 * 8;
        assumeTrue(need > Runtime.getRuntime().maxMemory(), "this JVM's heap could hold the arrays");
        CliRun r = CliRun.of("im2col", dir.resolve("huge.npy").toString(), out.toString(), "--kernel", "1");
        assertOneLineFailure(r, "column matrix needs 32287.6 MiB");
        assertTrue(r.err().contains("but the JVM can allocate only about "), r::toString);
    }

    @Test
    void cudaRequestedWhereItIsUnavailable() throws IOException {
        assumeFalse(Backends.discover().availability("cuda").available(), "CUDA works here");
        String reason = Backends.discover().availability("cuda").detail();
        CliRun r = CliRun.of("im2col", dir.resolve("x.npy").toString(), out.toString(), "--kernel", "1",
                "--backend", "cuda");
        assertOneLineFailure(r, "CUDA backend unavailable: " + reason);
        assertOneLineFailure(CliRun.of("bench", "--workload", "classroom", "--backend", "cuda"),
                "CUDA backend unavailable: " + reason);
    }

    @Test
    void emptyFileNamesAreNamedByTheirParameter() throws IOException {
        assertOneLineFailure(CliRun.of("im2col", "", out.toString(), "--kernel", "1"), "IN: no file name given");
        assertOneLineFailure(CliRun.of("im2col", dir.resolve("x.npy").toString(), "", "--kernel", "1"),
                "OUT: no file name given");
    }

    @Test
    void devicesAreNeitherReadNorReplaced() throws IOException {
        Path zero = Path.of("/dev/zero");
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(zero) && Files.exists(devNull), "a system with /dev/zero and /dev/null");
        assertOneLineFailure(CliRun.of("im2col", zero.toString(), out.toString(), "--kernel", "1"),
                "/dev/zero: is not a regular file (a pipe or a device?)");
        assertOneLineFailure(CliRun.of("im2col", dir.resolve("x.npy").toString(), devNull.toString(), "--kernel", "1"),
                "/dev/null: is not a regular file (a device or a pipe?)");
        assertFalse(Files.isRegularFile(devNull));
    }

    @Test
    void aReadOnlyOutputIsRefused() throws IOException {
        Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
        try {
            assumeFalse(Files.isWritable(out), "root may write any file");
            assertOneLineFailure(CliRun.of("im2col", dir.resolve("x.npy").toString(), out.toString(), "--kernel", "1"),
                    out + ": the file is read-only");
        } finally {
            Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    @Test
    void anOutputThatIsTheInputIsRefusedAndTheInputKept() throws IOException {
        Path x = dir.resolve("x.npy");
        byte[] before = Files.readAllBytes(x);
        Path link = Files.createSymbolicLink(dir.resolve("folder").resolve("link.npy"), x);
        Path hard = Files.createLink(dir.resolve("folder").resolve("hard.npy"), x);
        try {
            for (String target : List.of(x.toString(), dir.resolve("folder").resolve("..").resolve("x.npy").toString(),
                    link.toString(), hard.toString())) {
                CliRun r = CliRun.of("im2col", x.toString(), target, "--kernel", "2");
                assertEquals(Cli.ERROR, r.exit(), r::toString);
                assertEquals("", r.out(), r::toString);
                assertEquals(List.of("unfold: " + target + ": is the input file itself; the result would replace "
                        + "the input: give OUT another name"), r.err().lines().toList(), r::toString);
                assertArrayEquals(before, Files.readAllBytes(x), "IN changed");
            }
            Npy.write(dir.resolve("col9.npy"), NdArray.of(new float[36], 9, 4));
            CliRun r = CliRun.of("col2im", dir.resolve("col9.npy").toString(), dir.resolve("col9.npy").toString(),
                    "--shape", "4,4", "--kernel", "2");
            assertEquals(Cli.ERROR, r.exit(), r::toString);
            assertTrue(r.err().contains("is the input file itself"), r::toString);
        } finally {
            Files.delete(link);
            Files.delete(hard);
        }
    }

    @Test
    void anOutputThatIsALinkIsWrittenThrough() throws IOException {
        Path elsewhere = Files.createDirectory(dir.resolve("folder").resolve("..").resolve("elsewhere"));
        Path real = Files.write(elsewhere.resolve("real.npy"), KEEP);
        Path link = Files.createSymbolicLink(elsewhere.resolve("link.npy"), real);
        CliRun r = CliRun.of("im2col", dir.resolve("x.npy").toString(), link.toString(), "--kernel", "2");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(Files.isSymbolicLink(link));
        assertArrayEquals(new int[] {9, 4}, Npy.read(real).shape());
    }
}
