package dev.unfold.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.core.DType;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.cpu.CpuBackend;
import dev.unfold.io.NdArray;
import dev.unfold.io.Npy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * im2col then col2im through the command line on random geometries, some of them invalid: a valid one
 * gives the backend's results, an invalid one exits 2 naming every problem the geometry has.
 */
class CliGeometryPropertiesTest {

    private static final byte[] KEEP = "old".getBytes(StandardCharsets.US_ASCII);
    private final CpuBackend cpu = new CpuBackend(1);
    private Path dir;

    @BeforeTry
    void makeDir() throws IOException {
        dir = Files.createTempDirectory("cli-prop");
    }

    @AfterTry
    void removeDir() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Property(tries = 100)
    void commandLineMatchesTheBackendOrSaysWhatIsWrong(
            @ForAll @IntRange(min = 1, max = 2) int n, @ForAll @IntRange(min = 1, max = 3) int c,
            @ForAll @IntRange(min = 1, max = 9) int h, @ForAll @IntRange(min = 1, max = 9) int w,
            @ForAll @IntRange(min = 1, max = 4) int kh, @ForAll @IntRange(min = 1, max = 4) int kw,
            @ForAll @IntRange(min = 1, max = 3) int sh, @ForAll @IntRange(min = 1, max = 3) int sw,
            @ForAll @IntRange(min = 0, max = 3) int ph, @ForAll @IntRange(min = 0, max = 3) int pw,
            @ForAll @IntRange(min = 1, max = 2) int dh, @ForAll @IntRange(min = 1, max = 2) int dw,
            @ForAll @IntRange(min = 0, max = 9) int sabotage,
            @ForAll Layout layout, @ForAll DType dtype, @ForAll long seed) throws IOException {
        // now and then one parameter out of its range; windows past the input happen by themselves
        switch (sabotage) {
            case 0 -> kh = 0;
            case 1 -> sw = 0;
            case 2 -> ph = -1;
            case 3 -> dw = -2;
            default -> { }
        }
        NdArray x = CliCommandsTest.random(dtype, seed, n, c, h, w);
        Path in = dir.resolve("x.npy");
        Npy.write(in, x);
        Path col = Files.write(dir.resolve("col.npy"), KEEP);
        String[] window = {"--kernel", kh + "," + kw, "--stride", sh + "," + sw, "--pad", ph + "," + pw,
                "--dilation", dh + "," + dw, "--layout", layout.label(), "--backend", "cpu"};
        CliRun r = CliRun.of(concat(new String[] {"im2col", in.toString(), col.toString()}, window));

        List<String> problems = Geometry.problems(n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw);
        Statistics.collect(problems.isEmpty() ? "valid" : "invalid");
        if (!problems.isEmpty()) {
            assertEquals(Cli.ERROR, r.exit(), r::toString);
            assertEquals(1, r.err().lines().count(), r::toString);
            for (String problem : problems) {
                assertTrue(r.err().contains(Cli.printable(problem)), r::toString);
            }
            assertArrayEquals(KEEP, Files.readAllBytes(col));
            return;
        }
        assertEquals(0, r.exit(), r::toString);
        Geometry g = new Geometry(n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw);
        NdArray columns = Npy.read(col);
        assertArrayEquals(layout.shape(g), columns.shape());

        Path img = dir.resolve("img.npy");
        CliRun back = CliRun.of(concat(new String[] {"col2im", col.toString(), img.toString(),
                "--shape", n + "," + c + "," + h + "," + w}, window));
        assertEquals(0, back.exit(), back::toString);
        NdArray image = Npy.read(img);
        assertArrayEquals(new int[] {n, c, h, w}, image.shape());
        if (dtype == DType.FLOAT32) {
            assertArrayEquals(cpu.im2col(g, layout, x.floats()), columns.floats());
            assertArrayEquals(cpu.col2im(g, layout, columns.floats()), image.floats());
        } else {
            assertArrayEquals(cpu.im2col(g, layout, x.doubles()), columns.doubles());
            assertArrayEquals(cpu.col2im(g, layout, columns.doubles()), image.doubles());
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
