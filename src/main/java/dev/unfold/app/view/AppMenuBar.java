package dev.unfold.app.view;

import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.BackwardModel;
import dev.unfold.app.model.ExportArray;
import dev.unfold.app.model.InputPreset;
import dev.unfold.app.model.MainModel;
import dev.unfold.media.SampleImage;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The menus. Every item has a mnemonic (the underlined letter, Alt or F10 to reach the bar) and the common
 * ones an accelerator; labels come from the bundles, so they follow the language.
 */
final class AppMenuBar {

    private final Classroom classroom;
    private final MainWindow window;
    private final MainModel model;
    private final I18n i18n;

    AppMenuBar(Classroom classroom, MainWindow window, MainModel model, I18n i18n) {
        this.classroom = classroom;
        this.window = window;
        this.model = model;
        this.i18n = i18n;
    }

    MenuBar build() {
        MenuBar bar = new MenuBar(file(), edit(), view(), help());
        bar.setId("menu-bar");
        bar.setAccessibleText(i18n.get("menu.bar"));
        i18n.localeProperty().addListener((o, was, now) -> bar.setAccessibleText(i18n.get("menu.bar")));
        return bar;
    }

    private Menu file() {
        Menu samples = menu("menu-samples", "menu.samples");
        for (SampleImage s : SampleImage.values()) {
            MenuItem item = new MenuItem();
            item.setId("menu-sample-" + s.fileName().replace(".png", ""));
            item.setMnemonicParsing(false);
            item.textProperty().bind(i18n.text(s.messageKey()));
            item.setOnAction(e -> classroom.images().openSample(s));
            samples.getItems().add(item);
        }
        MenuItem ramp = item("menu-ramp", "menu.ramp", null);
        ramp.setOnAction(e -> model.setInput(InputPreset.RAMP, model.params()));
        ramp.disableProperty().bind(model.inputProperty().isEqualTo(InputPreset.RAMP));

        Menu export = menu("menu-export", "menu.export");
        MenuItem png1 = item("menu-png-1", "menu.png.1", shortcut(KeyCode.E));
        png1.setOnAction(e -> classroom.choosePng(1));
        MenuItem png2 = item("menu-png-2", "menu.png.2", null);
        png2.setOnAction(e -> classroom.choosePng(2));
        MenuItem png3 = item("menu-png-3", "menu.png.3", null);
        png3.setOnAction(e -> classroom.choosePng(3));
        MenuItem gif = item("menu-gif", "menu.gif", new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        gif.setOnAction(e -> classroom.chooseGif());
        MenuItem frames = item("menu-frames", "menu.frames", null);
        frames.setOnAction(e -> classroom.chooseFrames());
        int fixed = 6;
        // an animation walks the frame being computed: one started now would mix the old and the new geometry
        gif.disableProperty().bind(model.computingProperty().or(window.deck().backward().computingProperty()));
        frames.disableProperty().bind(gif.disableProperty());
        export.getItems().addAll(png1, png2, png3, gif, frames, new SeparatorMenuItem());
        // the arrays depend on the frame and on the view: listed when the menu opens
        export.setOnShowing(e -> {
            export.getItems().remove(fixed, export.getItems().size());
            if (model.frame() == null) {
                return;
            }
            addArrays(export, ExportArray.of(model.frame()));
            BackwardModel backward = window.deck().backward();
            if (backward.ready()) { // a frame still being computed would not be what the view shows
                switch (model.viewProperty().get()) {
                    case COL2IM -> addArrays(export, ExportArray.ofCol2im(backward.frame()));
                    case GEMM -> addArrays(export, ExportArray.ofGemm(backward.frame()));
                    default -> { }
                }
            }
        });
        export.disableProperty().bind(classroom.exporter().busyProperty().or(model.frameProperty().isNull()));

        MenuItem open = item("menu-open", "menu.open", shortcut(KeyCode.O));
        open.setOnAction(e -> classroom.chooseImage());
        MenuItem quit = item("menu-quit", "menu.quit", shortcut(KeyCode.Q));
        quit.setOnAction(e -> classroom.quit());
        Menu m = menu("menu-file", "menu.file");
        m.getItems().addAll(open, samples, ramp, new SeparatorMenuItem(), export, new SeparatorMenuItem(), quit);
        return m;
    }

    /** Undo and redo of the parameters: a slider dragged by mistake in front of the class. */
    private Menu edit() {
        MenuItem undo = item("menu-undo", "menu.undo", shortcut(KeyCode.Z));
        undo.setOnAction(e -> model.undoParams());
        undo.disableProperty().bind(model.canUndoParamsProperty().not());
        MenuItem redo = item("menu-redo", "menu.redo", new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        redo.setOnAction(e -> model.redoParams());
        redo.disableProperty().bind(model.canRedoParamsProperty().not());
        Menu m = menu("menu-edit", "menu.edit");
        m.getItems().addAll(undo, redo);
        return m;
    }

    private void addArrays(Menu export, List<ExportArray> arrays) {
        if (!(export.getItems().get(export.getItems().size() - 1) instanceof SeparatorMenuItem)) {
            export.getItems().add(new SeparatorMenuItem());
        }
        for (ExportArray a : arrays) {
            for (Exporter.Format f : Exporter.Format.values()) {
                MenuItem it = new MenuItem(i18n.get("menu.array." + f.extension(), i18n.get(a.key())));
                it.setId("menu-" + a.stem() + "-" + f.extension());
                it.setOnAction(x -> classroom.chooseArray(a, f));
                export.getItems().add(it);
            }
        }
    }

    private Menu view() {
        CheckMenuItem present = new CheckMenuItem();
        present.setId("menu-present");
        present.textProperty().bind(i18n.text("menu.present"));
        present.setAccelerator(new KeyCodeCombination(KeyCode.F11));
        present.setSelected(classroom.presentation().presentingProperty().get());
        present.setOnAction(e -> classroom.presentation().setPresenting(present.isSelected()));
        classroom.presentation().presentingProperty().addListener((o, a, on) -> present.setSelected(on));

        CheckMenuItem params = new CheckMenuItem();
        params.setId("menu-params");
        params.textProperty().bind(i18n.text("menu.params"));
        params.selectedProperty().bindBidirectional(window.paramsShownProperty());

        Menu theme = menu("menu-theme", "menu.theme");
        ToggleGroup themes = new ToggleGroup();
        for (AppTheme t : AppTheme.values()) {
            RadioMenuItem r = new RadioMenuItem();
            r.setId("menu-theme-" + t.label());
            r.textProperty().bind(i18n.text("theme." + t.label()));
            r.setToggleGroup(themes);
            r.setSelected(window.themeProperty().get() == t);
            r.setOnAction(e -> classroom.setTheme(t));
            theme.getItems().add(r);
        }
        window.themeProperty().addListener((o, a, t) -> themes.getToggles().forEach(
                x -> x.setSelected(((RadioMenuItem) x).getId().equals("menu-theme-" + t.label()))));

        CheckMenuItem safe = new CheckMenuItem();
        safe.setId("menu-colour-blind");
        safe.textProperty().bind(i18n.text("menu.colourBlind"));
        safe.selectedProperty().bindBidirectional(window.colourBlindSafeProperty());

        Menu language = menu("menu-language", "menu.language");
        ToggleGroup languages = new ToggleGroup();
        for (Locale l : I18n.SUPPORTED) {
            RadioMenuItem r = new RadioMenuItem(l.getDisplayLanguage(l)); // each language in its own words
            r.setId("menu-lang-" + l.getLanguage());
            r.setMnemonicParsing(false);
            r.setToggleGroup(languages);
            r.setSelected(i18n.locale().equals(l));
            r.setOnAction(e -> classroom.setLanguage(l));
            language.getItems().add(r);
        }
        // "한국어" needs the bundled font even while the window is in English; loaded when the menu first opens
        language.setOnShowing(e -> {
            if (dev.unfold.app.i18n.Fonts.loadKorean()) {
                String style = "-fx-font-family: '" + dev.unfold.app.i18n.Fonts.KOREAN_FAMILY + "';";
                language.getItems().stream().filter(i -> "menu-lang-ko".equals(i.getId()))
                        .forEach(i -> i.setStyle(style));
            }
        });
        i18n.localeProperty().addListener((o, a, l) -> languages.getToggles().forEach(
                x -> x.setSelected(((RadioMenuItem) x).getId().equals("menu-lang-" + l.getLanguage()))));

        MenuItem zoomIn = item("menu-zoom-in", "menu.zoomIn", shortcut(KeyCode.EQUALS));
        zoomIn.setOnAction(e -> model.zoomIn());
        MenuItem zoomOut = item("menu-zoom-out", "menu.zoomOut", shortcut(KeyCode.MINUS));
        zoomOut.setOnAction(e -> model.zoomOut());
        MenuItem zoomReset = item("menu-zoom-reset", "menu.zoomReset", shortcut(KeyCode.DIGIT0));
        zoomReset.setOnAction(e -> model.setCellSize(dev.unfold.app.model.Settings.DEFAULT_CELL));

        Menu m = menu("menu-view", "menu.view");
        m.getItems().addAll(present, params, new SeparatorMenuItem(), theme, safe, language, new SeparatorMenuItem(),
                zoomIn, zoomOut, zoomReset);
        return m;
    }

    private Menu help() {
        MenuItem how = item("menu-help-how", "menu.help.how", new KeyCodeCombination(KeyCode.F1));
        how.setOnAction(e -> classroom.help().show(0));
        MenuItem keys = item("menu-help-keys", "menu.help.keys", null);
        keys.setOnAction(e -> classroom.help().show(2));
        MenuItem about = item("menu-about", "menu.about", null);
        about.setOnAction(e -> classroom.showAbout());
        Menu m = menu("menu-help", "menu.help");
        m.getItems().addAll(how, keys, new SeparatorMenuItem(), about);
        return m;
    }

    private Menu menu(String id, String key) {
        Menu m = new Menu();
        m.setId(id);
        m.textProperty().bind(i18n.text(key));
        return m;
    }

    private MenuItem item(String id, String key, KeyCombination accelerator) {
        MenuItem item = new MenuItem();
        item.setId(id);
        item.textProperty().bind(i18n.text(key));
        if (accelerator != null) {
            item.setAccelerator(accelerator);
        }
        return item;
    }

    private static KeyCombination shortcut(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
    }
}
