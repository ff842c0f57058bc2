package dev.unfold.app.model;

import dev.unfold.core.Availability;
import dev.unfold.core.BackendChoice;
import dev.unfold.core.Backends;
import dev.unfold.core.Layout;
import dev.unfold.core.trace.Move;
import dev.unfold.core.trace.TraceOrder;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The main window's state. Views bind to the read-only properties and change state only through the commands
 * below; everything runs on the FX thread except the frame computation, which {@link FrameComputer} does in
 * the background (latest request wins).
 *
 * <p>{@code position} counts the trace moves done, 0 to {@code length}; the move shown as current is the
 * last one done.
 */
public final class MainModel {

    public static final double MIN_SPEED = 0.5;
    public static final double MAX_SPEED = 50_000;
    public static final double MIN_CELL = 4;
    public static final double MAX_CELL = 96;

    private final FrameComputer computer;
    private final Executor fx;
    private final Backends backends;
    private final ReadOnlyObjectWrapper<InputSource> input =
            new ReadOnlyObjectWrapper<>(this, "input", InputPreset.RAMP);

    private final ReadOnlyObjectWrapper<Params> params = new ReadOnlyObjectWrapper<>(this, "params");
    private final Map<Pair, ReadOnlyBooleanWrapper> linked = new EnumMap<>(Pair.class);
    private final ReadOnlyObjectWrapper<ParamProblem> problem = new ReadOnlyObjectWrapper<>(this, "problem");
    private final ReadOnlyObjectWrapper<TraceOrder> order = new ReadOnlyObjectWrapper<>(this, "order");
    private final ReadOnlyObjectWrapper<Layout> layout = new ReadOnlyObjectWrapper<>(this, "layout");
    private final ReadOnlyObjectWrapper<ViewKind> view = new ReadOnlyObjectWrapper<>(this, "view", ViewKind.IM2COL);
    private final ReadOnlyObjectWrapper<BackendChoice> backendChoice = new ReadOnlyObjectWrapper<>(this, "backend");
    private final ReadOnlyObjectWrapper<Availability> cudaAvailability = new ReadOnlyObjectWrapper<>(this, "cuda");
    private final ReadOnlyObjectWrapper<Frame> frame = new ReadOnlyObjectWrapper<>(this, "frame");
    private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper(this, "computing");
    private final ReadOnlyStringWrapper computeError = new ReadOnlyStringWrapper(this, "computeError");
    private final ReadOnlyLongWrapper position = new ReadOnlyLongWrapper(this, "position");
    private final ReadOnlyLongWrapper length = new ReadOnlyLongWrapper(this, "length");
    private final ReadOnlyObjectWrapper<Move> currentMove = new ReadOnlyObjectWrapper<>(this, "currentMove");
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing");
    private final ReadOnlyDoubleWrapper speed = new ReadOnlyDoubleWrapper(this, "speed");
    private final ReadOnlyObjectWrapper<Focus> focus = new ReadOnlyObjectWrapper<>(this, "focus");
    private final ReadOnlyBooleanWrapper pinned = new ReadOnlyBooleanWrapper(this, "pinned");
    private final ReadOnlyObjectWrapper<Highlight> highlight = new ReadOnlyObjectWrapper<>(this, "highlight");
    private final ReadOnlyDoubleWrapper cellSize = new ReadOnlyDoubleWrapper(this, "cellSize");
    private java.util.function.LongSupplier clock = System::nanoTime;
    private final ParamHistory history = new ParamHistory(() -> clock.getAsLong());
    private boolean restoring;

    private double pendingSteps; // fractional steps carried between animation ticks
    private long requestedPosition = -1; // a position asked for before the frame that holds it arrived
    // the other views' animations: their lengths as their models report them, and where each view was left
    private final Map<ViewKind, Long> timelines = new EnumMap<>(ViewKind.class);
    private final Map<ViewKind, Long> viewPositions = new EnumMap<>(ViewKind.class);

    /**
     * @param fx where results are delivered: {@code Platform::runLater} in the application
     */
    public MainModel(Backends backends, FrameComputer computer, Executor fx, Settings settings) {
        this.backends = backends;
        this.computer = computer;
        this.fx = fx;
        for (Pair p : Pair.values()) {
            linked.put(p, new ReadOnlyBooleanWrapper(this, "linked" + p.name(), settings.linked().contains(p)));
        }
        params.set(settings.params());
        order.set(settings.order());
        layout.set(settings.layout());
        backendChoice.set(settings.backend());
        speed.set(clamp(settings.speed(), MIN_SPEED, MAX_SPEED));
        cellSize.set(clamp(settings.cellSize(), MIN_CELL, MAX_CELL));
        problem.set(ParamProblem.of(settings.params()));
        position.addListener((o, a, b) -> updateMove());
        frame.addListener((o, a, b) -> updateMove());
        focus.addListener((o, a, b) -> highlight.set(Highlight.of(frame.get(), b)));
        frame.addListener((o, a, b) -> highlight.set(Highlight.of(b, focus.get())));
    }

    // ---- read-only state -------------------------------------------------------------------------

    public ReadOnlyObjectProperty<Params> paramsProperty() {
        return params.getReadOnlyProperty();
    }

    public Params params() {
        return params.get();
    }

    public ReadOnlyBooleanProperty linkedProperty(Pair pair) {
        return linked.get(pair).getReadOnlyProperty();
    }

    public Set<Pair> linkedPairs() {
        Set<Pair> s = EnumSet.noneOf(Pair.class);
        linked.forEach((p, b) -> {
            if (b.get()) {
                s.add(p);
            }
        });
        return s;
    }

    /** Why the current params are not a convolution; null when they are. */
    public ReadOnlyObjectProperty<ParamProblem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TraceOrder> orderProperty() {
        return order.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Layout> layoutProperty() {
        return layout.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ViewKind> viewProperty() {
        return view.getReadOnlyProperty();
    }

    public ViewKind view() {
        return view.get();
    }

    /** Where the input values come from: a preset or an image, with the cells the user typed. */
    public ReadOnlyObjectProperty<InputSource> inputProperty() {
        return input.getReadOnlyProperty();
    }

    /** The backends the frames are computed with; the other views' models open theirs from here too. */
    public Backends backends() {
        return backends;
    }

    public ReadOnlyObjectProperty<BackendChoice> backendChoiceProperty() {
        return backendChoice.getReadOnlyProperty();
    }

    /** Whether CUDA works here, and why not; null until the probe has answered. */
    public ReadOnlyObjectProperty<Availability> cudaAvailabilityProperty() {
        return cudaAvailability.getReadOnlyProperty();
    }

    /** The newest computed frame; it stays while the params are invalid, and the views dim it. */
    public ReadOnlyObjectProperty<Frame> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    public Frame frame() {
        return frame.get();
    }

    /** True from a change until the frame for it has arrived. */
    public ReadOnlyBooleanProperty computingProperty() {
        return computing.getReadOnlyProperty();
    }

    /** Why the last computation failed, in one line; null after a success. */
    public ReadOnlyStringProperty computeErrorProperty() {
        return computeError.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty positionProperty() {
        return position.getReadOnlyProperty();
    }

    public long position() {
        return position.get();
    }

    public ReadOnlyLongProperty lengthProperty() {
        return length.getReadOnlyProperty();
    }

    /** The last move done, or null at position 0. */
    public ReadOnlyObjectProperty<Move> currentMoveProperty() {
        return currentMove.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    /** Steps per second while playing. */
    public ReadOnlyDoubleProperty speedProperty() {
        return speed.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Focus> focusProperty() {
        return focus.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty pinnedProperty() {
        return pinned.getReadOnlyProperty();
    }

    /** What the focus lights in both views, or null. */
    public ReadOnlyObjectProperty<Highlight> highlightProperty() {
        return highlight.getReadOnlyProperty();
    }

    public Highlight highlight() {
        return highlight.get();
    }

    public Move currentMove() {
        return currentMove.get();
    }

    public TraceOrder order() {
        return order.get();
    }

    public ParamProblem problem() {
        return problem.get();
    }

    /** Column-matrix cell size in pixels: the zoom. */
    public ReadOnlyDoubleProperty cellSizeProperty() {
        return cellSize.getReadOnlyProperty();
    }

    /** What to remember for the next run (the window bounds are the caller's). */
    public Settings settings(Settings.WindowBounds window) {
        return new Settings(params.get(), linkedPairs(), order.get(), layout.get(), backendChoice.get(),
                speed.get(), cellSize.get(), window, view.get());
    }

    // ---- commands --------------------------------------------------------------------------------

    /** Starts the first computation and the CUDA probe. */
    public void start() {
        Thread probe = new Thread(() -> {
            Availability a = backends.availability("cuda");
            fx.execute(() -> cudaAvailability.set(a));
        }, "unfold-cuda-probe");
        probe.setDaemon(true);
        probe.start();
        recompute();
    }

    /** Sets one number; a linked pair moves together. Out-of-range values are clamped to the slider. */
    public void set(ParamKey key, int value) {
        int v = key.clamp(value);
        Params p = params.get().with(key, v);
        Pair pair = key.pair();
        if (pair != null && linked.get(pair).get()) {
            p = p.with(pair.other(key), v);
        }
        setParams(p);
    }

    /** Links or unlinks a pair; linking copies the height value to the width. */
    public void setLinked(Pair pair, boolean on) {
        linked.get(pair).set(on);
        if (on && !params.get().square(pair)) {
            setParams(params.get().with(pair.width(), params.get().get(pair.height())));
        }
    }

    public void setParams(Params p) {
        if (p.equals(params.get())) {
            return;
        }
        if (!restoring) {
            history.changing(params.get());
        }
        for (Pair pair : Pair.values()) {
            if (!p.square(pair)) {
                linked.get(pair).set(false);
            }
        }
        params.set(p);
        problem.set(ParamProblem.of(p));
        recompute();
    }

    /** Makes {@code source} the input, with {@code p} (an image's channels and size, say) in one computation. */
    public void setInput(InputSource source, Params p) {
        input.set(source);
        if (p.equals(params.get())) {
            recompute();
        } else {
            setParams(p);
        }
    }

    public void applyPreset(Preset preset) {
        Params p = preset.apply(params.get());
        for (Pair pair : Pair.values()) {
            linked.get(pair).set(p.square(pair));
        }
        setParams(p);
    }

    /** Back to the parameters before the last change (a slider drag is one change); nothing when there are none. */
    public void undoParams() {
        restore(history.undo(params.get()));
    }

    /** Forward to the parameters the last undo left. */
    public void redoParams() {
        restore(history.redo(params.get()));
    }

    private void restore(Params p) {
        if (p == null) {
            return;
        }
        restoring = true;
        try {
            setParams(p);
        } finally {
            restoring = false;
        }
    }

    public ReadOnlyBooleanProperty canUndoParamsProperty() {
        return history.canUndoProperty();
    }

    public ReadOnlyBooleanProperty canRedoParamsProperty() {
        return history.canRedoProperty();
    }

    /** For tests: a clock of their own, so that what counts as one step does not depend on the machine. */
    void useClock(java.util.function.LongSupplier clock) {
        this.clock = clock;
    }

    /** Applies the suggested fix for an invalid combination. */
    public void fixProblem() {
        ParamProblem pr = problem.get();
        if (pr != null) {
            setParams(pr.fix(params.get()));
        }
    }

    public void setOrder(TraceOrder o) {
        if (!o.im2col()) {
            throw new IllegalArgumentException("the im2col view animates im2col orders, not " + o);
        }
        if (o != order.get()) {
            order.set(o);
            recompute();
        }
    }

    public void setLayout(Layout l) {
        if (l != layout.get()) {
            layout.set(l);
            recompute();
        }
    }

    /**
     * Shows another view. The transport then plays that view's animation; each view keeps its own position,
     * so switching back returns to where it was.
     */
    public void setView(ViewKind v) {
        ViewKind old = view.get();
        if (v == old) {
            return;
        }
        pause();
        requestedPosition = -1; // asked of the view left behind
        viewPositions.put(old, position.get());
        view.set(v);
        long len = v == ViewKind.IM2COL ? (frame.get() == null ? 0 : frame.get().length())
                : timelines.getOrDefault(v, 0L);
        length.set(len);
        position.set(Math.min(viewPositions.getOrDefault(v, len), len));
    }

    /**
     * A view other than im2col says how many steps its animation has now (after its own recomputation). While
     * that view is shown, the position follows the same rules as for a new im2col frame.
     */
    public void setTimeline(ViewKind v, long steps) {
        if (v == ViewKind.IM2COL) {
            throw new IllegalArgumentException("the im2col timeline is the frame's trace");
        }
        Long old = timelines.put(v, steps);
        long oldLength = old == null ? -1 : old;
        if (v == view.get()) {
            long next = place(oldLength, position.get(), steps);
            length.set(steps);
            position.set(next);
        } else {
            viewPositions.put(v, keep(oldLength, viewPositions.getOrDefault(v, Long.MAX_VALUE), steps));
        }
    }

    /** Replaces the input values; cell edits belong to the source, so a new preset starts without any. */
    public void setInput(InputSource s) {
        input.set(s);
        recompute();
    }

    /** Types a value into input cell (n, c, y, x). */
    public void editInput(int n, int c, int y, int x, double value) {
        setInput(EditedInput.of(input.get()).with(new EditedInput.Cell(n, c, y, x), value));
    }

    public void setBackend(BackendChoice c) {
        if (c != backendChoice.get()) {
            backendChoice.set(c);
            recompute();
        }
    }

    public void play() {
        if (frame.get() == null || problem.get() != null) {
            return;
        }
        if (position.get() >= length.get()) {
            position.set(0);
        }
        pendingSteps = 0;
        playing.set(true);
    }

    public void pause() {
        playing.set(false);
    }

    public void togglePlay() {
        if (playing.get()) {
            pause();
        } else {
            play();
        }
    }

    public void stepForward() {
        pause();
        seek(position.get() + 1);
    }

    public void stepBack() {
        pause();
        seek(position.get() - 1);
    }

    /** Moves to a position, clamped to [0, length]. */
    public void seek(long p) {
        if (frame.get() == null || computing.get()) {
            // for the result on its way; the end of the old one means the end of the new one
            requestedPosition = p >= length.get() && length.get() > 0 ? Long.MAX_VALUE : Math.max(0, p);
        }
        position.set(Math.max(0, Math.min(length.get(), p)));
    }

    public void setSpeed(double stepsPerSecond) {
        speed.set(clamp(stepsPerSecond, MIN_SPEED, MAX_SPEED));
    }

    /** Advances playback by {@code seconds} of wall time; the animation timer calls this once per frame. */
    public void tick(double seconds) {
        if (!playing.get()) {
            return;
        }
        pendingSteps += speed.get() * Math.max(0, seconds);
        long whole = (long) pendingSteps;
        if (whole == 0) {
            return;
        }
        pendingSteps -= whole;
        long next = Math.min(length.get(), position.get() + whole);
        position.set(next);
        if (next >= length.get()) {
            playing.set(false);
        }
    }

    /** The pointer is over a cell; ignored while a highlight is pinned. */
    public void hover(Focus f) {
        if (!pinned.get()) {
            focus.set(f);
        }
    }

    public void clearHover() {
        if (!pinned.get()) {
            focus.set(null);
        }
    }

    /** A click: pins the highlight of {@code f}; clicking the pinned cell again, or {@code null}, unpins. */
    public void togglePin(Focus f) {
        if (f == null || (pinned.get() && f.equals(focus.get()))) {
            pinned.set(false);
            focus.set(f);
            return;
        }
        focus.set(f);
        pinned.set(true);
    }

    public void zoomIn() {
        setCellSize(cellSize.get() * 1.25);
    }

    public void zoomOut() {
        setCellSize(cellSize.get() / 1.25);
    }

    public void setCellSize(double px) {
        cellSize.set(clamp(px, MIN_CELL, MAX_CELL));
    }

    // ---- internals -------------------------------------------------------------------------------

    private void recompute() {
        Params p = params.get();
        if (problem.get() != null) {
            pause();
            return;
        }
        computing.set(true);
        FrameComputer.Request r = new FrameComputer.Request(p.geometry(), layout.get(), order.get(),
                backendChoice.get(), input.get());
        computer.submit(r, fx::execute, this::accept, this::fail);
    }

    private void accept(Frame f) {
        Frame old = frame.get();
        long oldLength = old == null ? -1 : old.length();
        if (view.get() == ViewKind.IM2COL) {
            long next = place(oldLength, position.get(), f.length());
            length.set(f.length());
            position.set(next);
        } else {
            viewPositions.put(ViewKind.IM2COL, keep(oldLength,
                    viewPositions.getOrDefault(ViewKind.IM2COL, Long.MAX_VALUE), f.length()));
        }
        frame.set(f);
        computeError.set(null);
        computing.set(false);
    }

    private void fail(String reason) {
        computeError.set(reason);
        computing.set(false);
        requestedPosition = -1; // asked of a result that did not come
        pause();
    }

    /** Where the shown view's animation goes when its length changes: a requested position, or {@link #keep}. */
    private long place(long oldLength, long oldPosition, long newLength) {
        if (requestedPosition >= 0) {
            long r = requestedPosition;
            requestedPosition = -1;
            return Math.min(r, newLength);
        }
        return keep(oldLength, oldPosition, newLength);
    }

    /** A finished (or never seen) animation stays finished, so the whole result shows; others keep their place. */
    private static long keep(long oldLength, long oldPosition, long newLength) {
        return oldLength < 0 || oldPosition >= oldLength ? newLength : Math.min(oldPosition, newLength);
    }

    private void updateMove() {
        Frame f = frame.get();
        long p = view.get() == ViewKind.IM2COL ? position.get()
                : viewPositions.getOrDefault(ViewKind.IM2COL, Long.MAX_VALUE);
        currentMove.set(f == null ? null : f.moveAt(p));
    }

    private static double clamp(double v, double lo, double hi) {
        return Double.isFinite(v) ? Math.max(lo, Math.min(hi, v)) : lo;
    }
}
