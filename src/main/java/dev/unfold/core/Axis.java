package dev.unfold.core;

/**
 * One spatial axis of a convolution window: input size, kernel taps, stride, padding, dilation.
 * Tap {@code k} at output position {@code o} reads input position {@code o*stride - pad + k*dilation}.
 *
 * <p>For every tap the valid output positions form one contiguous range {@code [first(k), end(k))}:
 * below it the tap reads leading padding, above it trailing padding. All loops in the backends and the
 * traces are written over these ranges instead of testing every element.
 */
public record Axis(int size, int kernel, int stride, int pad, int dilation) {

    /** Output length by the seed's formula with dilation; may be &lt; 1 for an invalid geometry. */
    public long outLong() {
        return Math.floorDiv((long) size + 2L * pad - (long) dilation * (kernel - 1) - 1, stride) + 1;
    }

    public int out() {
        return (int) outLong();
    }

    /** Input position read by tap {@code k} at output {@code o}; outside [0, size) means padding. */
    public int source(int o, int k) {
        return o * stride - pad + k * dilation;
    }

    /** First output position at which tap {@code k} reads inside the input. */
    public int first(int k) {
        long need = (long) pad - (long) k * dilation; // o*stride >= pad - k*d
        long o = need <= 0 ? 0 : (need + stride - 1) / stride;
        return (int) Math.min(o, out());
    }

    /** One past the last output position at which tap {@code k} reads inside the input. */
    public int end(int k) {
        long top = (long) size - 1 + pad - (long) k * dilation; // o*stride <= size-1+pad-k*d
        if (top < 0) {
            return first(k);
        }
        long o = top / stride + 1;
        return (int) Math.max(first(k), Math.min(o, out()));
    }

    /** How many (tap, output) pairs read input position {@code i}: its window count along this axis. */
    public int windowCount(int i) {
        int count = 0;
        for (int k = 0; k < kernel; k++) {
            int o = outputFor(i, k);
            if (o >= 0) {
                count++;
            }
        }
        return count;
    }

    /** The output position at which tap {@code k} reads input {@code i}, or -1 if none does. */
    public int outputFor(int i, int k) {
        int rel = i + pad - k * dilation;
        if (rel < 0 || rel % stride != 0) {
            return -1;
        }
        int o = rel / stride;
        return o < out() ? o : -1;
    }
}
