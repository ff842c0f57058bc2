package dev.unfold.app.view;

import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.MainModel;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.material2.Material2MZ;

/** Play/pause, step back and forth, a scrub timeline over the trace, and the speed. */
public final class TransportBar extends HBox {

    private final MainModel model;
    private final Slider scrub = new Slider(0, 1, 0);
    private final Slider speed = new Slider(Math.log10(MainModel.MIN_SPEED), Math.log10(MainModel.MAX_SPEED), 0);
    private final Button play = new Button();
    private final Label speedLabel = new Label();
    private final Label speedValue = new Label();
    private final Label step = new Label();
    /** The step counter without its word ("100 / 100" for "step 100 / 100"), for a narrow bar. */
    private boolean shortStep;
    private final I18n i18n;
    private boolean updating;

    /**
     * Room for the longest speed, "50000 moves/s", in ems of the label's font (presentation mode's type is
     * larger), so that the bar does not shift while the speed changes.
     */
    private static final double SPEED_VALUE_EMS = 7.9;
    /** The least of the timeline worth keeping the word "Speed" for. */
    private static final double SCRUB_ROOM = 120;
    /** The least of the timeline worth keeping the speed's value for. */
    private static final double SCRUB_COMPACT = 72;
    /** The shortest timeline: it still drags, and Home and End reach its ends. */
    private static final double SCRUB_MIN = 60;

    public TransportBar(MainModel model, I18n i18n) {
        super(10);
        this.model = model;
        this.i18n = i18n;
        getStyleClass().add("transport-bar");
        setAlignment(Pos.CENTER_LEFT);

        Button back = new Button();
        back.setId("step-back");
        back.setGraphic(Controls.icon(Material2MZ.NAVIGATE_BEFORE));
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
        forward.setGraphic(Controls.icon(Material2MZ.NAVIGATE_NEXT));
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

        step.setId("step-label");
        step.getStyleClass().add("step-label");
        Runnable showStep = () -> step.setText(stepText(shortStep));
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

        speedLabel.textProperty().bind(i18n.text("transport.speed"));
        speedLabel.getStyleClass().add("speed-word");
        speed.setId("speed");
        speed.setPrefWidth(150);
        speed.setMinWidth(60);
        scrub.setMinWidth(SCRUB_MIN);
        speed.setValue(Math.log10(model.speedProperty().get()));
        speed.valueProperty().addListener((o, a, v) -> {
            if (!updating) {
                model.setSpeed(Math.pow(10, v.doubleValue()));
            }
        });
        Controls.tip(speed, i18n, "transport.speed.tip");
        speedValue.setId("speed-label");
        speedValue.setMinWidth(speedValueWidth());
        // labels keep their whole text; what the bar lacks comes out of the timeline (see layoutChildren)
        speedLabel.setMinWidth(Region.USE_PREF_SIZE);
        speedValue.textProperty().bind(i18n.bind(() -> i18n.get("transport.speed.value",
                model.speedProperty().get()), model.speedProperty()));

        getChildren().addAll(back, play, forward, scrub, step, speedLabel, speed, speedValue);
        step.setMinWidth(Region.USE_PREF_SIZE);

        model.positionProperty().addListener(o -> sync());
        model.lengthProperty().addListener(o -> sync());
        model.speedProperty().addListener(o -> sync());
        sync();
    }

    private String stepText(boolean brief) {
        return i18n.get(brief ? "transport.step.short" : "transport.step", model.position(),
                model.lengthProperty().get());
    }

    /**
     * On a narrow window (a projector at 1024 × 768, large type in presentation mode) the word "Speed" goes
     * first and the speed value takes only the width of its text; then the step counter's word ("100 / 100"
     * beside the timeline says as much), so that the speed a class is watching stays readable; where even that
     * does not fit, the value goes too, and last the speed's slider. The step counter never ends in "…", and the
     * bar never asks for more than its tightest arrangement, so that it does not push the side panels off the
     * window.
     */
    @Override
    protected void layoutChildren() {
        double width = getWidth();
        boolean word = width >= needed(true, false, true, true, SCRUB_ROOM);
        boolean wholeStep = word || width >= needed(false, false, true, true, SCRUB_COMPACT);
        boolean value = wholeStep || width >= needed(false, true, true, true, SCRUB_COMPACT);
        boolean slider = value || width >= needed(false, true, false, true, SCRUB_MIN);
        if (shortStep == wholeStep) {
            shortStep = !wholeStep;
            step.setText(stepText(shortStep));
        }
        double valueMin = word ? Math.max(speedValueWidth(), speedValue.prefWidth(-1)) : Region.USE_PREF_SIZE;
        if (speedLabel.isManaged() != word || speedValue.isManaged() != value || speed.isManaged() != slider
                || speedValue.getMinWidth() != valueMin) {
            speedLabel.setManaged(word);
            speedLabel.setVisible(word);
            speedValue.setManaged(value);
            speedValue.setVisible(value);
            speedValue.setMinWidth(valueMin);
            speed.setManaged(slider);
            speed.setVisible(slider);
        }
        super.layoutChildren();
    }

    private double speedValueWidth() {
        return Math.ceil(SPEED_VALUE_EMS * speedValue.getFont().getSize());
    }

    @Override
    protected double computeMinWidth(double height) {
        return needed(false, true, false, false, SCRUB_MIN);
    }

    /**
     * The width the bar needs with or without the word "Speed", with the step counter whole or brief, with or
     * without the speed value and slider, and this much timeline.
     */
    private double needed(boolean word, boolean brief, boolean value, boolean slider, double scrubRoom) {
        double w = snappedLeftInset() + snappedRightInset();
        int shown = 0;
        for (javafx.scene.Node n : getChildren()) {
            if ((n == speedLabel && !word) || (n == speedValue && !value) || (n == speed && !slider)) {
                continue;
            }
            if (n == scrub) {
                w += scrubRoom;
            } else if (n == speed) {
                w += speed.minWidth(-1);
            } else if (n == step) {
                w += stepWidth(brief);
            } else if (n == speedValue) {
                w += word ? Math.max(speedValueWidth(), speedValue.prefWidth(-1)) : speedValue.prefWidth(-1);
            } else {
                w += n.prefWidth(-1);
            }
            shown++;
        }
        return w + getSpacing() * (shown - 1);
    }

    /** The step counter's width with the text it has now (shortened or not) or the other one. */
    private double stepWidth(boolean brief) {
        double now = step.prefWidth(-1);
        if (brief == shortStep || step.getText() == null) {
            return now;
        }
        return now - HeaderLabels.width(step.getText(), step.getFont())
                + HeaderLabels.width(stepText(brief), step.getFont());
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
