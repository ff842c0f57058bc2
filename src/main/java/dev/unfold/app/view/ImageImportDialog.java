package dev.unfold.app.view;

import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.ImageInput;
import dev.unfold.app.model.ParamKey;
import dev.unfold.media.ColorMode;
import dev.unfold.media.Framing;
import java.awt.image.BufferedImage;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Before an image becomes the input: the picture as opened, beside what the grid will get, drawn cell for
 * cell (nearest neighbour, no smoothing), updated as the choices change: grayscale (C = 1) or RGB (C = 3),
 * crop to fill or stretch, and the input size H × W.
 */
public final class ImageImportDialog extends Dialog<ImageImportDialog.Choice> {

    /** What was chosen: the input, and the grid size it is resized to. */
    public record Choice(ImageInput input, int height, int width) {
    }

    public static final ButtonType USE = new ButtonType("use", ButtonBar.ButtonData.OK_DONE);
    private static final double VIEW = 260;

    private final String name;
    private final BufferedImage picture;
    private final I18n i18n;
    private final ToggleGroup modes = new ToggleGroup();
    private final ToggleGroup framings = new ToggleGroup();
    private final Spinner<Integer> height;
    private final Spinner<Integer> width;
    private final ImageView preview = new ImageView();
    private final Label previewCaption = new Label();

    public ImageImportDialog(String name, BufferedImage picture, int h, int w, ColorMode mode, Framing framing,
                             I18n i18n) {
        this(name, picture, picture.getWidth(), picture.getHeight(), h, w, mode, framing, i18n);
    }

    /**
     * @param fileWidth  the picture's width in its file, which the caption gives: {@code picture} may be a
     *                   reduced copy ({@link ImageInput#MAX_SIDE}), and a teacher who opened a 4000 × 3000
     *                   photo would not recognise it as 1024 × 768
     * @param fileHeight its height in the file
     */
    public ImageImportDialog(String name, BufferedImage picture, int fileWidth, int fileHeight, int h, int w,
                             ColorMode mode, Framing framing, I18n i18n) {
        this.name = name;
        this.picture = picture;
        this.i18n = i18n;
        titleProperty().bind(i18n.text("image.title"));
        getDialogPane().setId("image-dialog");

        ImageView original = new ImageView(SwingFXUtils.toFXImage(picture, null));
        original.setId("image-original");
        original.setPreserveRatio(true);
        original.setFitWidth(VIEW);
        original.setFitHeight(VIEW);
        original.setSmooth(true);
        original.setAccessibleText(name);
        Label originalCaption = new Label(i18n.get("image.original", name, fileWidth, fileHeight));
        originalCaption.setId("image-original-caption");
        originalCaption.setWrapText(true);
        originalCaption.setMaxWidth(VIEW);

        preview.setId("image-preview");
        preview.setPreserveRatio(true);
        preview.setFitWidth(VIEW);
        preview.setFitHeight(VIEW);
        previewCaption.setId("image-preview-caption");
        previewCaption.setWrapText(true);
        previewCaption.setMaxWidth(VIEW);

        RadioButton gray = radio("image-gray", "image.gray", ColorMode.GRAYSCALE, modes);
        RadioButton rgb = radio("image-rgb", "image.rgb", ColorMode.RGB, modes);
        (mode == ColorMode.RGB ? rgb : gray).setSelected(true);
        RadioButton crop = radio("image-crop", "image.crop", Framing.CROP, framings);
        RadioButton stretch = radio("image-stretch", "image.stretch", Framing.STRETCH, framings);
        (framing == Framing.STRETCH ? stretch : crop).setSelected(true);
        height = size("image-height", ParamKey.H, h);
        width = size("image-width", ParamKey.W, w);

        GridPane choices = new GridPane();
        choices.setHgap(12);
        choices.setVgap(8);
        choices.addRow(0, heading("image.channels"), new HBox(14, gray, rgb));
        choices.addRow(1, heading("image.framing"), new HBox(14, crop, stretch));
        Label times = new Label("×");
        HBox sizes = new HBox(8, height, times, width);
        sizes.setAlignment(Pos.CENTER_LEFT);
        choices.addRow(2, heading("image.size"), sizes);

        HBox pictures = new HBox(24, new VBox(6, original, originalCaption), new VBox(6, preview, previewCaption));
        VBox content = new VBox(18, pictures, choices);
        content.setPadding(new Insets(16, 18, 8, 18));
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().setAll(USE, ButtonType.CANCEL);
        Button use = (Button) getDialogPane().lookupButton(USE);
        use.setId("image-use");
        use.textProperty().bind(i18n.text("image.use"));
        Controls.tip(use, i18n, "image.use.tip");
        Button cancel = (Button) getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setId("image-cancel");
        cancel.textProperty().bind(i18n.text("dialog.cancel"));
        Controls.tip(cancel, i18n, "image.cancel.tip");

        modes.selectedToggleProperty().addListener(o -> update());
        framings.selectedToggleProperty().addListener(o -> update());
        height.valueProperty().addListener(o -> update());
        width.valueProperty().addListener(o -> update());
        update();
        setResultConverter(b -> b == USE ? choice() : null);
    }

    /** The choice as the controls show it now. */
    public Choice choice() {
        return new Choice(new ImageInput(name, picture, mode(), framing()), height.getValue(), width.getValue());
    }

    private ColorMode mode() {
        return (ColorMode) modes.getSelectedToggle().getUserData();
    }

    private Framing framing() {
        return (Framing) framings.getSelectedToggle().getUserData();
    }

    private void update() {
        int h = height.getValue();
        int w = width.getValue();
        BufferedImage grid = new ImageInput(name, picture, mode(), framing()).tensor(h, w).toImage();
        preview.setImage(SwingFXUtils.toFXImage(cells(grid), null));
        previewCaption.setText(i18n.get("image.preview", h, w, mode().channels()));
    }

    /**
     * The grid drawn as square cells with thin lines between them, enlarged here rather than by the image
     * view: its smoothing switch is not honoured by every renderer, and a blurred preview would hide that the
     * input is a grid of numbers.
     */
    static BufferedImage cells(BufferedImage grid) {
        int cell = Math.max(1, (int) (VIEW / Math.max(grid.getWidth(), grid.getHeight())));
        BufferedImage out = new BufferedImage(grid.getWidth() * cell, grid.getHeight() * cell,
                BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                    java.awt.RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(grid, 0, 0, out.getWidth(), out.getHeight(), null);
            if (cell >= 8) {
                g.setColor(new java.awt.Color(128, 128, 128, 90));
                for (int i = 0; i <= grid.getWidth(); i++) {
                    g.fillRect(Math.min(i * cell, out.getWidth() - 1), 0, 1, out.getHeight());
                }
                for (int i = 0; i <= grid.getHeight(); i++) {
                    g.fillRect(0, Math.min(i * cell, out.getHeight() - 1), out.getWidth(), 1);
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private RadioButton radio(String id, String key, Object value, ToggleGroup group) {
        RadioButton b = new RadioButton();
        b.setId(id);
        b.textProperty().bind(i18n.text(key));
        b.setUserData(value);
        b.setToggleGroup(group);
        Controls.tip(b, i18n, key + ".tip");
        return b;
    }

    private Spinner<Integer> size(String id, ParamKey key, int value) {
        SpinnerValueFactory.IntegerSpinnerValueFactory f =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(key.min(), key.max(), key.clamp(value));
        f.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer v) {
                return v == null ? "" : v.toString();
            }

            @Override
            public Integer fromString(String text) { // anything that is no number keeps the value
                try {
                    return key.clamp(Integer.parseInt(text.trim()));
                } catch (RuntimeException e) {
                    return f.getValue();
                }
            }
        });
        Spinner<Integer> s = new Spinner<>(f);
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(90);
        Controls.tip(s, i18n, "image." + id.substring("image-".length()) + ".tip", key.min(), key.max());
        s.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                s.commitValue();
            }
        });
        return s;
    }

    private Label heading(String key) {
        Label l = new Label();
        l.textProperty().bind(i18n.text(key));
        l.getStyleClass().add("section-title");
        return l;
    }
}
