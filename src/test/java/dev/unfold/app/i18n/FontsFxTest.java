package dev.unfold.app.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Canvas titles are broken into lines rather than narrowed where a panel is too slim for them. */
@ExtendWith(ApplicationExtension.class)
class FontsFxTest {

    @Start
    void start(Stage stage) {
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void linesKeepEveryWordInOrderAndFitWhereWordsAllow() throws Exception {
        Font f = Font.font("System", FontWeight.BOLD, 14);
        String en = "y reshaped to (N, OC, OH, OW) = (1, 1, 5, 5)";
        String ko = "y를 (N, OC, OH, OW) = (1, 1, 5, 5)로 바꾼 모양";
        for (String text : List.of(en, ko)) {
            Font font = ko.equals(text) ? Fonts.canvas(text, FontWeight.BOLD, 14) : f;
            double whole = fx(() -> Fonts.width(text, font));
            assertEquals(List.of(text), fx(() -> Fonts.lines(text, font, whole + 1)), "room for all: one line");
            for (double room : new double[] {whole * 0.7, whole / 2, 120, 60}) {
                List<String> lines = fx(() -> Fonts.lines(text, font, room));
                assertEquals(text, String.join(" ", lines), "every word, in order");
                assertTrue(lines.size() > 1, room + ": " + lines);
                for (String line : lines) {
                    double w = fx(() -> Fonts.width(line, font));
                    assertTrue(w <= room || !line.contains(" "), room + ": '" + line + "' is " + w + " wide");
                }
            }
        }
    }
}
