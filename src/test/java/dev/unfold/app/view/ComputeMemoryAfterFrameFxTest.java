package dev.unfold.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.ComputeFailure;
import dev.unfold.app.model.FrameComputer;
import dev.unfold.app.model.MainModel;
import dev.unfold.app.model.OutputGradientPreset;
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
import java.util.concurrent.atomic.AtomicBoolean;
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
 * Running out of memory after an earlier computation succeeded (a slider pushed one step too far): the caption
 * said so, but both formula panels went on explaining the last good frame's steps, for settings no longer shown,
 * since they looked at the failure only while there was no frame at all.
 */
@ExtendWith(ApplicationExtension.class)
class ComputeMemoryAfterFrameFxTest {

    private static final AtomicBoolean RUN_OUT = new AtomicBoolean();

    /** A CPU backend whose im2col runs out of memory while {@link #RUN_OUT} is set. */
    private static final class RunsOutWhenTold implements BackendProvider {
        private final CpuBackendProvider cpu = new CpuBackendProvider();

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
            return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                    (proxy, method, args) -> {
                        if (RUN_OUT.get() && method.getName().equals("im2col")) {
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
    private final I18n i18n = new I18n(Locale.ENGLISH);

    @Start
    void start(Stage stage) {
        RUN_OUT.set(false);
        Backends backends = new Backends(List.of(new RunsOutWhenTold()));
        computer = new FrameComputer(backends);
        model = new MainModel(backends, computer, Platform::runLater, Settings.defaults());
        window = new MainWindow(model, i18n);
        stage.setScene(window.createScene(1280, 800));
        stage.show();
        model.start();
    }

    @AfterEach
    void stop() {
        RUN_OUT.set(false);
        window.close();
        computer.close();
    }

    @Test
    void bothFormulaPanelsSayWhyOverAnEarlierFrame(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.frame() != null);
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> model.setView(ViewKind.GEMM));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.deck().backward().ready());
        WaitForAsyncUtils.waitForFxEvents(4);
        RUN_OUT.set(true);
        WaitForAsyncUtils.waitForAsyncFx(10_000,
                () -> window.deck().backward().setOutputGradient(OutputGradientPreset.values()[1]));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> window.deck().backward().computeErrorProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents(4);
        assertEquals(ComputeFailure.OUT_OF_MEMORY, window.deck().backward().computeErrorProperty().get());
        String expected = i18n.get("status.error",
                i18n.get("error.compute.memory", Runtime.getRuntime().maxMemory() >> 20));
        assertEquals(expected, robot.lookup("#caption-gemm").queryAs(Label.class).getText());
        assertEquals(expected, robot.lookup("#gemm-element").queryAs(Label.class).getText());

        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> model.setView(ViewKind.COL2IM));
        WaitForAsyncUtils.waitForFxEvents(4);
        assertEquals(expected, robot.lookup("#col2im-move").queryAs(Label.class).getText());

        RUN_OUT.set(false); // the settings put right: the panels explain the new frame again
        WaitForAsyncUtils.waitForAsyncFx(10_000,
                () -> window.deck().backward().setOutputGradient(OutputGradientPreset.values()[0]));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.deck().backward().ready()
                && window.deck().backward().computeErrorProperty().get() == null);
        WaitForAsyncUtils.waitForFxEvents(4);
        String move = robot.lookup("#col2im-move").queryAs(Label.class).getText();
        org.junit.jupiter.api.Assertions.assertNotEquals(expected, move);
    }
}
