package dev.unfold.cpu;

import dev.unfold.core.Backend;
import dev.unfold.core.BackendParts;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Pure-Java backend. Work is split over (n, c) planes for the tap-major layouts, and for ROWS over (n, oy)
 * bands (im2col) or images (col2im), so every thread writes its own part of the output.
 */
public final class CpuBackend implements Backend {

    private final WorkSplitter splitter;

    public CpuBackend(int threads) {
        this(threads, WorkSplitter.SMALL);
    }

    /** With {@code smallWork} = 0 even tiny calls are split, which tests use to exercise every split. */
    CpuBackend(int threads, long smallWork) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.splitter = new WorkSplitter(threads, smallWork);
    }

    public CpuBackend() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public int threads() {
        return splitter.threads();
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String description() {
        return "CPU, " + threads() + (threads() == 1 ? " thread" : " threads");
    }

    @Override
    public BackendParts parts() {
        return new BackendParts(name(), threads(), null, null, null);
    }

    /** One element type's loops, so that the choice of loop is written once for both types. */
    private record Loops<A>(Loop<A> tapMajor, Loop<A> tapMajorPlanes, Loop<A> tapMajorPhased,
                            Loop<A> tapMajorGeneral, Loop<A> patchMajor, Loop<A> patchMajorGeneral) {
    }

    @FunctionalInterface
    private interface Loop<A> {
        void run(Geometry g, LoopPlan plan, A source, A target, int from, int to);
    }

    private static final Loops<float[]> FLOAT_IM2COL = new Loops<>(FloatKernels::im2colTapMajor,
            FloatKernels::im2colTapMajorPlanes, FloatKernels::im2colTapMajorStrided, FloatKernels::im2colTapMajorGeneral,
            FloatKernels::im2colPatchMajor, FloatKernels::im2colPatchMajorGeneral);
    private static final Loops<double[]> DOUBLE_IM2COL = new Loops<>(DoubleKernels::im2colTapMajor,
            DoubleKernels::im2colTapMajorPlanes, DoubleKernels::im2colTapMajorStrided, DoubleKernels::im2colTapMajorGeneral,
            DoubleKernels::im2colPatchMajor, DoubleKernels::im2colPatchMajorGeneral);
    private static final Loops<float[]> FLOAT_COL2IM = new Loops<>(FloatKernels::col2imTapMajor,
            FloatKernels::col2imTapMajorPlanes, FloatKernels::col2imTapMajorStrided, FloatKernels::col2imTapMajorGeneral,
            FloatKernels::col2imPatchMajor, FloatKernels::col2imPatchMajorGeneral);
    private static final Loops<double[]> DOUBLE_COL2IM = new Loops<>(DoubleKernels::col2imTapMajor,
            DoubleKernels::col2imTapMajorPlanes, DoubleKernels::col2imTapMajorStrided, DoubleKernels::col2imTapMajorGeneral,
            DoubleKernels::col2imPatchMajor, DoubleKernels::col2imPatchMajorGeneral);

    @Override
    public void im2col(Geometry g, Layout layout, float[] input, float[] column) {
        Backend.checkBuffers(g, input.length, column.length);
        run(g, layout, true, input, column, FLOAT_IM2COL);
    }

    @Override
    public void im2col(Geometry g, Layout layout, double[] input, double[] column) {
        Backend.checkBuffers(g, input.length, column.length);
        run(g, layout, true, input, column, DOUBLE_IM2COL);
    }

    @Override
    public void col2im(Geometry g, Layout layout, float[] column, float[] input) {
        Backend.checkBuffers(g, input.length, column.length);
        run(g, layout, false, column, input, FLOAT_COL2IM);
    }

    @Override
    public void col2im(Geometry g, Layout layout, double[] column, double[] input) {
        Backend.checkBuffers(g, input.length, column.length);
        run(g, layout, false, column, input, DOUBLE_COL2IM);
    }

    /**
     * Picks the loop and splits its units. ROWS col2im is split by image only: splitting an image's channels
     * would read its patch rows in short pieces against the stream, which measured slower than one thread.
     */
    private <A> void run(Geometry g, Layout layout, boolean im2col, A source, A target, Loops<A> loops) {
        LoopPlan plan = new LoopPlan(g);
        int units;
        Loop<A> loop;
        if (layout.patchMajor()) {
            units = im2col ? g.n() * g.oh() : g.n();
            boolean padded = im2col ? plan.paddedRows : plan.paddedImage;
            loop = padded ? loops.patchMajor() : loops.patchMajorGeneral();
        } else {
            units = g.n() * g.c();
            loop = plan.phasePlanes ? loops.tapMajorPlanes() : g.sw() == 1 ? loops.tapMajor()
                    : plan.phasedRows ? loops.tapMajorPhased() : loops.tapMajorGeneral();
        }
        splitter.run(units, g.columnSize(), (from, to) -> loop.run(g, plan, source, target, from, to));
    }

    @Override
    public void matmul(int m, int n, int k, double[] a, boolean transA, double[] b, boolean transB, double[] c) {
        Backend.checkProduct(m, n, k, a, b, c);
        DMatrixRMaj ma = transA ? DMatrixRMaj.wrap(k, m, a) : DMatrixRMaj.wrap(m, k, a);
        DMatrixRMaj mb = transB ? DMatrixRMaj.wrap(n, k, b) : DMatrixRMaj.wrap(k, n, b);
        DMatrixRMaj mc = DMatrixRMaj.wrap(m, n, c);
        if (transA && transB) {
            CommonOps_DDRM.multTransAB(ma, mb, mc);
        } else if (transA) {
            CommonOps_DDRM.multTransA(ma, mb, mc);
        } else if (transB) {
            CommonOps_DDRM.multTransB(ma, mb, mc);
        } else {
            CommonOps_DDRM.mult(ma, mb, mc);
        }
    }

    @Override
    public void close() {
        splitter.close();
    }
}
