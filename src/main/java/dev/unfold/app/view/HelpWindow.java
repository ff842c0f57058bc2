package dev.unfold.app.view;

import dev.unfold.app.i18n.I18n;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The in-app explanation: what im2col and col2im do, the output-size formulas, the index maps between the
 * input and the column matrix, and the seed notebook's CPU loops and CUDA kernels that implement them, in the
 * window's language (the code stays as the notebook has it, but for the fixes named in the text); and the
 * keyboard shortcuts. A window of its own, so it can stay open beside the lesson.
 */
public final class HelpWindow {

    /** col2im_array's CPU branch with the width limit it should have (the notebook has i + SH * OH). */
    static final List<String> COL2IM_CPU = List.of(
            "img = np.zeros((N, C, H + 2 * PH + SH - 1, W + 2 * PW + SW - 1))",
            "for j in range(KH):",
            "    j_lim = j + SH * OH",
            "    for i in range(KW):",
            "        i_lim = i + SW * OW",
            "        img[:, :, j:j_lim:SH, i:i_lim:SW] += col[:, :, j, i, :, :]",
            "return img[:, :, PH:H + PH, PW:W + PW]");

    /** _col2im_gpu's kernel body, with the semicolon the notebook's string forgot. */
    static final List<String> COL2IM_GPU = List.of(
            "int c0 = i / (h * w);",
            "int y = i / w % h;",
            "int x = i % w;",
            "T val = 0;",
            "for (int ky = 0; ky < kh; ++ky) {",
            "    int out_y = (y + ph - ky * dy);",
            "    if (0 > out_y || out_y >= out_h * sy) continue;",
            "    if (out_y % sy != 0) continue;",
            "    out_y /= sy;",
            "    for (int kx = 0; kx < kw; ++kx) {",
            "        int out_x = (x + pw - kx * dx);",
            "        if (0 > out_x || out_x >= out_w * sx) continue;",
            "        if (out_x % sx != 0) continue;",
            "        out_x /= sx;",
            "        int k = out_y + out_h * (kx + kw * (ky + kh * c0));",
            "        val = val + col[out_x + out_w * k];",
            "    }",
            "}",
            "img = val;");

    static final List<String> SIZE = List.of(
            "OH = ⌊(H + 2·PH − DH·(KH − 1) − 1) / SH⌋ + 1",
            "OW = ⌊(W + 2·PW − DW·(KW − 1) − 1) / SW⌋ + 1");

    static final List<String> IM2COL_MAP = List.of(
            "col[(n·OH + oy)·OW + ox, (c·KH + ky)·KW + kx]",
            "    = x[n, c, oy·SH − PH + ky·DH, ox·SW − PW + kx·DW]");

    static final List<String> COL2IM_MAP = List.of(
            "dx[n, c, y, x] = Σ col[(n·OH + oy)·OW + ox, (c·KH + ky)·KW + kx]",
            "    over all (oy, ox, ky, kx) with oy·SH − PH + ky·DH = y",
            "                               and ox·SW − PW + kx·DW = x");

    /** Shortcut, and the key of what it does. */
    static final String[][] KEYS = {
            {"Space", "help.key.play"}, {"← →", "help.key.step"}, {"Home  End", "help.key.ends"},
            {"+  −  Ctrl+wheel", "help.key.zoom"}, {"Esc", "help.key.unpin"}, {"F11  F5", "help.key.present"},
            {"P", "help.key.params"}, {"Ctrl+O", "help.key.open"}, {"Ctrl+E", "help.key.export"},
            {"Ctrl+Z  Ctrl+Shift+Z", "help.key.undo"},
            {"F1", "help.key.help"}, {"Tab  Shift+Tab", "help.key.tab"}, {"Alt+letter  F10", "help.key.menu"}};

    private final MainWindow window;
    private final I18n i18n;
    private Stage stage;
    private TabPane tabs;

    public HelpWindow(MainWindow window, I18n i18n) {
        this.window = window;
        this.i18n = i18n;
        i18n.localeProperty().addListener((o, was, now) -> {
            if (tabs != null) {
                fill();
            }
        });
    }

    /** Opens the help (or brings it to the front), on the given tab: 0 im2col, 1 col2im, 2 keys. */
    public void show(int tab) {
        if (stage == null) {
            tabs = new TabPane();
            tabs.setId("help-tabs");
            tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
            fill();
            stage = new Stage();
            AppIcons.addTo(stage);
            stage.titleProperty().bind(i18n.text("help.title"));
            Window owner = window.root().getScene() == null ? null : window.root().getScene().getWindow();
            if (owner != null) {
                stage.initOwner(owner);
            }
            Scene scene = new Scene(tabs, 820, 720);
            DialogStyle.copy(window, scene);
            // Esc closes it, as it does a dialog: on a projector without a window manager's close button too
            scene.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
                if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                    stage.hide();
                    e.consume();
                }
            });
            stage.setScene(scene);
        }
        tabs.getSelectionModel().select(tab);
        stage.show();
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }

    private void fill() {
        int selected = tabs.getSelectionModel().getSelectedIndex();
        tabs.getTabs().setAll(
                tab("help-im2col", "help.tab.im2col",
                        text("help.im2col.intro"),
                        heading("help.size"), code(SIZE), text("help.size.text"),
                        heading("help.shape"), text("help.shape.text"),
                        heading("help.map"), code(IM2COL_MAP), text("help.im2col.map.text"),
                        heading("help.im2col.cpu"), text("help.im2col.cpu.text"), code(SeedCode.BY_TAP),
                        heading("help.im2col.gpu"), text("help.im2col.gpu.text"), code(SeedCode.BY_THREAD)),
                tab("help-col2im", "help.tab.col2im",
                        text("help.col2im.intro"),
                        heading("help.map"), code(COL2IM_MAP), text("help.col2im.map.text"),
                        heading("help.col2im.cpu"), text("help.col2im.cpu.text"), code(COL2IM_CPU),
                        text("help.col2im.cpu.note"),
                        heading("help.col2im.gpu"), text("help.col2im.gpu.text"), code(COL2IM_GPU),
                        heading("help.overlap"), text("help.overlap.text")),
                tab("help-keys", "help.tab.keys", keys()));
        tabs.getSelectionModel().select(Math.max(0, selected));
    }

    private Tab tab(String id, String key, Node... content) {
        VBox box = new VBox(10, content);
        box.setPadding(new Insets(18, 22, 22, 22));
        box.getStyleClass().add("help-page");
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        Tab t = new Tab(i18n.get(key), scroll);
        t.setId(id);
        return t;
    }

    private Label heading(String key) {
        Label l = new Label(i18n.get(key));
        l.getStyleClass().add("section-title");
        l.setWrapText(true);
        return l;
    }

    private Label text(String key) {
        Label l = new Label(i18n.get(key));
        l.getStyleClass().add("help-text");
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    private static Node code(List<String> lines) {
        Label l = new Label(String.join("\n", lines));
        l.getStyleClass().addAll("code-block", "mono");
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    private Node keys() {
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(8);
        grid.setId("help-key-table");
        for (int i = 0; i < KEYS.length; i++) {
            Label key = new Label(KEYS[i][0]);
            key.getStyleClass().addAll("mono", "help-key");
            Label what = new Label(i18n.get(KEYS[i][1]));
            what.setWrapText(true);
            grid.addRow(i, key, what);
        }
        return grid;
    }
}
