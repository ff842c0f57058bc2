package dev.unfold.app.view;

import javafx.animation.PauseTransition;
import javafx.util.Duration;

/**
 * Runs an update at once, then at most once per interval while requests keep coming: text that changes
 * every frame during fast playback cannot be read anyway, and relaying it out each frame costs frame time.
 */
final class Throttle {
    private final PauseTransition pause;
    private final Runnable update;
    private boolean pending;

    Throttle(double millis, Runnable update) {
        this.update = update;
        this.pause = new PauseTransition(Duration.millis(millis));
        pause.setOnFinished(e -> {
            if (pending) {
                pending = false;
                update.run();
                pause.playFromStart();
            }
        });
    }

    void request() {
        if (pause.getStatus() == javafx.animation.Animation.Status.RUNNING) {
            pending = true;
        } else {
            update.run();
            pause.playFromStart();
        }
    }
}
