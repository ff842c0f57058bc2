package dev.unfold.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class AppIconsFxTest {

    @Start
    void start(Stage stage) {
    }

    @Test
    void theWindowGetsUnfoldsIconInEverySizeFromTheJar() throws Exception {
        List<String> sizes = WaitForAsyncUtils.asyncFx(() -> {
            Stage s = new Stage();
            AppIcons.addTo(s);
            return s.getIcons().stream()
                    .map(i -> (i.isError() ? "error " : "") + (int) i.getWidth() + "x" + (int) i.getHeight()).toList();
        }).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("16x16", "32x32", "48x48", "64x64", "128x128", "256x256"), sizes);
    }
}
