package dev.unfold.cuda;

import dev.unfold.cli.Workload;
import dev.unfold.core.Backend;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.PhaseTimed;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Kernel times of the CUDA backend on the workloads, for the GPU machine (run-gpu-checks.sh runs it
 * next to cupy_seed_bench.py, which times the seed's CuPy kernels and a device-to-device copy there, so the
 * ratios come from one run on one device). Prints one JSON line per workload, float32, median of the
 * CUDA-event kernel times over the repetitions; transfers are reported apart.
 *
 * <p>Usage: {@code CudaKernelTimes [repetitions]}. Exits 2 with the reason when CUDA is unavailable.
 */
public final class CudaKernelTimes {

    /** The bench command's workloads, and resnet3x3 at the N=64 first; all have square windows. */
    static Map<String, Geometry> workloads() {
        Map<String, Geometry> all = new LinkedHashMap<>();
        Geometry resnet = Workload.RESNET3X3.geometry();
        all.put("resnet3x3_n64", resnet.withInput(64, resnet.c(), resnet.h(), resnet.w()));
        for (Workload w : Workload.values()) {
            all.put(w.label(), w.geometry());
        }
        return all;
    }

    private CudaKernelTimes() {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        CudaBackendProvider provider = new CudaBackendProvider();
        if (!provider.probe().available()) {
            System.err.println("cuda: " + provider.probe().detail());
            System.exit(2);
        }
        try (Backend cuda = provider.open()) {
            PhaseTimed timed = (PhaseTimed) cuda;
            System.err.println("device: " + cuda.description());
            for (Map.Entry<String, Geometry> w : workloads().entrySet()) {
                Geometry g = w.getValue();
                float[] x = new float[g.inputSize()];
                Random random = new Random(0);
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) random.nextGaussian();
                }
                float[] col = new float[g.columnSize()];
                StringBuilder json = new StringBuilder();
                json.append(String.format(Locale.ROOT, "{\"workload\": \"%s\", \"shape\": [%d, %d, %d, %d], \"k\": %d, \"s\": %d, "
                        + "\"p\": %d, \"d\": %d, \"col_mb\": %.1f", w.getKey(), g.n(), g.c(), g.h(), g.w(), g.kh(), g.sh(),
                        g.ph(), g.dh(), g.columnSize() * 4 / 1e6));
                for (Layout layout : new Layout[] {Layout.ROWS, Layout.TENSOR}) {
                    PhaseTimed.Phases[] im2col = new PhaseTimed.Phases[reps];
                    PhaseTimed.Phases[] col2im = new PhaseTimed.Phases[reps];
                    cuda.im2col(g, layout, x, col); // warm-up: buffers, module
                    for (int r = 0; r < reps; r++) {
                        cuda.im2col(g, layout, x, col);
                        im2col[r] = timed.lastPhases();
                    }
                    cuda.col2im(g, layout, col, x);
                    for (int r = 0; r < reps; r++) {
                        cuda.col2im(g, layout, col, x);
                        col2im[r] = timed.lastPhases();
                    }
                    String l = layout.label();
                    json.append(String.format(Locale.ROOT, ", \"im2col_%s_kernel_ms\": %.4f, \"im2col_%s_h2d_ms\": %.3f, "
                                    + "\"im2col_%s_d2h_ms\": %.3f, \"col2im_%s_kernel_ms\": %.4f",
                            l, median(im2col, 1), l, median(im2col, 0), l, median(im2col, 2), l, median(col2im, 1)));
                }
                System.out.println(json.append('}'));
            }
        }
    }

    private static double median(PhaseTimed.Phases[] phases, int which) {
        double[] v = Arrays.stream(phases).mapToDouble(p -> which == 0 ? p.hostToDeviceMs()
                : which == 1 ? p.kernelMs() : p.deviceToHostMs()).sorted().toArray();
        return v[v.length / 2];
    }
}
