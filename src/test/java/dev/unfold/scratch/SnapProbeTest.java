package dev.unfold.scratch;

import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.*;
import dev.unfold.app.view.*;
import dev.unfold.core.Backends;
import dev.unfold.cpu.CpuBackendProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class SnapProbeTest {
    MainModel model; MainWindow window;
    @Start
    void start(Stage stage) {
        Backends b = new Backends(List.of(new CpuBackendProvider()));
        model = new MainModel(b, new FrameComputer(b), Platform::runLater, Settings.defaults());
        window = new MainWindow(model, new I18n(Locale.ENGLISH));
        stage.setScene(window.createScene(1600, 960));
        stage.show();
        model.start();
    }
    @Test
    void probe() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.frame() != null);
        WaitForAsyncUtils.waitForFxEvents(5);
        WaitForAsyncUtils.asyncFx(() -> model.seek(37)).get();
        for (int s : new int[] {1, 3}) {
            var img = WaitForAsyncUtils.asyncFx(() -> ViewSnapshot.take(window.viewArea(), s)).get(20, TimeUnit.SECONDS);
            ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", Path.of("/tmp/snap" + s + "x.png").toFile());
        }
        WaitForAsyncUtils.waitForFxEvents(5);
        var img = WaitForAsyncUtils.asyncFx(() -> window.root().getScene().snapshot(null)).get();
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", Path.of("/tmp/after.png").toFile());
    }
}
