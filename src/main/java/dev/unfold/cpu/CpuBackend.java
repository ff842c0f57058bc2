package dev.unfold.cpu;

import dev.unfold.core.Backend;
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
    public void im2col(Geometry g, Layout layout, float[] input, float[] column) {
        Backend.checkBuffers(g, input.length, column.length);
        LoopPlan r = new LoopPlan(g);
        if (layout.patchMajor()) {
            splitter.run(g.n() * g.oh(), g.columnSize(), (a, b) -> FloatKernels.im2colPatchMajor(g, r, input, column, a, b));
        } else {
            splitter.run(g.n() * g.c(), g.columnSize(), g.sw() == 1
                    ? (a, b) -> FloatKernels.im2colTapMajor(g, r, input, column, a, b)
                    : (a, b) -> FloatKernels.im2colTapMajorStrided(g, r, input, column, a, b));
        }
    }

    @Override
    public void im2col(Geometry g, Layout layout, double[] input, double[] column) {
        Backend.checkBuffers(g, input.length, column.length);
        LoopPlan r = new LoopPlan(g);
        if (layout.patchMajor()) {
            splitter.run(g.n() * g.oh(), g.columnSize(), (a, b) -> DoubleKernels.im2colPatchMajor(g, r, input, column, a, b));
        } else {
            splitter.run(g.n() * g.c(), g.columnSize(), g.sw() == 1
                    ? (a, b) -> DoubleKernels.im2colTapMajor(g, r, input, column, a, b)
                    : (a, b) -> DoubleKernels.im2colTapMajorStrided(g, r, input, column, a, b));
        }
    }

    @Override
    public void col2im(Geometry g, Layout layout, float[] column, float[] input) {
        Backend.checkBuffers(g, input.length, column.length);
        LoopPlan r = new LoopPlan(g);
        if (layout.patchMajor()) {
            splitter.run(g.n(), g.columnSize(), (a, b) -> FloatKernels.col2imPatchMajor(g, r, column, input, a, b));
        } else {
            splitter.run(g.n() * g.c(), g.columnSize(), g.sw() == 1
                    ? (a, b) -> FloatKernels.col2imTapMajor(g, r, column, input, a, b)
                    : (a, b) -> FloatKernels.col2imTapMajorStrided(g, r, column, input, a, b));
        }
    }

    @Override
    public void col2im(Geometry g, Layout layout, double[] column, double[] input) {
        Backend.checkBuffers(g, input.length, column.length);
        LoopPlan r = new LoopPlan(g);
        if (layout.patchMajor()) {
            splitter.run(g.n(), g.columnSize(), (a, b) -> DoubleKernels.col2imPatchMajor(g, r, column, input, a, b));
        } else {
            splitter.run(g.n() * g.c(), g.columnSize(), g.sw() == 1
                    ? (a, b) -> DoubleKernels.col2imTapMajor(g, r, column, input, a, b)
                    : (a, b) -> DoubleKernels.col2imTapMajorStrided(g, r, column, input, a, b));
        }
    }

    @Override
    public void matmul(int m, int n, int k, double[] a, boolean transA, double[] b, boolean transB, double[] c) {
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
