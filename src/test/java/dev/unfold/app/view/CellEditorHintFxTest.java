package dev.unfold.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.app.i18n.I18n;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Typing "abc" or "1e400" into an input cell or a weight and pressing Enter only turned the field's border red:
 * nothing said what was wrong or what the field takes. Now a line under the field says so, in the window's
 * language, and goes away as soon as the text changes.
 */
@ExtendWith(ApplicationExtension.class)
class CellEditorHintFxTest {

    private CellEditor editor;
    private final List<Double> committed = new ArrayList<>();
    private final I18n i18n = new I18n(Locale.KOREAN);

    @Start
    void start(Stage stage) {
        Pane pane = new Pane();
        editor = new CellEditor(pane.getChildren());
        editor.invalidTextProperty().bind(i18n.text("cell.invalid"));
        stage.setScene(new Scene(pane, 300, 200));
        stage.show();
    }

    @Test
    void enterOnTextThatIsNoNumberSaysWhatTheFieldTakes(FxRobot robot) {
        for (String typed : List.of("abc", "1e400")) {
            WaitForAsyncUtils.waitForAsyncFx(10_000, () -> {
                editor.open(250, 160, 30, 30, "1", null, committed::add);
                editor.field().setText(typed);
            });
            robot.type(KeyCode.ENTER);
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(editor.isOpen(), "stays open on " + typed);
            assertEquals(i18n.get("cell.invalid"), editor.shownHint(), typed);
            assertTrue(editor.shownHint().contains("1/9") && !editor.shownHint().startsWith("⟦"), editor.shownHint());
            WaitForAsyncUtils.waitForAsyncFx(10_000, () -> editor.field().setText("0.5"));
            assertNull(editor.shownHint(), "a changed text hides the line");
            robot.type(KeyCode.ENTER);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertEquals(List.of(0.5, 0.5), committed);
        assertEquals(false, editor.isOpen());
    }
}
