package dev.unfold.app.model;

import dev.unfold.core.trace.Move;
import dev.unfold.core.trace.TraceOrder;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The state of the col2im and GEMM views. They share the main model's parameters, input, layout, backend and
 * transport; what is theirs is set here through the commands below, and everything numeric comes from a
 * {@link BackwardFrame} that {@link BackwardComputer} makes off the FX thread from the main model's frame.
 * Frames are computed only while one of these views is shown, so the im2col view pays nothing for them.
 *
 * <p>The animation position is the main model's while its view is one of these; the col2im state at that
 * position comes from {@link #col2imState()}, the product step from {@link #productStep()}.
 */
public final class BackwardModel implements AutoCloseable {

    private final MainModel main;
    private final BackwardComputer computer;
    private final Executor fx;

    private final ReadOnlyObjectWrapper<TraceOrder> order =
            new ReadOnlyObjectWrapper<>(this, "order", TraceOrder.COL2IM_BY_TAP);
    private final ReadOnlyObjectWrapper<GradientPreset> gradient =
            new ReadOnlyObjectWrapper<>(this, "gradient", GradientPreset.ONES);
    private final ReadOnlyBooleanWrapper heatMap = new ReadOnlyBooleanWrapper(this, "heatMap");
    private final ReadOnlyBooleanWrapper roundTrip = new ReadOnlyBooleanWrapper(this, "roundTrip");
    private final ReadOnlyObjectWrapper<Weights> weights = new ReadOnlyObjectWrapper<>(this, "weights", Weights.DEFAULT);
    private final ReadOnlyObjectWrapper<OutputGradientPreset> outputGradient =
            new ReadOnlyObjectWrapper<>(this, "outputGradient", OutputGradientPreset.ONES);
    private final ReadOnlyObjectWrapper<Product> product = new ReadOnlyObjectWrapper<>(this, "product", Product.FORWARD);
    private final ReadOnlyObjectWrapper<BackwardFrame> frame = new ReadOnlyObjectWrapper<>(this, "frame");
    private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper(this, "computing");
    private final ReadOnlyStringWrapper computeError = new ReadOnlyStringWrapper(this, "computeError");

    private Col2imReplay replay; // of the current frame; FX thread only
    private boolean stale = true; // the main model or a setting changed since the last request

    /** @param fx where results are delivered: {@code Platform::runLater} in the application */
    public BackwardModel(MainModel main, BackwardComputer computer, Executor fx) {
        this.main = main;
        this.computer = computer;
        this.fx = fx;
        main.frameProperty().addListener(o -> invalidate());
        main.backendChoiceProperty().addListener(o -> invalidate());
        main.viewProperty().addListener(o -> {
            if (shown() && stale) {
                recompute();
            }
        });
    }

    // ---- read-only state -------------------------------------------------------------------------

    /** col2im's order: {@link TraceOrder#COL2IM_BY_TAP} or {@link TraceOrder#COL2IM_BY_PIXEL}. */
    public ReadOnlyObjectProperty<TraceOrder> orderProperty() {
        return order.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<GradientPreset> gradientProperty() {
        return gradient.getReadOnlyProperty();
    }

    /** True when the input gradient grid shows how many windows cover each pixel instead of the sums. */
    public ReadOnlyBooleanProperty heatMapProperty() {
        return heatMap.getReadOnlyProperty();
    }

    /** True when col2im(im2col(x)) is shown next to x, with the division that recovers x. */
    public ReadOnlyBooleanProperty roundTripProperty() {
        return roundTrip.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Weights> weightsProperty() {
        return weights.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<OutputGradientPreset> outputGradientProperty() {
        return outputGradient.getReadOnlyProperty();
    }

    /** Which product the GEMM view animates. */
    public ReadOnlyObjectProperty<Product> productProperty() {
        return product.getReadOnlyProperty();
    }

    /** The newest computed frame, or null before the first. */
    public ReadOnlyObjectProperty<BackwardFrame> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    public BackwardFrame frame() {
        return frame.get();
    }

    public ReadOnlyBooleanProperty computingProperty() {
        return computing.getReadOnlyProperty();
    }

    /** Why the last computation failed, in one line; null after a success. */
    public ReadOnlyStringProperty computeErrorProperty() {
        return computeError.getReadOnlyProperty();
    }

    public TraceOrder order() {
        return order.get();
    }

    public Product product() {
        return product.get();
    }

    public Weights weights() {
        return weights.get();
    }

    /** True when a frame for the current settings is shown, nothing newer is on its way. */
    public boolean ready() {
        return frame.get() != null && !computing.get() && !stale;
    }

    /** The col2im state after the transport's current number of moves, brought there exactly; null before a frame. */
    public Col2imReplay col2imState() {
        if (replay == null) {
            return null;
        }
        replay.seek(position());
        return replay;
    }

    /** The col2im move done last, or null at the start. */
    public Move col2imMove() {
        BackwardFrame f = frame.get();
        long p = position();
        return f == null || p <= 0 ? null : f.trace().move(Math.min(p, f.col2imLength()) - 1);
    }

    /** The GEMM animation's current multiply-add, or null at the start. */
    public Product.Step productStep() {
        BackwardFrame f = frame.get();
        return f == null ? null : product.get().stepAt(f, position());
    }

    /**
     * What element C[i, j] shows at the current position: the core's value once all its terms are added, the sum
     * of the terms so far while it is being computed, NaN before its first term.
     */
    public double productValue(int i, int j) {
        BackwardFrame f = frame.get();
        Product pr = product.get();
        int k = pr.k(f);
        long start = ((long) i * pr.n(f) + j) * k;
        long done = position() - start;
        if (done <= 0) {
            return Double.NaN;
        }
        return done >= k ? pr.c(f, i, j) : pr.partial(f, i, j, (int) done);
    }

    private long position() {
        return main.position();
    }

    /** The choices to remember; see {@link #choose}. */
    public BackwardChoices choices() {
        Weights w = weights.get();
        return new BackwardChoices(order.get(), gradient.get(), heatMap.get(), roundTrip.get(), w.outChannels(),
                w.preset(), outputGradient.get(), product.get());
    }

    // ---- commands --------------------------------------------------------------------------------

    /** Makes every choice at once, as remembered from an earlier run; weights typed by hand are dropped. */
    public void choose(BackwardChoices c) {
        setOrder(c.order());
        setGradient(c.gradient());
        setHeatMap(c.heatMap());
        setRoundTrip(c.roundTrip());
        setWeights(new Weights(c.outChannels(), c.weights(), Map.of(), Map.of()));
        setOutputGradient(c.outputGradient());
        setProduct(c.product());
    }

    public void setOrder(TraceOrder o) {
        if (o.im2col()) {
            throw new IllegalArgumentException("the col2im view animates col2im orders, not " + o);
        }
        if (o != order.get()) {
            order.set(o);
            invalidate();
        }
    }

    public void setGradient(GradientPreset g) {
        if (g != gradient.get()) {
            gradient.set(g);
            invalidate();
        }
    }

    public void setHeatMap(boolean on) {
        heatMap.set(on);
    }

    public void setRoundTrip(boolean on) {
        roundTrip.set(on);
    }

    public void setOutChannels(int oc) {
        int v = Math.max(1, Math.min(Weights.MAX_OUT_CHANNELS, oc));
        if (v != weights.get().outChannels()) {
            setWeights(weights.get().withOutChannels(v));
        }
    }

    public void setWeightPreset(WeightPreset p) {
        setWeights(weights.get().withPreset(p));
    }

    /** Types a value into W[oc, tap], tap = (c, ky, kx) flattened. */
    public void editWeight(int oc, int tap, double value) {
        BackwardFrame f = frame.get();
        if (f == null) {
            return;
        }
        var g = f.geometry();
        int kk = g.kh() * g.kw();
        setWeights(weights.get().withWeight(new Weights.Tap(oc, tap / kk, tap % kk / g.kw(), tap % g.kw()), value));
    }

    public void editBias(int oc, double value) {
        setWeights(weights.get().withBias(oc, value));
    }

    public void setOutputGradient(OutputGradientPreset p) {
        if (p != outputGradient.get()) {
            outputGradient.set(p);
            invalidate();
        }
    }

    public void setProduct(Product p) {
        if (p != product.get()) {
            product.set(p);
            BackwardFrame f = frame.get();
            if (f != null) {
                main.setTimeline(ViewKind.GEMM, p.length(f));
            }
        }
    }

    /** Seeks the GEMM animation to the first multiply-add of element C[i, j]. */
    public void seekProductElement(int i, int j) {
        BackwardFrame f = frame.get();
        if (f != null && main.view() == ViewKind.GEMM) {
            Product pr = product.get();
            main.pause();
            main.seek(((long) i * pr.n(f) + j) * pr.k(f) + 1);
        }
    }

    @Override
    public void close() {
        computer.close();
    }

    // ---- internals -------------------------------------------------------------------------------

    private void setWeights(Weights w) {
        if (!w.equals(weights.get())) {
            weights.set(w);
            invalidate();
        }
    }

    private boolean shown() {
        return main.view() != ViewKind.IM2COL;
    }

    private void invalidate() {
        stale = true;
        if (shown()) {
            recompute();
        }
    }

    private void recompute() {
        Frame f = main.frame();
        if (f == null || main.problem() != null) {
            return; // the main frame's arrival asks again
        }
        stale = false;
        computing.set(true);
        BackwardComputer.Request r = new BackwardComputer.Request(f.geometry(), f.layout(), f.input(), order.get(),
                gradient.get(), weights.get(), outputGradient.get(), main.backendChoiceProperty().get());
        computer.submit(r, fx::execute, this::accept, this::fail);
    }

    private void accept(BackwardFrame f) {
        replay = new Col2imReplay(f.trace(), f.gradColumn(), f.checkpoints());
        frame.set(f);
        computeError.set(null);
        computing.set(false);
        main.setTimeline(ViewKind.COL2IM, f.col2imLength());
        main.setTimeline(ViewKind.GEMM, product.get().length(f));
    }

    private void fail(String reason) {
        computeError.set(reason);
        computing.set(false);
        main.pause();
    }
}
