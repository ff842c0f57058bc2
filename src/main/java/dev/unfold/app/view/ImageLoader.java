package dev.unfold.app.view;

import dev.unfold.app.i18n.ErrorText;
import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.ImageInput;
import dev.unfold.app.model.MainModel;
import dev.unfold.app.model.Pair;
import dev.unfold.app.model.ParamKey;
import dev.unfold.app.model.Params;
import dev.unfold.media.ColorMode;
import dev.unfold.media.ImageImporter;
import dev.unfold.media.SampleImage;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.stage.Modality;

/**
 * Takes an image in as the input: from a file (the File menu, or dropped onto the input view) or a bundled
 * sample. Files are decoded on a background thread by {@link ImageImporter}, which refuses images whose
 * header declares more pixels than it will decode; then {@link ImageImportDialog} shows the preview and the
 * choices, and the choice becomes the model's input with the image's channels and size. A file that cannot
 * be used is reported in a notice, and the input stays as it was.
 */
public final class ImageLoader {

    private final MainWindow window;
    private final MainModel model;
    private final I18n i18n;
    private final Notices notices;
    private final Supplier<ClassroomSettings> settings;
    private final Consumer<ClassroomSettings> remember;
    private final ImageImporter importer;
    private final ExecutorService decoder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "unfold-image");
        t.setDaemon(true);
        return t;
    });
    private final ReadOnlyObjectWrapper<ImageImportDialog> dialog = new ReadOnlyObjectWrapper<>(this, "dialog");

    public ImageLoader(MainWindow window, MainModel model, I18n i18n, Notices notices,
                       Supplier<ClassroomSettings> settings, Consumer<ClassroomSettings> remember,
                       ImageImporter importer) {
        this.window = window;
        this.model = model;
        this.i18n = i18n;
        this.notices = notices;
        this.settings = settings;
        this.remember = remember;
        this.importer = importer;
    }

    /** The preview dialog while it is open, else null. */
    public ReadOnlyObjectProperty<ImageImportDialog> dialogProperty() {
        return dialog.getReadOnlyProperty();
    }

    /** Decodes {@code file} in the background, then asks how to use it. */
    public void open(Path file) {
        Node root = window.root();
        root.setCursor(Cursor.WAIT);
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        decoder.execute(() -> {
            try {
                BufferedImage decoded = importer.read(file);
                BufferedImage kept = ImageInput.of(name, decoded, ColorMode.RGB, settings.get().framing()).picture();
                int fileWidth = decoded.getWidth();
                int fileHeight = decoded.getHeight();
                Platform.runLater(() -> {
                    root.setCursor(null);
                    ask(name, kept, fileWidth, fileHeight);
                });
            } catch (Exception | OutOfMemoryError e) {
                Platform.runLater(() -> {
                    root.setCursor(null);
                    notices.error("notice.open.failed", ErrorText.of(e, i18n));
                });
            }
        });
    }

    /** Offers one of the bundled samples. */
    public void openSample(SampleImage sample) {
        BufferedImage image = sample.image();
        ask(i18n.get(sample.messageKey()), image, image.getWidth(), image.getHeight());
    }

    /** Applies a choice: the picture becomes the input, with its channels and size. */
    public void use(ImageImportDialog.Choice c) {
        Params p = model.params().with(ParamKey.C, c.input().mode().channels()).with(ParamKey.H, c.height())
                .with(ParamKey.W, c.width());
        model.setInput(c.input(), p);
        if (c.height() == c.width()) {
            model.setLinked(Pair.SIZE, true);
        }
        remember.accept(settings.get().withImage(c.input().mode(), c.input().framing()));
    }

    /** {@code fileWidth} × {@code fileHeight}: the size in the file, which {@code picture} may be reduced from. */
    private void ask(String name, BufferedImage picture, int fileWidth, int fileHeight) {
        if (dialog.get() != null) {
            dialog.get().close();
        }
        Params p = model.params();
        int h = Math.min(p.h(), p.w()) >= 8 ? p.h() : 16;
        int w = Math.min(p.h(), p.w()) >= 8 ? p.w() : 16;
        ColorMode mode = grey(picture) ? ColorMode.GRAYSCALE : settings.get().imageMode();
        ImageImportDialog d = new ImageImportDialog(name, picture, fileWidth, fileHeight, h, w, mode,
                settings.get().framing(), i18n);
        if (window.root().getScene() != null && window.root().getScene().getWindow() != null) {
            d.initOwner(window.root().getScene().getWindow());
            d.initModality(Modality.WINDOW_MODAL);
        }
        DialogStyle.copy(window, d.getDialogPane());
        d.setOnHidden(e -> {
            dialog.set(null);
            if (d.getResult() != null) {
                use(d.getResult());
            }
        });
        dialog.set(d);
        d.show();
    }

    /** True when every pixel has equal red, green and blue: such a picture is offered as grayscale. */
    private static boolean grey(BufferedImage img) {
        int step = Math.max(1, Math.max(img.getWidth(), img.getHeight()) / 128);
        for (int y = 0; y < img.getHeight(); y += step) {
            for (int x = 0; x < img.getWidth(); x += step) {
                int p = img.getRGB(x, y);
                if (((p >> 16) & 0xff) != ((p >> 8) & 0xff) || ((p >> 8) & 0xff) != (p & 0xff)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Lets image files be dropped onto {@code target}; the pane around it lights up while one is over it. */
    public void acceptDrops(Node target) {
        Node frame = target.getParent() == null ? target : target.getParent();
        target.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (droppedImage(e.getDragboard()) != null) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        target.addEventHandler(DragEvent.DRAG_ENTERED, e -> {
            if (droppedImage(e.getDragboard()) != null && !frame.getStyleClass().contains("drop-target")) {
                frame.getStyleClass().add("drop-target");
            }
        });
        target.addEventHandler(DragEvent.DRAG_EXITED, e -> frame.getStyleClass().remove("drop-target"));
        target.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            File file = droppedImage(e.getDragboard());
            frame.getStyleClass().remove("drop-target");
            if (file != null) {
                open(file.toPath());
            }
            e.setDropCompleted(file != null);
            e.consume();
        });
    }

    /** The first dropped file whose name says it is an image we open, or null. */
    static File droppedImage(Dragboard board) {
        if (board == null || !board.hasFiles()) {
            return null;
        }
        List<File> files = board.getFiles();
        for (File f : files) {
            String n = f.getName().toLowerCase(Locale.ROOT);
            int dot = n.lastIndexOf('.');
            if (dot >= 0 && ImageImporter.EXTENSIONS.contains(n.substring(dot + 1))) {
                return f;
            }
        }
        return null;
    }
}
