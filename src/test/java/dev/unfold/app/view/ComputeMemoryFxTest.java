package dev.unfold.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.ComputeFailure;
import dev.unfold.app.model.FrameComputer;
import dev.unfold.app.model.MainModel;
import dev.unfold.app.model.Settings;
import dev.unfold.app.model.ViewKind;
import dev.unfold.core.Availability;
import dev.unfold.core.Backend;
import dev.unfold.core.BackendProvider;
import dev.unfold.core.BackendUnavailableException;
import dev.unfold.core.Backends;
import dev.unfold.cpu.CpuBackendProvider;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The GEMM view at the sliders' largest numbers (N 2, C 4, 64 × 64, 11 × 11, pad 8, OC 8) needs more memory than a
 * JVM with a 256 MiB heap has: the view said "Could not compute: Java heap space", which names neither what ran
 * out nor what to change, and its formula panel went on saying "Computing…" for ever. Here the backward pass's
 * backend runs out of memory as it opens, the same failure without the gigabytes.
 */
@ExtendWith(ApplicationExtension.class)
class ComputeMemoryFxTest {

    /**
     * The first backend opened (the im2col frame's) works; every later one (the backward pass's) runs out of
     * memory in its first operation.
     */
    private static final class RunsOutLater implements BackendProvider {
        private final CpuBackendProvider cpu = new CpuBackendProvider();
        private final AtomicInteger opened = new AtomicInteger();

        @Override
        public String name() {
            return "cpu";
        }

        @Override
        public Availability probe() {
            return cpu.probe();
        }

        @Override
        public Backend open() throws BackendUnavailableException {
            Backend real = cpu.open();
            if (opened.getAndIncrement() == 0) {
                return real;
            }
            return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("im2col") || method.getName().equals("matmul")) {
                            throw new OutOfMemoryError("Java heap space");
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    private MainModel model;
    private MainWindow window;
    private FrameComputer computer;
    private I18n i18n;

    @Start
    void start(Stage stage) {
        Backends backends = new Backends(List.of(new RunsOutLater()));
        computer = new FrameComputer(backends);
        model = new MainModel(backends, computer, Platform::runLater, Settings.defaults());
        i18n = new I18n(Locale.ENGLISH);
        window = new MainWindow(model, i18n);
        stage.setScene(window.createScene(1280, 800));
        stage.sizeToScene();
        stage.show();
        model.start();
        window.startAnimation();
    }

    @AfterEach
    void stop() {
        window.close();
        computer.close();
    }

    @Test
    void runningOutOfMemorySaysWhatToChangeInTheViewAndItsFormulaPanel(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.frame() != null);
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> model.setView(ViewKind.GEMM));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> window.deck().backward().computeErrorProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents(4);
        assertEquals(ComputeFailure.OUT_OF_MEMORY, window.deck().backward().computeErrorProperty().get());
        String expected = i18n.get("status.error",
                i18n.get("error.compute.memory", Runtime.getRuntime().maxMemory() >> 20));
        assertTrue(expected.contains("-Xmx") && expected.contains("MiB"), expected);
        assertEquals(expected, robot.lookup("#caption-gemm").queryAs(Label.class).getText());
        String panel = robot.lookup("#gemm-element").queryAs(Label.class).getText();
        assertEquals(expected, panel, "the formula panel says why, not \"Computing…\"");
        // the status bar too (it said only the backend: the im2col frame had come, the backward pass had not)
        assertEquals(expected, robot.lookup("#status-backend").queryAs(Label.class).getText());
        assertEquals("", robot.lookup("#status-compute").queryAs(Label.class).getText());

        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> model.setView(ViewKind.COL2IM));
        WaitForAsyncUtils.waitForFxEvents(4);
        String move = robot.lookup("#col2im-move").queryAs(Label.class).getText();
        assertEquals(expected, move);
        assertFalse(move.contains("heap space"), move);
        assertEquals(expected, robot.lookup("#status-backend").queryAs(Label.class).getText());
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> model.setView(ViewKind.IM2COL));
        WaitForAsyncUtils.waitForFxEvents(4);
        String status = robot.lookup("#status-backend").queryAs(Label.class).getText();
        assertFalse(status.equals(expected), "the im2col view's frame came: " + status);

        I18n ko = new I18n(Locale.KOREAN);
        String korean = ko.get("error.compute.memory", 256L);
        assertTrue(korean.contains("256 MiB") && korean.contains("-Xmx") && !korean.startsWith("⟦"), korean);
        assertEquals("no such file", dev.unfold.app.i18n.ErrorText.compute("no such file", ko),
                "other reasons pass through as they came");
    }
}
