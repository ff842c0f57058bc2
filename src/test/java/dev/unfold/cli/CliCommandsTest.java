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
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The commands end to end: .npy files in, Cli.run, .npy files out, compared with the CPU backend. */
class CliCommandsTest {

    private static final CpuBackend CPU = new CpuBackend(1);

    @TempDir
    Path dir;

    @AfterAll
    static void closeBackend() {
        CPU.close();
    }

    static NdArray random(DType dtype, long seed, int... shape) {
        Random rnd = new Random(seed);
        int count = (int) NdArray.elementCount(shape);
        if (dtype == DType.FLOAT32) {
            float[] f = new float[count];
            for (int i = 0; i < count; i++) {
                f[i] = (float) rnd.nextGaussian();
            }
            return NdArray.of(f, shape);
        }
        double[] d = new double[count];
        for (int i = 0; i < count; i++) {
            d[i] = rnd.nextGaussian();
        }
        return NdArray.of(d, shape);
    }

    private Path save(String name, NdArray a) throws IOException {
        Path p = dir.resolve(name);
        Npy.write(p, a);
        return p;
    }

    private static CliRun ok(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err(), r::toString);
        return r;
    }

    /** N=2, C=3, H=7, W=6 with a window that is different along each axis. */
    private static final Geometry G = new Geometry(2, 3, 7, 6, 3, 2, 2, 1, 1, 0, 1, 2);
    private static final String[] WINDOW = {"--kernel", "3,2", "--stride", "2,1", "--pad", "1,0", "--dilation", "1,2"};

    private static String[] args(String[] head, String... tail) {
        String[] all = Arrays.copyOf(head, head.length + WINDOW.length + tail.length);
        System.arraycopy(WINDOW, 0, all, head.length, WINDOW.length);
        System.arraycopy(tail, 0, all, head.length + WINDOW.length, tail.length);
        return all;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"rows, float32", "rows, float64", "tensor, float32", "tensor, float64", "torch, float32", "torch, float64"})
    void im2colWritesWhatTheBackendComputes(String layoutName, String dtypeName) throws IOException {
        Layout layout = Layout.parse(layoutName);
        DType dtype = DType.parse(dtypeName);
        NdArray x = random(dtype, 1, G.n(), G.c(), G.h(), G.w());
        Path in = save("x.npy", x);
        Path out = dir.resolve("col.npy");
        CliRun r = ok(args(new String[] {"im2col", in.toString(), out.toString()}, "--layout", layoutName,
                "--backend", "cpu"));
        assertTrue(r.out().startsWith("wrote " + out + ": "), r::toString);

        NdArray col = Npy.read(out);
        assertEquals(dtype, col.dtype());
        assertArrayEquals(layout.shape(G), col.shape());
        if (dtype == DType.FLOAT32) {
            assertArrayEquals(CPU.im2col(G, layout, x.floats()), col.floats());
        } else {
            assertArrayEquals(CPU.im2col(G, layout, x.doubles()), col.doubles());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"rows, float32", "rows, float64", "tensor, float32", "tensor, float64", "torch, float32", "torch, float64"})
    void col2imWritesWhatTheBackendComputes(String layoutName, String dtypeName) throws IOException {
        Layout layout = Layout.parse(layoutName);
        DType dtype = DType.parse(dtypeName);
        NdArray col = random(dtype, 2, layout.shape(G));
        Path in = save("col.npy", col);
        Path out = dir.resolve("img.npy");
        ok(args(new String[] {"col2im", in.toString(), out.toString(), "--shape", "2,3,7,6"}, "--layout", layoutName));

        NdArray img = Npy.read(out);
        assertEquals(dtype, img.dtype());
        assertArrayEquals(new int[] {2, 3, 7, 6}, img.shape());
        if (dtype == DType.FLOAT32) {
            assertArrayEquals(CPU.col2im(G, layout, col.floats()), img.floats());
        } else {
            assertArrayEquals(CPU.col2im(G, layout, col.doubles()), img.doubles());
        }
    }

    @Test
    void im2colMatchesTheDefinition() throws IOException {
        NdArray x = random(DType.FLOAT64, 3, G.n(), G.c(), G.h(), G.w());
        Path out = dir.resolve("col.npy");
        ok(args(new String[] {"im2col", save("x.npy", x).toString(), out.toString()}));
        double[] expected = NaiveUnfold.im2colRows(x.doubles(), 2, 3, 7, 6, 3, 2, 2, 1, 1, 0, 1, 2);
        assertArrayEquals(expected, Npy.read(out).doubles());
    }

    @Test
    void twoAndThreeDimensionalInputsAreOneImageAndOneChannel() throws IOException {
        NdArray hw = random(DType.FLOAT32, 4, 5, 6);
        Path out = dir.resolve("col.npy");
        ok("im2col", save("hw.npy", hw).toString(), out.toString(), "--kernel", "2");
        Geometry g = new Geometry(1, 1, 5, 6, 2, 2, 1, 1, 0, 0, 1, 1);
        assertArrayEquals(new int[] {20, 4}, Npy.read(out).shape());
        assertArrayEquals(CPU.im2col(g, Layout.ROWS, hw.floats()), Npy.read(out).floats());

        NdArray chw = random(DType.FLOAT32, 5, 2, 5, 6);
        ok("im2col", save("chw.npy", chw).toString(), out.toString(), "--kernel", "2", "--layout", "tensor");
        Geometry g3 = g.withInput(1, 2, 5, 6);
        assertArrayEquals(new int[] {1, 2, 2, 2, 4, 5}, Npy.read(out).shape());
        assertArrayEquals(CPU.im2col(g3, Layout.TENSOR, chw.floats()), Npy.read(out).floats());
    }

    @Test
    void col2imWithAShortShapeGivesThatManyDimensions() throws IOException {
        Geometry g = new Geometry(1, 1, 5, 6, 2, 2, 1, 1, 0, 0, 1, 1);
        NdArray col = random(DType.FLOAT64, 6, Layout.TORCH.shape(g));
        Path out = dir.resolve("img.npy");
        ok("col2im", save("col.npy", col).toString(), out.toString(), "--shape", "5,6", "--kernel", "2",
                "--layout", "torch");
        NdArray img = Npy.read(out);
        assertArrayEquals(new int[] {5, 6}, img.shape());
        assertArrayEquals(CPU.col2im(g, Layout.TORCH, col.doubles()), img.doubles());
    }

    @Test
    void fortranOrderInputGivesTheSameResultAsCOrder() throws IOException {
        Path fortran = Path.of(NpyFixtures.path("f8_fortran.npy"));
        NdArray c = Npy.read(fortran); // the reader's C-order view of the same values
        Path fromFortran = dir.resolve("a.npy");
        Path fromC = dir.resolve("b.npy");
        ok("im2col", fortran.toString(), fromFortran.toString(), "--kernel", "2", "--pad", "1");
        ok("im2col", save("c.npy", c).toString(), fromC.toString(), "--kernel", "2", "--pad", "1");
        assertArrayEquals(Npy.read(fromC).doubles(), Npy.read(fromFortran).doubles());
    }

    @Test
    void nanAndInfinitiesPassThroughIm2colUnchanged() throws IOException {
        int h = 5;
        int w = 4;
        float[] x = new float[h * w];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        x[0] = Float.NaN;
        x[6] = Float.POSITIVE_INFINITY;
        x[13] = Float.NEGATIVE_INFINITY;
        x[19] = -0.0f;
        Path out = dir.resolve("col.npy");
        ok("im2col", save("x.npy", NdArray.of(x, h, w)).toString(), out.toString(), "--kernel", "3", "--pad", "1");
        float[] col = Npy.read(out).floats();

        double[] wide = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            wide[i] = x[i];
        }
        double[] expected = NaiveUnfold.im2colRows(wide, 1, 1, h, w, 3, 3, 1, 1, 1, 1, 1, 1);
        float[] narrow = new float[expected.length];
        for (int i = 0; i < expected.length; i++) {
            narrow[i] = (float) expected[i];
        }
        assertArrayEquals(narrow, col); // compares bits: NaN to NaN, −0 apart from 0
        // a corner pixel sits in 4 windows of a 3×3 kernel with padding 1, an inner one in 9
        assertEquals(4, count(col, Float.NaN));
        assertEquals(9, count(col, Float.POSITIVE_INFINITY));
        assertEquals(9, count(col, Float.NEGATIVE_INFINITY));
    }

    private static int count(float[] values, float v) {
        int count = 0;
        for (float f : values) {
            count += Float.floatToIntBits(f) == Float.floatToIntBits(v) ? 1 : 0;
        }
        return count;
    }

    @ParameterizedTest
    @ValueSource(strings = {"im2col", "col2im", "info", "bench", "render"})
    void everyCommandHasHelp(String command) {
        CliRun r = ok(command, "--help");
        assertTrue(r.out().contains("\nUsage: unfold " + command + " "), r::toString);
        CliRun viaHelp = ok("help", command);
        assertEquals(r.out(), viaHelp.out());
    }

    @Test
    void infoNamesTheVersionJavaAndEachBackend() {
        CliRun r = ok("info");
        String[] lines = r.out().split("\n");
        assertTrue(Pattern.matches("unfold \\d+\\.\\d+\\.\\d+.*", lines[0]), r::toString);
        assertTrue(lines[1].startsWith("java " + System.getProperty("java.version")), r::toString);
        assertTrue(r.out().contains("\n  cpu   available "), r::toString);
        assertTrue(Pattern.compile("\n  cuda  (available|unavailable) +\\S").matcher(r.out()).find(), r::toString);
    }
}
