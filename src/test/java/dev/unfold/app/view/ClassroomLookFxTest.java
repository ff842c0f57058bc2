package dev.unfold.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.app.i18n.Fonts;
import dev.unfold.app.model.Params;
import dev.unfold.app.model.ParamKey;
import dev.unfold.app.model.ViewKind;
import dev.unfold.core.trace.TraceOrder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ClassroomLookFxTest extends ClassroomHarness {

    @Start
    void start(Stage s) {
        begin(s);
    }

    private MenuItem item(String id) {
        for (Menu m : classroom.menuBar().getMenus()) {
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
        if (item instanceof Menu m) {
            for (MenuItem child : m.getItems()) {
                MenuItem found = find(child, id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** What a click on a menu item does: a check item changes its mark, then the item acts. */
    private static void click(MenuItem item) {
        if (item instanceof javafx.scene.control.CheckMenuItem c) {
            c.setSelected(!c.isSelected());
        }
        item.fire();
    }

    private static List<MenuItem> allItems(List<Menu> menus) {
        List<MenuItem> out = new ArrayList<>();
        for (Menu m : menus) {
            collect(m, out);
        }
        return out;
    }

    private static void collect(MenuItem item, List<MenuItem> out) {
        out.add(item);
        if (item instanceof Menu m) {
            if (m.getOnShowing() != null) {
                m.getOnShowing().handle(null); // the export menu lists the arrays when it opens
            }
            for (MenuItem child : m.getItems()) {
                collect(child, out);
            }
        }
    }

    /** All visible text of a scene graph: labels, buttons, tabs, tooltips. */
    private static void texts(Node n, List<String> out) {
        if (n instanceof Labeled l && l.getText() != null) {
            out.add(l.getText());
        }
        if (n instanceof Control c && c.getTooltip() != null) {
            out.add(c.getTooltip().getText());
        }
        // a ScrollPane shows its content as a child only once its skin is made, at the next pulse: a help page
        // rebuilt by a language switch would otherwise be missed on a busy machine
        if (n instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null && sp.getSkin() == null) {
            texts(sp.getContent(), out);
        }
        if (n instanceof TabPane tp) {
            for (Tab t : tp.getTabs()) {
                out.add(t.getText());
                if (t.getContent() != null) {
                    texts(t.getContent(), out);
                }
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                texts(c, out);
            }
        }
    }

    /** Every text the window, its menus and the windows it opens show, in the current language. */
    private List<String> everyText() throws Exception {
        return fx(() -> {
            List<String> out = new ArrayList<>();
            for (Window w : new ArrayList<>(Window.getWindows())) {
                if (w.getScene() != null) {
                    texts(w.getScene().getRoot(), out);
                }
            }
            for (MenuItem m : allItems(classroom.menuBar().getMenus())) {
                out.add(m.getText());
            }
            return out;
        });
    }

    @Test
    void theLanguageSwitchesEverythingAtRunTimeAndIsRemembered(FxRobot robot) throws Exception {
        settle();
        fxRun(() -> {
            classroom.help().show(0);
            classroom.showAbout();
        });
        List<String> english = everyText();
        assertTrue(english.contains("_File"), english.toString());
        assertTrue(english.contains("Index map"));
        assertTrue(english.contains("Input x as .npy…"), "the export menu names the arrays");

        fxRun(() -> item("menu-lang-ko").fire());
        assertEquals(Locale.KOREAN, i18n.locale());
        List<String> korean = everyText();
        assertEquals("파일(_F)", item("menu-file").getText());
        assertTrue(korean.contains("인덱스 대응"), () -> "the open help follows: " + korean);
        assertTrue(korean.contains("입력 x: .npy로 저장…"));
        assertTrue(robot.lookup("#step-label").queryAs(Label.class).getText().endsWith("단계"));
        assertTrue(window.root().getScene().getStylesheets().stream().anyMatch(s -> s.endsWith("korean.css")),
                "menus and notices get the Hangul font too");
        assertEquals(Locale.KOREAN, saved.get(saved.size() - 1).locale(), "remembered");
        assertTrue(((javafx.scene.control.RadioMenuItem) item("menu-lang-ko")).isSelected());
        keepForReview("korean-help.png");

        for (List<String> texts : List.of(english, korean)) {
            List<String> missing = texts.stream().filter(t -> t != null && t.contains("⟦")).toList();
            assertEquals(List.of(), missing, "a key missing from a bundle");
        }
        // no English left in Korean: the same texts, in the same places, read differently, except code,
        // formulas, names and what the system itself says (the backend's description)
        assertEquals(english.size(), korean.size());
        List<String> stillEnglish = new ArrayList<>();
        for (int i = 0; i < english.size(); i++) {
            String t = english.get(i);
            boolean words = t != null && t.matches(".*\\b[A-Za-z]{3,} [A-Za-z]{3,}\\b.*");
            boolean code = t != null && t.matches(".*[=\\[\\]{};_].*");
            if (words && !code && t.equals(korean.get(i)) && !t.contains("CUDA unavailable")) {
                stillEnglish.add(t);
            }
        }
        assertEquals(List.of(), stillEnglish);

        fxRun(() -> item("menu-lang-en").fire());
        assertEquals("_File", item("menu-file").getText());
        assertFalse(window.root().getScene().getStylesheets().stream().anyMatch(s -> s.endsWith("korean.css")));
        assertEquals(Locale.ENGLISH, saved.get(saved.size() - 1).locale());
    }

    /** The labels of a scene graph that show some text, in the order they are found. */
    private static void labels(Node n, List<Labeled> out) {
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            out.add(l);
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                labels(c, out);
            }
        }
    }

    private static boolean hangul(String s) {
        return s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL);
    }

    /** Every label's text, with the family of the font it is shown in after "\t". */
    private List<String> fonts() throws Exception {
        return fx(() -> {
            window.root().applyCss();
            List<Labeled> all = new ArrayList<>();
            labels(window.root(), all);
            return all.stream().map(l -> l.getText() + "\t" + l.getFont().getFamily()).toList();
        });
    }

    /**
     * After a switch at run time, the System font's fallbacks do not reach the bundled NanumGothic: every
     * Hangul text, the monospaced lines and the canvases' words included, has to name it.
     */
    /** Ctrl+Z in the window takes back a dragged slider; the Edit menu says when there is nothing to take back. */
    @Test
    void ctrlZUndoesAParameterChangeAndTheMenuFollows(FxRobot robot) throws Exception {
        settle();
        Params before = fx(model::params);
        assertTrue(fx(() -> item("menu-undo").isDisable()), "nothing to undo at the start");
        fxRun(() -> model.set(ParamKey.KH, 3));
        settle();
        assertFalse(fx(() -> item("menu-undo").isDisable()));
        fxRun(() -> window.columnView().requestFocus());
        robot.push(KeyCode.SHORTCUT, KeyCode.Z);
        settle();
        assertEquals(before, fx(model::params));
        assertFalse(fx(() -> item("menu-redo").isDisable()));
        robot.push(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.Z);
        settle();
        assertEquals(3, fx(() -> model.params().get(ParamKey.KH)));
        // typed into the kernel's box and taken with Enter: Ctrl+Z there takes the number back too
        robot.doubleClickOn("#spinner-KH .text-field");
        robot.push(KeyCode.CONTROL, KeyCode.A).write("4").push(KeyCode.ENTER);
        settle();
        assertEquals(4, fx(() -> model.params().get(ParamKey.KH)));
        robot.push(KeyCode.SHORTCUT, KeyCode.Z);
        settle();
        assertEquals(3, fx(() -> model.params().get(ParamKey.KH)));
        assertEquals("3", fx(() -> window.params().spinner(ParamKey.KH).getEditor().getText()), "the box follows");
    }

    @Test
    void hangulIsSetInTheBundledFontEverywhereAfterASwitch() throws Exception {
        settle();
        fxRun(() -> {
            model.setOrder(TraceOrder.IM2COL_BY_THREAD);
            model.seek(7); // the thread's verdict
        });
        settle();
        String mono = fx(() -> ((Labeled) window.root().lookup(".code-line")).getFont().getFamily());
        assertFalse(mono.equals(Fonts.KOREAN_FAMILY), mono);
        String windowCaption = i18n.get("gemm.window", 15, 24, 25);
        assertEquals("System", Fonts.canvas(windowCaption, FontWeight.NORMAL, 12).getFamily());

        fxRun(() -> item("menu-lang-ko").fire());
        settle();
        assertTrue(Fonts.loadKorean());
        for (ViewKind v : List.of(ViewKind.IM2COL, ViewKind.GEMM, ViewKind.COL2IM)) {
            fxRun(() -> {
                model.setView(v);
                window.deck().backward().setOrder(TraceOrder.COL2IM_BY_PIXEL);
                model.seek(7); // col2im: a pixel's visits
            });
            settle();
            List<String> fonts = fonts();
            assertEquals(List.of(), fonts.stream().filter(t -> hangul(t) && !t.endsWith("\t" + Fonts.KOREAN_FAMILY))
                    .toList(), v + ": Hangul in a face that has none");
            if (v == ViewKind.IM2COL) {
                assertTrue(fonts.stream().anyMatch(t -> t.startsWith("int ") && t.endsWith("\t" + mono)),
                        "the seed's code, which has no Hangul, stays monospaced: " + fonts);
                assertTrue(fonts.stream().anyMatch(t -> t.contains("in_y") && hangul(t)), "the thread's verdict");
            }
            if (v == ViewKind.GEMM) {
                assertTrue(fonts.stream().anyMatch(t -> t.startsWith("항 ")), "the terms: " + fonts);
            }
        }
        // a Korean label carries its mnemonic as "(_X)" at the end; a second letter in brackets reads as another
        List<String> twoLetters = allItems(classroom.menuBar().getMenus()).stream().map(MenuItem::getText)
                .filter(t -> t != null && t.split("\\(_?[A-Z0-9]\\)", -1).length > 2).toList();
        assertEquals(List.of(), twoLetters);
        Font caption = Fonts.canvas(i18n.get("gemm.window", 15, 24, 25), FontWeight.NORMAL, 12);
        assertEquals(Fonts.KOREAN_FAMILY, caption.getFamily(), "a canvas text with Hangul");
        Font title = Fonts.canvas(i18n.get("gemm.c.forward", 25, 1), FontWeight.BOLD, 15);
        assertEquals("System", title.getFamily(), "a canvas text without Hangul stays as it was");
        assertEquals("Bold", title.getStyle());
        assertEquals("Bold", Fonts.canvas(i18n.get("params.title"), FontWeight.BOLD, 15).getStyle(),
                "bold Hangul on a canvas is the bundled bold face");
        String paramsTitle = i18n.get("params.title");
        assertEquals(List.of(paramsTitle + "\tBold"), fx(() -> {
            List<Labeled> all = new ArrayList<>();
            labels(window.root(), all);
            return all.stream().filter(l -> l.getText().equals(paramsTitle))
                    .map(l -> l.getText() + "\t" + l.getFont().getStyle()).toList();
        }), "a bold title in Korean is set bold");

        fxRun(() -> item("menu-lang-en").fire());
        settle();
        assertEquals(mono, fx(() -> ((Labeled) window.root().lookup(".code-line")).getFont().getFamily()));
        assertEquals("System", Fonts.canvas(windowCaption, FontWeight.NORMAL, 12).getFamily());
    }

    private WritableImage canvas() throws Exception {
        WaitForAsync.pulses();
        return fx(() -> window.columnView().canvas().snapshot(null, null));
    }

    private static boolean contains(WritableImage img, Color c) {
        for (int y = 0; y < img.getHeight(); y += 1) {
            for (int x = 0; x < img.getWidth(); x += 1) {
                Color p = img.getPixelReader().getColor(x, y);
                if (Math.abs(p.getRed() - c.getRed()) < 0.01 && Math.abs(p.getGreen() - c.getGreen()) < 0.01
                        && Math.abs(p.getBlue() - c.getBlue()) < 0.01) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double luminance(Color c) {
        double[] v = {c.getRed(), c.getGreen(), c.getBlue()};
        for (int i = 0; i < 3; i++) {
            v[i] = v[i] <= 0.04045 ? v[i] / 12.92 : Math.pow((v[i] + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
    }

    @Test
    void themesAndTheColourBlindPaletteSwitchFromTheMenu(FxRobot robot) throws Exception {
        settle();
        fxRun(() -> model.seek(model.lengthProperty().get() / 2)); // a cell being written, in the "current" colour
        Label orderLabel = fx(() -> (Label) window.root().lookup(".bar-label"));
        double lightMuted = luminance((Color) orderLabel.getTextFill());

        fxRun(() -> item("menu-theme-high-contrast").fire());
        assertSame(AppTheme.HIGH_CONTRAST, window.themeProperty().get());
        assertSame(Palette.HIGH_CONTRAST, window.paletteProperty().getValue());
        assertTrue(window.root().getScene().getStylesheets().stream().anyMatch(s -> s.endsWith("high-contrast.css")));
        WaitForAsync.pulses();
        double muted = luminance((Color) orderLabel.getTextFill());
        assertTrue((1 + 0.05) / (muted + 0.05) >= 12, "muted labels are near black on white: " + orderLabel.getTextFill());
        assertTrue(muted < lightMuted);
        assertTrue(contains(canvas(), Palette.HIGH_CONTRAST.current()), "the canvases draw with the theme's colours");
        assertEquals(AppTheme.HIGH_CONTRAST, saved.get(saved.size() - 1).theme());
        keepForReview("high-contrast.png");

        fxRun(() -> item("menu-theme-dark").fire());
        assertTrue(window.root().getStyleClass().contains("dark"));
        assertFalse(window.root().getScene().getStylesheets().stream().anyMatch(s -> s.endsWith("high-contrast.css")));
        assertSame(Palette.DARK, window.paletteProperty().getValue());
        assertTrue(contains(canvas(), Palette.DARK.background()));

        fxRun(() -> click(item("menu-colour-blind")));
        assertTrue(window.colourBlindSafeProperty().get());
        assertSame(AppTheme.DARK.palette(true), window.paletteProperty().getValue());
        WritableImage safe = canvas();
        assertTrue(contains(safe, Color.web("#F0E442")), "the current cell in Okabe–Ito yellow");
        assertFalse(contains(safe, Palette.DARK.current()));
        assertTrue(saved.get(saved.size() - 1).colourBlindSafe());
        keepForReview("dark-colour-blind.png");
        stillResponsive();
    }

    @Test
    void presentationModeByKeyboard(FxRobot robot) throws Exception {
        settle();
        double zoom = model.cellSizeProperty().get();
        double stepFont = robot.lookup("#step-label").queryAs(Label.class).getFont().getSize();
        robot.clickOn("#caption-input");
        robot.type(KeyCode.F11);
        waitFor(5, () -> classroom.presentation().presentingProperty().get());
        assertTrue(stage.isFullScreen());
        assertTrue(window.root().getStyleClass().contains("presentation"));
        assertEquals(zoom * Presentation.ZOOM, model.cellSizeProperty().get(), 1e-9);
        assertTrue(robot.lookup("#step-label").queryAs(Label.class).getFont().getSize() > stepFont * 1.3,
                "large type");
        assertTrue(((javafx.scene.control.CheckMenuItem) item("menu-present")).isSelected());

        robot.type(KeyCode.P);
        assertNull(fx(() -> ((javafx.scene.layout.BorderPane) window.root()).getLeft()), "P hides the parameters");
        assertFalse(((javafx.scene.control.CheckMenuItem) item("menu-params")).isSelected());
        keepForReview("presentation.png");

        robot.type(KeyCode.F5);
        waitFor(5, () -> !classroom.presentation().presentingProperty().get());
        assertFalse(stage.isFullScreen());
        assertFalse(window.root().getStyleClass().contains("presentation"));
        assertEquals(zoom, model.cellSizeProperty().get(), 1e-9);
        robot.type(KeyCode.P);
        assertNotNull(fx(() -> ((javafx.scene.layout.BorderPane) window.root()).getLeft()));

        robot.type(KeyCode.F11);
        waitFor(5, () -> classroom.presentation().presentingProperty().get());
        robot.type(KeyCode.ESCAPE);
        waitFor(5, () -> !classroom.presentation().presentingProperty().get());
        assertFalse(stage.isFullScreen(), "Esc leaves full screen, and with it presentation mode");

        // P typed into a number box is a character, not a command
        Spinner<?> spinner = window.params().spinner(dev.unfold.app.model.ParamKey.SH);
        robot.clickOn(spinner.getEditor());
        robot.type(KeyCode.P);
        assertNotNull(fx(() -> ((javafx.scene.layout.BorderPane) window.root()).getLeft()));
    }

    private static boolean interactive(Node n) {
        return n instanceof ButtonBase || n instanceof Slider || n instanceof Spinner || n instanceof ComboBoxBase;
    }

    private static boolean showing(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static void focusable(Node n, Set<Node> out) {
        if (!showing(n) || n.isDisabled()) {
            return;
        }
        boolean editor = n.getParent() instanceof Spinner || n.getParent() instanceof ComboBoxBase;
        if (n.isFocusTraversable() && !editor) { // a number box's editor has its box's focus
            out.add(n);
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                focusable(c, out);
            }
        }
    }

    @Test
    void tabReachesEveryControlAndTheMenusOpenFromTheKeyboard(FxRobot robot) throws Exception {
        settle();
        Set<Node> expected = new LinkedHashSet<>();
        fxRun(() -> focusable(window.root(), expected));
        assertTrue(expected.size() > 30, "sliders, boxes, buttons, views: " + expected.size());
        Set<Node> reached = new LinkedHashSet<>();
        robot.clickOn("#caption-input");
        for (int i = 0; i < expected.size() * 2 + 10; i++) {
            robot.type(KeyCode.TAB);
            Node owner = fx(() -> window.root().getScene().getFocusOwner());
            if (owner != null) {
                reached.add(owner);
            }
        }
        List<String> missed = new ArrayList<>();
        for (Node n : expected) {
            // a group of toggles (order, layout) is one stop for Tab, as radio buttons are; arrows pick within it
            boolean groupReached = n instanceof ToggleButton t && t.getToggleGroup() != null
                    && reached.stream().anyMatch(r -> r instanceof ToggleButton o && o.getToggleGroup() == t.getToggleGroup());
            if (!reached.contains(n) && !groupReached) {
                missed.add(n.getClass().getSimpleName() + "#" + n.getId());
            }
        }
        assertEquals(List.of(), missed, "not reachable with Tab");
        assertTrue(reached.contains(window.inputView()) && reached.contains(window.columnView()));

        // within a group: arrows move, Enter presses; Space stays play and pause
        fxRun(() -> window.root().lookup("#layout-rows").requestFocus());
        long at = fx(model::position);
        robot.type(KeyCode.RIGHT);
        assertEquals("layout-tensor", fx(() -> window.root().getScene().getFocusOwner().getId()));
        assertEquals(at, (long) fx(model::position), "the arrow picked, it did not step the animation");
        // the lit segment is always the layout in use, whichever way the keys moved the selection
        for (dev.unfold.core.Layout l : dev.unfold.core.Layout.values()) {
            ToggleButton b = (ToggleButton) window.root().lookup("#layout-" + l.label());
            assertEquals(model.layoutProperty().get() == l, fx(b::isSelected), l + " lit only when in use");
        }
        robot.type(KeyCode.ENTER);
        settle();
        assertEquals(dev.unfold.core.Layout.TENSOR, model.frame().layout());

        robot.type(KeyCode.F1);
        waitFor(5, () -> classroom.help().stage() != null && classroom.help().stage().isShowing());
        fxRun(() -> classroom.help().stage().requestFocus());
        WaitForAsync.pulses();
        robot.type(KeyCode.ESCAPE); // closes the help window
        waitFor(5, () -> !classroom.help().stage().isShowing());

        Menu file = classroom.menuBar().getMenus().get(0);
        robot.clickOn("#caption-input");
        robot.press(KeyCode.ALT).type(KeyCode.F).release(KeyCode.ALT);
        waitFor(5, file::isShowing);
        robot.type(KeyCode.ESCAPE);
        waitFor(5, () -> !file.isShowing());
        robot.type(KeyCode.F10).type(KeyCode.DOWN); // F10 puts the focus on the menu bar, Down opens the menu
        waitFor(5, file::isShowing);
        robot.type(KeyCode.ESCAPE);
        waitFor(5, () -> !file.isShowing());

        // while the menu bar is in use the arrows walk its menus and do not step the animation
        robot.clickOn("#caption-input");
        fxRun(() -> model.seek(3));
        robot.type(KeyCode.F10).type(KeyCode.RIGHT).type(KeyCode.RIGHT).type(KeyCode.LEFT);
        assertEquals(3, (long) fx(model::position), "the arrows were the menu bar's");
        robot.type(KeyCode.DOWN);
        waitFor(5, () -> classroom.menuBar().getMenus().stream().anyMatch(Menu::isShowing));
        robot.type(KeyCode.DOWN).type(KeyCode.LEFT).type(KeyCode.RIGHT);
        assertEquals(3, (long) fx(model::position), "the arrows were the open menu's");
        robot.type(KeyCode.ESCAPE).type(KeyCode.ESCAPE);
        waitFor(5, () -> classroom.menuBar().getMenus().stream().noneMatch(Menu::isShowing));
        robot.clickOn("#caption-input").type(KeyCode.RIGHT);
        assertEquals(4, (long) fx(model::position), "with the menus closed the arrows step again");
    }

    @Test
    void everyControlSaysWhatItIsToAScreenReader() throws Exception {
        settle();
        fxRun(() -> classroom.help().show(0));
        List<String> unnamed = new ArrayList<>();
        fxRun(() -> {
            for (Window w : new ArrayList<>(Window.getWindows())) {
                if (w.getScene() != null) {
                    names(w.getScene().getRoot(), unnamed);
                }
            }
        });
        assertEquals(List.of(), unnamed);
        for (MenuItem m : fx(() -> allItems(classroom.menuBar().getMenus()))) {
            if (m instanceof javafx.scene.control.SeparatorMenuItem) {
                continue;
            }
            assertFalse(m.getText() == null || m.getText().isBlank(), "menu item " + m.getId());
        }
        assertEquals(i18n.get("view.input.a11y"), window.inputView().getAccessibleText());
        assertEquals(i18n.get("view.column.a11y"), window.columnView().getAccessibleText());
        fxRun(() -> classroom.setLanguage(Locale.KOREAN));
        String play = fx(() -> ((javafx.scene.control.Button) window.root().lookup("#play")).getAccessibleText());
        assertEquals(i18n.get("transport.play.tip"), play, "accessible names follow the language");
        assertTrue(play.chars().anyMatch(ch -> ch >= 0xAC00 && ch <= 0xD7A3), play);
    }

    private static void names(Node n, List<String> unnamed) {
        if (interactive(n) && showing(n)) {
            Control c = (Control) n;
            boolean text = c instanceof Labeled l && l.getText() != null && !l.getText().isBlank();
            boolean accessible = c.getAccessibleText() != null && !c.getAccessibleText().isBlank();
            if (!text && !accessible) {
                unnamed.add(n.getClass().getSimpleName() + "#" + n.getId());
            }
        }
        if (n instanceof TextInputControl t && showing(n) && t.getParent() != null
                && !(t.getParent() instanceof Spinner) && t.getAccessibleText() == null) {
            unnamed.add("text field #" + t.getId());
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                names(c, unnamed);
            }
        }
    }

    @Test
    void helpExplainsBothOperationsWithTheSeedsIndexMaps() throws Exception {
        settle();
        fxRun(() -> classroom.help().show(1));
        Stage help = classroom.help().stage();
        assertTrue(help.isShowing());
        List<String> shown = new ArrayList<>();
        fxRun(() -> texts(help.getScene().getRoot(), shown));
        String all = String.join("\n", shown);
        for (String line : HelpWindow.SIZE) {
            assertTrue(all.contains(line), line);
        }
        assertTrue(all.contains("col[:, :, j, i, :, :] = img[:, :, j:j_lim:SH, i:i_lim:SW]"), "im2col's CPU loop");
        assertTrue(all.contains("int in_y = ky * dy + out_y * sy - ph;"), "im2col's CUDA index map");
        assertTrue(all.contains("img[:, :, j:j_lim:SH, i:i_lim:SW] += col[:, :, j, i, :, :]"), "col2im's loop");
        assertTrue(all.contains("i_lim = i + SW * OW") && all.contains("i + SH * OH"), "the seed's slip, named");
        assertTrue(all.contains("int k = out_y + out_h * (kx + kw * (ky + kh * c0));"), "col2im's CUDA map");
        assertTrue(all.contains("dx[n, c, y, x] = Σ col[(n·OH + oy)·OW + ox, (c·KH + ky)·KW + kx]"));
        assertEquals(1, help.getScene().getRoot() instanceof TabPane tp ? tp.getSelectionModel().getSelectedIndex() : -1);
        keepForReview("help-col2im.png");
    }

    /** Lets a pulse or two draw what changed. */
    private static final class WaitForAsync {
        static void pulses() {
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents(4);
        }
    }
}
