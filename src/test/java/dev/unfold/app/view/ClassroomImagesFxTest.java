package dev.unfold.app.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;
import dev.unfold.app.model.Frame;
import dev.unfold.app.model.ImageInput;
import dev.unfold.app.model.InputPreset;
import dev.unfold.cpu.CpuBackend;
import dev.unfold.media.ColorMode;
import dev.unfold.media.Framing;
import dev.unfold.media.ImageImporter;
import dev.unfold.media.SampleImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ClassroomImagesFxTest extends ClassroomHarness {

    @TempDir
    Path dir;

    @Start
    void start(javafx.stage.Stage s) {
        begin(s);
    }

    /** Colours that change along both axes, so any resize or channel mix-up shows. */
    private static BufferedImage picture(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x * 255 / (w - 1)) << 16 | (y * 255 / (h - 1)) << 8 | ((x + y) * 7 % 256));
            }
        }
        return img;
    }

    private Path png(String name, BufferedImage img) throws IOException {
        Path p = dir.resolve(name);
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    private ImageImportDialog dialog() throws Exception {
        waitFor(20, () -> classroom.images().dialogProperty().get() != null
                && classroom.images().dialogProperty().get().isShowing());
        return classroom.images().dialogProperty().get();
    }

    @Test
    void aFileBecomesTheInputWithTheChosenChannelsFramingAndSize(FxRobot robot) throws Exception {
        settle();
        BufferedImage pic = picture(40, 30);
        Path file = png("my_photo.png", pic);
        fxRun(() -> classroom.images().open(file));
        ImageImportDialog d = dialog();
        keepForReview("image-dialog.png");
        assertTrue(d.getTitle().startsWith("Use an image"), d.getTitle());
        // the seed's 4 × 4 is too small for a picture: 16 × 16 is offered, RGB for a colour picture
        assertEquals(16, ((Spinner<?>) robot.lookup("#image-height").query()).getValue());
        assertTrue(((RadioButton) robot.lookup("#image-rgb").query()).isSelected());
        javafx.scene.image.ImageView preview = robot.lookup("#image-preview").queryAs(javafx.scene.image.ImageView.class);
        assertEquals(16 * 16, preview.getImage().getWidth(), "16 cells of 16 pixels");

        robot.clickOn("#image-stretch");
        fxRun(() -> {
            ((Spinner<Integer>) robot.lookup("#image-height").query()).getValueFactory().setValue(9);
            ((Spinner<Integer>) robot.lookup("#image-width").query()).getValueFactory().setValue(12);
        });
        assertEquals(12 * 21, preview.getImage().getWidth(), "the preview follows the size: 12 cells across");
        assertEquals(9 * 21, preview.getImage().getHeight());
        robot.clickOn("#image-use");
        settle();

        Frame f = model.frame();
        assertEquals(3, f.geometry().c());
        assertEquals(9, f.geometry().h());
        assertEquals(12, f.geometry().w());
        double[] expected = ImageImporter.toTensor(ImageIO.read(file.toFile()), 9, 12, ColorMode.RGB, Framing.STRETCH)
                .values();
        assertArrayEquals(expected, f.input(), "the input is the picture, resized");
        assertArrayEquals(new CpuBackend(1).im2col(f.geometry(), f.layout(), expected), f.column());
        assertTrue(model.inputProperty().get() instanceof ImageInput);
        javafx.scene.control.MenuButton named = robot.lookup("#input-values").queryAs(javafx.scene.control.MenuButton.class);
        assertEquals("x: my_photo.png", named.getText(), "the tool bar names the picture");
        assertFalse(named.isMnemonicParsing(), "an underscore in the name is shown, not taken for a shortcut");
        assertEquals(named.getText(), named.getTooltip().getText(), "the whole name on hover");
        assertEquals(javafx.scene.control.OverrunStyle.CENTER_WORD_ELLIPSIS, named.getTextOverrun(),
                "a long picture name keeps its start and end");
        assertEquals(ColorMode.RGB, classroom.settings().imageMode());
        assertEquals(Framing.STRETCH, classroom.settings().framing());
        assertEquals(Framing.STRETCH, saved.get(saved.size() - 1).framing(), "remembered");

        // back to the numbered input from the File menu
        MenuItem ramp = menuItem("menu-ramp");
        fxRun(ramp::fire);
        settle();
        assertSame(InputPreset.RAMP, model.inputProperty().get());
        assertEquals(1.0, model.frame().input()[0]);
        assertEquals(javafx.scene.control.OverrunStyle.ELLIPSIS, named.getTextOverrun(),
                "a preset's name, which ends in its own '…', is shortened at the end, not cut in the middle");
    }

    @Test
    void aLargePhotoIsDescribedAtItsOwnSizeNotTheReducedCopys(FxRobot robot) throws Exception {
        settle();
        // larger than ImageInput.MAX_SIDE on both sides: the dialog works on a 1024 × 768 copy
        Path file = png("classroom_photo.png", picture(2000, 1500));
        fxRun(() -> classroom.images().open(file));
        dialog();
        String caption = robot.lookup("#image-original-caption").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(caption.contains("2000 × 1500"), caption);
        fxRun(() -> ((javafx.scene.control.Button) robot.lookup("#image-cancel").query()).fire());
    }

    @Test
    void cancellingThePreviewKeepsTheInput(FxRobot robot) throws Exception {
        settle();
        Path file = png("photo.png", picture(20, 20));
        double[] before = model.frame().input();
        fxRun(() -> classroom.images().open(file));
        dialog();
        robot.clickOn("#image-cancel");
        waitFor(5, () -> classroom.images().dialogProperty().get() == null);
        settle();
        assertArrayEquals(before, model.frame().input());
        assertSame(InputPreset.RAMP, model.inputProperty().get());
    }

    @Test
    void aSampleFromTheMenuIsOfferedAsGrayscaleWhenItIsGrey(FxRobot robot) throws Exception {
        settle();
        MenuItem digit = menuItem("menu-sample-digit");
        assertEquals("Handwritten digit 2 (grayscale)", digit.getText());
        fxRun(digit::fire);
        dialog();
        assertTrue(((RadioButton) robot.lookup("#image-gray").query()).isSelected());
        robot.clickOn("#image-use");
        settle();
        Frame f = model.frame();
        assertEquals(1, f.geometry().c());
        assertArrayEquals(ImageImporter.toTensor(SampleImage.DIGIT.image(), 16, 16, ColorMode.GRAYSCALE, Framing.CROP)
                .values(), f.input());
    }

    /**
     * A drag and drop gesture as the toolkit delivers one from the desktop: a dragboard holding files that
     * may be copied. The toolkit's own local clipboard cannot say which transfers it allows, so the dragboard
     * gets a small clipboard of its own.
     */
    private static Dragboard dragboard(File... files) throws Exception {
        Class.forName(Dragboard.class.getName(), true, Dragboard.class.getClassLoader()); // installs the helper
        Dragboard board = DragboardHelper.createDragboard(new DesktopDrag());
        DragboardHelper.setDataAccessRestriction(board, false);
        board.setContent(Map.of(DataFormat.FILES, List.of(files)));
        return board;
    }

    private static final class DesktopDrag implements TKClipboard {
        private final Map<DataFormat, Object> content = new java.util.HashMap<>();

        @Override
        public void setSecurityContext(java.security.AccessControlContext context) {
        }

        @Override
        public java.util.Set<DataFormat> getContentTypes() {
            return content.keySet();
        }

        @SafeVarargs
        @Override
        public final boolean putContent(javafx.util.Pair<DataFormat, Object>... items) {
            content.clear();
            for (javafx.util.Pair<DataFormat, Object> p : items) {
                content.put(p.getKey(), p.getValue());
            }
            return true;
        }

        @Override
        public Object getContent(DataFormat format) {
            return content.get(format);
        }

        @Override
        public boolean hasContent(DataFormat format) {
            return content.containsKey(format);
        }

        @Override
        public java.util.Set<TransferMode> getTransferModes() {
            return java.util.EnumSet.of(TransferMode.COPY, TransferMode.LINK);
        }

        @Override
        public void setDragView(javafx.scene.image.Image image) {
        }

        @Override
        public void setDragViewOffsetX(double x) {
        }

        @Override
        public void setDragViewOffsetY(double y) {
        }

        @Override
        public javafx.scene.image.Image getDragView() {
            return null;
        }

        @Override
        public double getDragViewOffsetX() {
            return 0;
        }

        @Override
        public double getDragViewOffsetY() {
            return 0;
        }
    }

    private DragEvent drag(javafx.event.EventType<DragEvent> type, Dragboard board) {
        Point2D at = window.inputView().localToScene(100, 100);
        Point2D screen = window.inputView().localToScreen(100, 100);
        return new DragEvent(window.inputView(), window.inputView(), type, board, at.getX(), at.getY(),
                screen.getX(), screen.getY(), TransferMode.COPY, null, null, null);
    }

    @Test
    void anImageDroppedOntoTheInputViewOpensThePreview(FxRobot robot) throws Exception {
        settle();
        Path file = png("dropped.png", picture(32, 32));
        Path text = Files.writeString(dir.resolve("notes.txt"), "no picture", StandardCharsets.UTF_8);
        Dragboard board = fx(() -> dragboard(text.toFile(), file.toFile()));

        DragEvent over = fx(() -> {
            DragEvent e = drag(DragEvent.DRAG_OVER, board);
            Event.fireEvent(window.inputView(), e);
            return e;
        });
        assertTrue(over.isAccepted(), "an image file is accepted");
        fxRun(() -> Event.fireEvent(window.inputView(), drag(DragEvent.DRAG_ENTERED, board)));
        assertTrue(window.inputView().getParent().getStyleClass().contains("drop-target"), "the pane lights up");

        DragEvent onlyText = fx(() -> {
            DragEvent e = drag(DragEvent.DRAG_OVER, dragboard(text.toFile()));
            Event.fireEvent(window.inputView(), e);
            return e;
        });
        assertFalse(onlyText.isAccepted(), "a text file is not");

        fxRun(() -> Event.fireEvent(window.inputView(), drag(DragEvent.DRAG_DROPPED, board)));
        assertFalse(window.inputView().getParent().getStyleClass().contains("drop-target"));
        dialog();
        robot.clickOn("#image-gray");
        robot.clickOn("#image-use");
        settle();
        assertEquals(1, model.frame().geometry().c());
        assertArrayEquals(ImageImporter.toTensor(ImageIO.read(file.toFile()), 16, 16, ColorMode.GRAYSCALE,
                Framing.CROP).values(), model.frame().input());
    }

    // ---- bad input ---------------------------------------------------------------------------------

    /** A PNG of one chunk IHDR declaring the size, then a few bytes of image data, then IEND. */
    private static byte[] pngHeader(int w, int h) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(w);
        d.writeInt(h);
        d.write(new byte[] {8, 2, 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IDAT", new byte[] {1, 2, 3, 4});
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        out.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    private void refused(Path file, String expected) throws Exception {
        double[] before = model.frame().input();
        fxRun(() -> classroom.images().open(file));
        waitFor(20, () -> classroom.notices().lastProperty().get() != null
                && classroom.notices().lastProperty().get().text().equals(expected));
        Notices.Notice n = classroom.notices().lastProperty().get();
        assertTrue(n.error());
        assertEquals(i18n.get("notice.open.failed"), n.title());
        waitFor(10, () -> windowShowing(expected) != null); // the notification is on screen
        assertNull(classroom.images().dialogProperty().get(), "no preview for a file that cannot be used");
        assertArrayEquals(before, model.frame().input(), "the input is as it was");
        stillResponsive();
    }

    @Test
    void anUnreadableImageIsExplainedAndNothingChanges() throws Exception {
        settle();
        Path fake = Files.writeString(dir.resolve("fake.png"), "this is not a picture", StandardCharsets.UTF_8);
        refused(fake, "fake.png is not a PNG, JPEG, GIF or BMP image.");
    }

    @Test
    void aTruncatedImageIsExplainedInKorean() throws Exception {
        settle();
        byte[] whole = Files.readAllBytes(png("whole.png", picture(64, 64)));
        Path cut = Files.write(dir.resolve("cut.png"), java.util.Arrays.copyOf(whole, whole.length / 2));
        fxRun(() -> classroom.setLanguage(Locale.KOREAN));
        fxRun(() -> classroom.images().open(cut));
        waitFor(20, () -> classroom.notices().lastProperty().get() != null);
        String text = classroom.notices().lastProperty().get().text();
        assertTrue(text.startsWith("cut.png이(가) 잘렸거나 손상되었습니다: "), text);
        assertEquals("이미지를 열 수 없습니다", classroom.notices().lastProperty().get().title());
        waitFor(10, () -> windowShowing("잘렸거나 손상되었습니다") != null);
        Thread.sleep(600); // the notice slides in
        keepForReview("notice-korean.png");
        assertNull(classroom.images().dialogProperty().get());
        stillResponsive();
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeader() throws Exception {
        settle();
        Path bomb = Files.write(dir.resolve("bomb.png"), pngHeader(100_000, 100_000));
        assertTrue(Files.size(bomb) < 100);
        refused(bomb, "bomb.png is 100000 × 100000 pixels (10000 megapixels); Unfold opens images of up to "
                + "40 megapixels.");
    }

    private MenuItem menuItem(String id) {
        for (javafx.scene.control.Menu m : classroom.menuBar().getMenus()) {
            MenuItem found = find(m, id);
            if (found != null) {
                return found;
            }
        }
        throw new AssertionError("no menu item " + id);
    }

    private static MenuItem find(MenuItem item, String id) {
        if (id.equals(item.getId())) {
            return item;
        }
        if (item instanceof javafx.scene.control.Menu m) {
            for (MenuItem child : m.getItems()) {
                MenuItem found = find(child, id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
