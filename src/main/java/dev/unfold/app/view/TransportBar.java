package dev.unfold.app.view;

import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.MainModel;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.material2.Material2MZ;

/** Play/pause, step back and forth, a scrub timeline over the trace, and the speed. */
public final class TransportBar extends HBox {

    private final MainModel model;
    private final Slider scrub = new Slider(0, 1, 0);
    private final Slider speed = new Slider(Math.log10(MainModel.MIN_SPEED), Math.log10(MainModel.MAX_SPEED), 0);
    private final Button play = new Button();
    private boolean updating;

    public TransportBar(MainModel model, I18n i18n) {
        super(10);
        this.model = model;
        getStyleClass().add("transport-bar");
        setAlignment(Pos.CENTER_LEFT);

        Button back = new Button();
        back.setId("step-back");
        back.setGraphic(Controls.icon(Material2MZ.SKIP_PREVIOUS));
        back.setOnAction(e -> model.stepBack());
        Controls.tip(back, i18n, "transport.back.tip");

        play.setId("play");
        play.getStyleClass().add("accent");
        play.setOnAction(e -> model.togglePlay());
        play.graphicProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                () -> Controls.icon(model.playingProperty().get() ? Material2MZ.PAUSE : Material2MZ.PLAY_ARROW),
                model.playingProperty()));
        Controls.tip(play, i18n, "transport.play.tip");
        play.disableProperty().bind(model.problemProperty().isNotNull());

        Button forward = new Button();
        forward.setId("step-forward");
        forward.setGraphic(Controls.icon(Material2MZ.SKIP_NEXT));
        forward.setOnAction(e -> model.stepForward());
        Controls.tip(forward, i18n, "transport.forward.tip");

        scrub.setId("scrub");
        HBox.setHgrow(scrub, Priority.ALWAYS);
        scrub.setMaxWidth(Double.MAX_VALUE);
        scrub.valueProperty().addListener((o, a, v) -> {
            if (!updating) {
                model.pause();
                model.seek(Math.round(v.doubleValue()));
            }
        });
        Controls.tip(scrub, i18n, "transport.scrub.tip");

        Label step = new Label();
        step.setId("step-label");
        step.getStyleClass().add("step-label");
        Runnable showStep = () -> step.setText(i18n.get("transport.step", model.position(),
                model.lengthProperty().get()));
        Throttle stepText = new Throttle(66, showStep);
        model.positionProperty().addListener(o -> {
            if (model.playingProperty().get()) {
                stepText.request();
            } else {
                showStep.run();
            }
        });
        model.playingProperty().addListener(o -> showStep.run());
        model.lengthProperty().addListener(o -> showStep.run());
        i18n.localeProperty().addListener(o -> showStep.run());
        showStep.run();

        Label speedLabel = new Label();
        speedLabel.textProperty().bind(i18n.text("transport.speed"));
        speed.setId("speed");
        speed.setPrefWidth(150);
        speed.setMinWidth(70);
        scrub.setMinWidth(90);
        speed.setValue(Math.log10(model.speedProperty().get()));
        speed.valueProperty().addListener((o, a, v) -> {
            if (!updating) {
                model.setSpeed(Math.pow(10, v.doubleValue()));
            }
        });
        Controls.tip(speed, i18n, "transport.speed.tip");
        Label speedValue = new Label();
        speedValue.setId("speed-label");
        speedValue.setPrefWidth(110);
        speedValue.setMinWidth(40);
        speedValue.textProperty().bind(i18n.bind(() -> i18n.get("transport.speed.value",
                model.speedProperty().get()), model.speedProperty()));

        getChildren().addAll(back, play, forward, scrub, step, speedLabel, speed, speedValue);
        step.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);

        model.positionProperty().addListener(o -> sync());
        model.lengthProperty().addListener(o -> sync());
        model.speedProperty().addListener(o -> sync());
        sync();
    }

    public Slider scrub() {
        return scrub;
    }

    private void sync() {
        updating = true;
        try {
            scrub.setMax(Math.max(1, model.lengthProperty().get()));
            scrub.setValue(model.position());
            speed.setValue(Math.log10(model.speedProperty().get()));
        } finally {
            updating = false;
        }
    }
}
