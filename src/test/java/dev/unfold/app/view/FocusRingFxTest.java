package dev.unfold.app.view;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.media.SampleImage;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Someone at the keyboard sees where the focus is on every kind of Tab stop: Primer draws nothing on a
 * focused slider, radio button or selected toggle button, so each is pictured without and with the focus
 * and the two pictures must differ, in the light and the dark theme.
 */
@ExtendWith(ApplicationExtension.class)
class FocusRingFxTest extends ClassroomHarness {

    @Start
    void start(Stage s) {
        begin(s);
    }

    @Test
    void slidersSelectedTogglesAndRadioButtonsShowTheFocus() throws Exception {
        settle();
        for (AppTheme theme : List.of(AppTheme.LIGHT, AppTheme.DARK)) {
            fxRun(() -> classroom.setTheme(theme));
            WaitForFx.pulses();
            Slider slider = fx(() -> (Slider) window.root().lookupAll(".slider").stream()
                    .filter(Node::isVisible).findFirst().orElse(null));
            assertNotNull(slider);
            showsFocus(theme + " slider", slider, slider.getScene());
            List<ToggleButton> selected = fx(() -> {
                List<ToggleButton> out = new ArrayList<>();
                for (Node n : window.root().lookupAll(".toggle-button")) {
                    if (n instanceof ToggleButton t && t.isSelected() && t.isVisible()) {
                        out.add(t);
                    }
                }
                return out;
            });
            assertTrue(selected.size() >= 3, "the view switch, order, layout and link buttons: " + selected);
            for (ToggleButton t : selected) {
                showsFocus(theme + " selected " + t.getId() + " " + t.getStyleClass(), t, t.getScene());
            }
        }
        fxRun(() -> classroom.images().openSample(SampleImage.values()[0]));
        waitFor(10, () -> classroom.images().dialogProperty().get() != null);
        ImageImportDialog d = classroom.images().dialogProperty().get();
        for (String id : List.of("#image-gray", "#image-crop")) {
            RadioButton r = fx(() -> (RadioButton) d.getDialogPane().lookup(id));
            assertTrue(fx(r::isSelected), id);
            showsFocus("radio " + id, r, d.getDialogPane().getScene());
        }
    }

    /**
     * Pictures the node's surroundings with the focus on a neighbour, then on the node as a click or the program
     * puts it there, then as Tab brings it: only the last may show a ring, and it must.
     */
    private void showsFocus(String what, Node node, Scene scene) throws Exception {
        Node elsewhere = fx(() -> scene.getRoot().lookupAll(".button").stream()
                .filter(n -> n instanceof Button && n != node && n.isVisible() && !n.isDisabled())
                .findFirst().orElseThrow());
        fxRun(elsewhere::requestFocus);
        WaitForFx.pulses();
        WritableImage before = fx(() -> scene.snapshot(null));
        fxRun(node::requestFocus);
        WaitForFx.pulses();
        assertTrue(fx(node::isFocused), what + " takes the focus");
        int clicked = changed(before, fx(() -> scene.snapshot(null)), node);
        // a ring around a thumb or a radio is some 60 pixels at the least; a caret or antialiasing is not
        assertTrue(clicked < 40, what + ": focus given by a click or the program shows a ring (" + clicked + " pixels)");
        fxRun(elsewhere::requestFocus);
        WaitForFx.pulses();
        keyboardFocus(node);
        WaitForFx.pulses();
        assertTrue(fx(node::isFocused) && fx(node::isFocusVisible), what + " takes the focus from the keyboard");
        int tabbed = changed(before, fx(() -> scene.snapshot(null)), node);
        assertTrue(tabbed >= 40, what + ": the focus shows in " + tabbed + " pixels");
    }

    /**
     * The focus as Tab gives it ({@code :focus-visible}). Tab itself cannot stand in: it enters a group of toggles
     * at the one it chooses, not at the selected one this test needs, and the arrows that move within the group
     * also change the selection.
     */
    private void keyboardFocus(Node node) throws Exception {
        java.lang.reflect.Method byKeyboard = Scene.class.getDeclaredMethod("requestFocus", Node.class, boolean.class);
        byKeyboard.setAccessible(true);
        fxRun(() -> {
            try {
                byKeyboard.invoke(node.getScene(), node, true);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private int changed(WritableImage before, WritableImage after, Node node) throws Exception {
        Bounds b = fx(() -> node.localToScene(node.getBoundsInLocal()));
        int changed = 0;
        PixelReader p = before.getPixelReader();
        PixelReader q = after.getPixelReader();
        int x0 = Math.max(0, (int) b.getMinX() - 6);
        int y0 = Math.max(0, (int) b.getMinY() - 6);
        int x1 = Math.min((int) before.getWidth(), (int) Math.ceil(b.getMaxX()) + 6);
        int y1 = Math.min((int) before.getHeight(), (int) Math.ceil(b.getMaxY()) + 6);
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if (p.getArgb(x, y) != q.getArgb(x, y)) {
                    changed++;
                }
            }
        }
        return changed;
    }

    /** A few pulses, so that a change of pseudo-class has been styled and drawn. */
    private static final class WaitForFx {
        static void pulses() {
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents(4);
        }
    }
}
