package dev.unfold.cuda;

import java.nio.ByteBuffer;

/** A Java array seen as elements to move through a byte buffer, whatever its element type. */
interface HostArray {

    int length();

    int elementBytes();

    /** Copies elements [from, from+count) of the array to the start of {@code dst}. */
    void writeTo(ByteBuffer dst, int from, int count);

    /** Copies {@code count} elements from the start of {@code src} into the array at {@code from}. */
    void readFrom(ByteBuffer src, int from, int count);

    default long bytes() {
        return (long) length() * elementBytes();
    }

    static HostArray of(float[] a) {
        return new HostArray() {
            @Override
            public int length() {
                return a.length;
            }

            @Override
            public int elementBytes() {
                return Float.BYTES;
            }

            @Override
            public void writeTo(ByteBuffer dst, int from, int count) {
                dst.clear();
                dst.asFloatBuffer().put(a, from, count);
            }

            @Override
            public void readFrom(ByteBuffer src, int from, int count) {
                src.clear();
                src.asFloatBuffer().get(a, from, count);
            }
        };
    }

    static HostArray of(double[] a) {
        return new HostArray() {
            @Override
            public int length() {
                return a.length;
            }

            @Override
            public int elementBytes() {
                return Double.BYTES;
            }

            @Override
            public void writeTo(ByteBuffer dst, int from, int count) {
                dst.clear();
                dst.asDoubleBuffer().put(a, from, count);
            }

            @Override
            public void readFrom(ByteBuffer src, int from, int count) {
                src.clear();
                src.asDoubleBuffer().get(a, from, count);
            }
        };
    }
}
