package dev.unfold.io;

import dev.unfold.core.DType;
import java.util.StringJoiner;

/**
 * An n-dimensional array of float32 or float64 in C (row-major) order: a shape and one flat Java array.
 * The data array is shared, not copied, because arrays here run to tens of megabytes.
 */
public final class NdArray {
    private final int[] shape;
    private final float[] floats;
    private final double[] doubles;

    private NdArray(int[] shape, float[] floats, double[] doubles) {
        this.shape = shape.clone();
        this.floats = floats;
        this.doubles = doubles;
        long count = elementCount(this.shape);
        int length = floats != null ? floats.length : doubles.length;
        if (count != length) {
            throw new IllegalArgumentException("shape " + formatShape(shape) + " holds " + count
                    + " elements but the data has " + length);
        }
    }

    public static NdArray of(float[] data, int... shape) {
        return new NdArray(shape, data, null);
    }

    public static NdArray of(double[] data, int... shape) {
        return new NdArray(shape, null, data);
    }

    public DType dtype() {
        return floats != null ? DType.FLOAT32 : DType.FLOAT64;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int size() {
        return floats != null ? floats.length : doubles.length;
    }

    /** The float32 data; fails for a float64 array. */
    public float[] floats() {
        if (floats == null) {
            throw new IllegalStateException("array is float64, not float32");
        }
        return floats;
    }

    /** The float64 data; fails for a float32 array. */
    public double[] doubles() {
        if (doubles == null) {
            throw new IllegalStateException("array is float32, not float64");
        }
        return doubles;
    }

    /** Element count of a shape, or -1 when a dimension is negative or the product passes the long range. */
    public static long elementCount(int[] shape) {
        long count = 1;
        for (int d : shape) {
            if (d < 0) {
                return -1;
            }
            try {
                count = Math.multiplyExact(count, d);
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        return count;
    }

    /** A shape as NumPy prints it: {@code (3, 4)}, {@code (5,)}, {@code ()}. */
    public static String formatShape(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (int d : shape) {
            j.add(Integer.toString(d));
        }
        return j.toString();
    }

    @Override
    public String toString() {
        return "NdArray" + formatShape(shape) + " " + dtype();
    }
}
