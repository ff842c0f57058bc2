package dev.unfold.app.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.app.model.BackwardFrame;
import dev.unfold.app.model.ExportArray;
import dev.unfold.app.model.Frame;
import dev.unfold.app.model.Params;
import dev.unfold.app.model.ViewKind;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.ops.Conv2d;
import dev.unfold.cpu.CpuBackend;
import dev.unfold.io.NdArray;
import dev.unfold.io.Npy;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ClassroomExportFxTest extends ClassroomHarness {

    /** 3 × 3 input, 2 × 2 kernel, no padding: 4 windows of 4 taps, 16 moves, 17 frames. */
    private static final Params SMALL = new Params(1, 1, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1);

    @TempDir
    Path dir;

    @Start
    void start(Stage s) {
        begin(s);
    }

    private void small() throws Exception {
        settle();
        fxRun(() -> model.setParams(SMALL));
        settle();
        assertEquals(16, model.lengthProperty().get());
    }

    private static List<BufferedImage> gifFrames(Path gif) throws Exception {
        List<BufferedImage> frames = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
            r.setInput(in);
            for (int i = 0; i < r.getNumImages(true); i++) {
                frames.add(r.read(i));
            }
            r.dispose();
        }
        return frames;
    }

    private static int gifDelay(Path gif) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
            r.setInput(in);
            IIOMetadataNode root = (IIOMetadataNode) r.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode control = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
            r.dispose();
            return Integer.parseInt(control.getAttribute("delayTime"));
        }
    }

    private static boolean same(BufferedImage a, BufferedImage b) {
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void theViewAsPngAtOneTwoAndThreeTimes() throws Exception {
        small();
        BufferedImage[] shots = new BufferedImage[4];
        for (int s = 1; s <= 3; s++) {
            // the view's size as it is at this export (status text from the last one can change the room it has)
            Bounds b = fx(() -> {
                window.viewArea().getScene().getRoot().applyCss();
                window.viewArea().getScene().getRoot().layout();
                return window.viewArea().getLayoutBounds();
            });
            Path out = dir.resolve("view@" + s + "x.png");
            int scale = s;
            fxRun(() -> classroom.exporter().png(out, scale));
            exportDone();
            shots[s] = ImageIO.read(out.toFile());
            assertEquals(Math.ceil(b.getWidth() * s), shots[s].getWidth(), 1.0, s + "×");
            assertEquals(Math.ceil(b.getHeight() * s), shots[s].getHeight(), 1.0, s + "×");
            assertEquals(i18n.get("notice.saved", out.getFileName(), dir), classroom.notices().lastProperty().get().text());
        }
        // the canvases went back to screen resolution
        assertEquals(fx(() -> window.columnView().getWidth()) - 14, fx(() -> window.columnView().canvas().getWidth()), 1.0);
        assertTrue(fx(() -> window.columnView().canvas().getTransforms().isEmpty()));
        assertEquals(List.of("view@1x.png", "view@2x.png", "view@3x.png"), listing(dir));
        stillResponsive();
    }

    @Test
    void theAnimationAsAGifHasAFramePerPositionAtTheViewsSize() throws Exception {
        small();
        fxRun(() -> model.seek(7));
        Path out = dir.resolve("anim.gif");
        Bounds b = fx(() -> window.viewArea().getLayoutBounds());
        fxRun(() -> classroom.exporter().gif(out));
        exportDone();
        List<BufferedImage> frames = gifFrames(out);
        assertEquals(17, frames.size(), "positions 0 to 16");
        for (BufferedImage f : frames) {
            assertEquals(Math.ceil(b.getWidth()), f.getWidth(), 1.0);
            assertEquals(Math.ceil(b.getHeight()), f.getHeight(), 1.0);
        }
        for (int i = 1; i < frames.size(); i++) {
            assertFalse(same(frames.get(i - 1), frames.get(i)), "each move changes the picture: frame " + i);
        }
        assertEquals(25, gifDelay(out), "4 moves per second: 0.25 s a frame");
        assertEquals(7, model.position(), "the animation is back where it was");
        assertEquals(List.of("anim.gif"), listing(dir));
    }

    @Test
    void wherePointerRestsIsNotPartOfTheAnimationButAPinnedHighlightIs() throws Exception {
        small();
        fxRun(() -> classroom.exporter().gif(dir.resolve("plain.gif")));
        exportDone();
        fxRun(() -> model.hover(new dev.unfold.app.model.Focus.Input(0, 0, 1, 1)));
        fxRun(() -> classroom.exporter().gif(dir.resolve("hovered.gif")));
        exportDone();
        List<BufferedImage> plain = gifFrames(dir.resolve("plain.gif"));
        List<BufferedImage> hovered = gifFrames(dir.resolve("hovered.gif"));
        assertEquals(plain.size(), hovered.size());
        for (int i = 0; i < plain.size(); i++) {
            assertTrue(same(plain.get(i), hovered.get(i)), "frame " + i + " shows the pointer's highlight");
        }
        fxRun(() -> model.togglePin(new dev.unfold.app.model.Focus.Input(0, 0, 1, 1)));
        fxRun(() -> classroom.exporter().gif(dir.resolve("pinned.gif")));
        exportDone();
        assertFalse(same(plain.get(0), gifFrames(dir.resolve("pinned.gif")).get(0)), "a pinned highlight is kept");
    }

    @Test
    void theGemmViewsOwnPointerHighlightIsLeftOutToo(FxRobot robot) throws Exception {
        small();
        fxRun(() -> model.setView(ViewKind.GEMM));
        settle();
        fxRun(() -> classroom.exporter().gif(dir.resolve("plain.gif")));
        exportDone();
        GemmView gemm = window.deck().gemm().view();
        double[] cell = fx(() -> gemm.cellBounds(GemmView.Role.C, 0, 0));
        robot.moveTo(gemm.canvas().localToScreen(cell[0] + cell[2] / 2, cell[1] + cell[3] / 2));
        WaitForAsyncUtils.waitForFxEvents(4);
        assertTrue(fx(() -> gemm.pointedProperty().get() != null), "the pointer rests on y[0, 0]");
        fxRun(() -> classroom.exporter().gif(dir.resolve("hovered.gif")));
        exportDone();
        List<BufferedImage> plain = gifFrames(dir.resolve("plain.gif"));
        List<BufferedImage> hovered = gifFrames(dir.resolve("hovered.gif"));
        for (int i = 0; i < plain.size(); i++) {
            assertTrue(same(plain.get(i), hovered.get(i)), "frame " + i + " shows the pointer's highlight");
        }
    }

    @Test
    void anAnimationAskedForWhileTheNextResultIsComputedWaitsForIt() throws Exception {
        small();
        Path out = dir.resolve("mixed.gif");
        boolean[] disabled = new boolean[1];
        fxRun(() -> {
            model.setParams(new dev.unfold.app.model.Params(1, 1, 40, 40, 3, 3, 1, 1, 1, 1, 1, 1));
            disabled[0] = menuItem("menu-gif").isDisable();
            classroom.exporter().gif(out); // the shortcut, which a disabled item does not stop
        });
        assertTrue(disabled[0], "the animation exports are disabled while computing");
        assertEquals(i18n.get("notice.export.wait"), fx(() -> classroom.notices().lastProperty().get().text()));
        settle();
        assertFalse(fx(() -> menuItem("menu-gif").isDisable()), "and enabled once the result is drawn");
        assertEquals(List.of(), listing(dir), "nothing written from a mix of the old and the new geometry");
    }

    private javafx.scene.control.MenuItem menuItem(String id) {
        javafx.scene.control.MenuBar bar = (javafx.scene.control.MenuBar) window.root().getScene().getRoot()
                .lookup(".menu-bar");
        return bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                .flatMap(i -> i instanceof javafx.scene.control.Menu sub ? sub.getItems().stream() : java.util.stream.Stream.of(i))
                .filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    @Test
    void theAnimationAsNumberedPngFrames() throws Exception {
        small();
        Path out = dir.resolve("frames");
        fxRun(() -> classroom.exporter().frames(out));
        exportDone();
        List<String> names = listing(out);
        assertEquals(17, names.size());
        assertEquals("frame_0001.png", names.get(0));
        assertEquals("frame_0017.png", names.get(16));
        BufferedImage first = ImageIO.read(out.resolve("frame_0001.png").toFile());
        BufferedImage last = ImageIO.read(out.resolve("frame_0017.png").toFile());
        assertEquals(first.getWidth(), last.getWidth());
        assertFalse(same(first, last));
        assertEquals(List.of("frames"), listing(dir).stream().filter(n -> !n.contains("/")).toList());
    }

    @Test
    void theArraysAsNpyAndCsvAreTheCoresResult() throws Exception {
        small();
        for (Layout layout : new Layout[] {Layout.ROWS, Layout.TENSOR}) {
            fxRun(() -> model.setLayout(layout));
            settle();
            Frame f = model.frame();
            double[] core = new CpuBackend(1).im2col(f.geometry(), layout, f.input());
            assertArrayEquals(core, f.column());
            for (ExportArray a : ExportArray.of(f)) {
                Path npy = dir.resolve(a.stem() + "-" + layout.label() + ".npy");
                fxRun(() -> classroom.exporter().array(a, Exporter.Format.NPY, npy));
                exportDone();
                NdArray read = Npy.read(npy);
                assertArrayEquals(a.shape(), read.shape());
                assertArrayEquals(a.values(), read.doubles());
                if (a.key().equals("array.column")) {
                    assertArrayEquals(core, read.doubles(), "the file holds the core's im2col");
                    assertArrayEquals(layout.shape(f.geometry()), read.shape());
                } else {
                    assertArrayEquals(new int[] {1, 1, 3, 3}, read.shape());
                }

                Path csv = dir.resolve(a.stem() + "-" + layout.label() + ".csv");
                fxRun(() -> classroom.exporter().array(a, Exporter.Format.CSV, csv));
                exportDone();
                List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
                assertEquals(String.join(",", a.header()), lines.get(0));
                assertEquals(a.rows() + 1, lines.size());
                double[] parsed = lines.stream().skip(1).flatMap(l -> java.util.Arrays.stream(l.split(",")))
                        .mapToDouble(Double::parseDouble).toArray();
                assertArrayEquals(a.values(), parsed);
            }
        }
        assertEquals(8, listing(dir).size());
    }

    @Test
    void theGradientsOfTheBackwardViewsAreListedAndSavedAsTheCoreComputedThem() throws Exception {
        small();
        CpuBackend cpu = new CpuBackend(1);
        for (ViewKind view : new ViewKind[] {ViewKind.COL2IM, ViewKind.GEMM}) {
            fxRun(() -> model.setView(view));
            waitFor(20, () -> window.deck().backward().ready());
            BackwardFrame b = window.deck().backward().frame();
            Geometry g = b.geometry();
            Map<String, double[]> core = new HashMap<>();
            if (view == ViewKind.COL2IM) {
                core.put("array.gradColumn", b.gradColumn());
                core.put("array.gradInput", cpu.col2im(g, b.layout(), b.gradColumn()));
            } else {
                Conv2d conv = new Conv2d(cpu, g, b.outChannels());
                core.put("array.output", conv.forward(b.input(), b.weight(), b.bias()));
                Conv2d.Gradients grads = conv.backward(b.outputGrad());
                core.put("array.outputGrad", b.outputGrad());
                core.put("array.weight", b.weight());
                core.put("array.weightGrad", grads.weight());
                core.put("array.biasGrad", grads.bias());
                core.put("array.convGradColumn", grads.column());
                core.put("array.convGradInput", grads.input());
            }
            // the File menu lists them while this view is shown, after the im2col view's two
            Menu export = fx(() -> exportMenu());
            List<String> ids = fx(() -> {
                export.getOnShowing().handle(null);
                return export.getItems().stream().map(MenuItem::getId).filter(java.util.Objects::nonNull).toList();
            });
            List<ExportArray> arrays = view == ViewKind.COL2IM ? ExportArray.ofCol2im(b) : ExportArray.ofGemm(b);
            assertEquals(core.keySet(), arrays.stream().map(ExportArray::key).collect(java.util.stream.Collectors.toSet()));
            for (ExportArray a : arrays) {
                assertTrue(ids.contains("menu-" + a.stem() + "-npy") && ids.contains("menu-" + a.stem() + "-csv"),
                        a.stem() + " in " + ids);
                Path npy = dir.resolve(a.stem() + ".npy");
                fxRun(() -> classroom.exporter().array(a, Exporter.Format.NPY, npy));
                exportDone();
                NdArray read = Npy.read(npy);
                assertArrayEquals(a.shape(), read.shape());
                assertEquals(core.get(a.key()).length, read.doubles().length, a.key());
                assertArrayEquals(core.get(a.key()), read.doubles(), a.key() + " is the core's");
                Path csv = dir.resolve(a.stem() + ".csv");
                fxRun(() -> classroom.exporter().array(a, Exporter.Format.CSV, csv));
                exportDone();
                List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
                assertEquals(String.join(",", a.header()), lines.get(0));
                assertEquals(a.rows() + 1, lines.size());
                assertArrayEquals(core.get(a.key()), lines.stream().skip(1)
                        .flatMap(l -> java.util.Arrays.stream(l.split(","))).mapToDouble(Double::parseDouble).toArray());
            }
        }
        assertArrayEquals(new int[] {1, 1, 3, 3}, ExportArray.ofCol2im(window.deck().backward().frame()).get(1).shape());
        // back in the im2col view only its own arrays are offered
        fxRun(() -> model.setView(ViewKind.IM2COL));
        Menu export = fx(() -> exportMenu());
        List<String> ids = fx(() -> {
            export.getOnShowing().handle(null);
            return export.getItems().stream().map(MenuItem::getId).filter(java.util.Objects::nonNull).toList();
        });
        assertTrue(ids.stream().noneMatch(id -> id.contains("gradient")), ids.toString());
    }

    private Menu exportMenu() {
        for (Menu m : classroom.menuBar().getMenus()) {
            for (MenuItem it : m.getItems()) {
                if (it instanceof Menu sub && "menu-export".equals(sub.getId())) {
                    return sub;
                }
            }
        }
        throw new AssertionError("no export menu");
    }

    @Test
    void aCancelledExportLeavesNothing(FxRobot robot) throws Exception {
        settle();
        fxRun(() -> model.setParams(new Params(1, 1, 24, 24, 3, 3, 1, 1, 1, 1, 1, 1))); // 5184 moves
        settle();
        for (String name : new String[] {"long.gif", "long-frames"}) {
            Path out = dir.resolve(name);
            fxRun(() -> {
                if (name.endsWith(".gif")) {
                    classroom.exporter().gif(out);
                } else {
                    classroom.exporter().frames(out);
                }
            });
            waitFor(30, () -> robot.lookup("#export-cancel").tryQuery().isPresent()
                    && robot.lookup("#export-progress").queryAs(javafx.scene.control.ProgressBar.class)
                    .getProgress() > 0);
            assertTrue(classroom.exporter().busyProperty().get());
            robot.clickOn("#export-cancel");
            exportDone();
            Notices.Notice n = classroom.notices().lastProperty().get();
            assertFalse(n.error());
            assertEquals("Export cancelled", n.title());
            assertEquals(List.of(), listing(dir), "nothing written, no temporary files");
            assertFalse(robot.lookup("#export-cancel").tryQuery().isPresent(), "the progress window is gone");
        }
        stillResponsive();
    }

    @Test
    void aFullDiskIsReportedInKoreanAndTheOldFileSurvives() throws Exception {
        small();
        fxRun(() -> classroom.setLanguage(Locale.KOREAN));
        Path out = dir.resolve("anim.gif");
        Files.writeString(out, "yesterday's export");
        streams = diskFullAfter(4000);
        fxRun(() -> classroom.exporter().gif(out));
        exportDone();
        Notices.Notice n = classroom.notices().lastProperty().get();
        assertTrue(n.error());
        assertEquals("내보낼 수 없습니다", n.title());
        assertEquals(out + "에 쓸 수 없습니다: 디스크가 가득 찼습니다.", n.text());
        waitFor(10, () -> windowShowing("디스크가 가득 찼습니다") != null);
        assertEquals("yesterday's export", Files.readString(out), "the old file is untouched");
        assertEquals(List.of("anim.gif"), listing(dir), "no temporary file left");

        Path npy = dir.resolve("input.npy");
        ExportArray input = ExportArray.of(model.frame()).get(0);
        streams = diskFullAfter(40);
        fxRun(() -> classroom.exporter().array(input, Exporter.Format.NPY, npy));
        exportDone();
        assertEquals(npy + "에 쓸 수 없습니다: 디스크가 가득 찼습니다.", classroom.notices().lastProperty().get().text());
        assertEquals(List.of("anim.gif"), listing(dir));
        stillResponsive();
    }

    @Test
    void anUnwritableFolderIsNamedAndKeepsItsFiles() throws Exception {
        small();
        Path folder = Files.createDirectory(dir.resolve("handouts"));
        Files.writeString(folder.resolve("notes.txt"), "keep me");
        Path out = folder.resolve("view.png");
        try (AutoCloseable locked = lock(folder)) {
            fxRun(() -> classroom.exporter().png(out, 2));
            exportDone();
            Notices.Notice n = classroom.notices().lastProperty().get();
            assertTrue(n.error());
            assertEquals("Cannot write " + out + ": the folder " + folder + " is not writable.", n.text());
            waitFor(10, () -> windowShowing("is not writable") != null);
            fxRun(() -> classroom.exporter().frames(folder.resolve("frames")));
            exportDone();
            assertEquals("Cannot write " + folder.resolve("frames") + ": the folder " + folder + " is not writable.",
                    classroom.notices().lastProperty().get().text());
        }
        assertEquals(List.of("notes.txt"), listing(folder));
        assertEquals("keep me", Files.readString(folder.resolve("notes.txt")));
        stillResponsive();
    }
}
