package dev.unfold.app.model;

import dev.unfold.core.Geometry;

/** Makes the input tensor (N, C, H, W) for a geometry; later views add images, random and edited inputs. */
@FunctionalInterface
public interface InputSource {

    double[] fill(Geometry g);

    /** 1, 2, 3, … in (n, c, y, x) order: the seed's 1..16 for its 4×4 examples, and every value unique. */
    InputSource RAMP = g -> {
        double[] x = new double[g.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        return x;
    };
}
