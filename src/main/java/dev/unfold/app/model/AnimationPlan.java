package dev.unfold.app.model;

/**
 * Which positions of the animation become frames of an exported GIF or PNG sequence: every position from
 * 0 (nothing done) to the end when they fit, otherwise {@code maxFrames} positions spread evenly with the
 * first and last always included, so a 102 400-move animation still ends on the finished matrix.
 */
public final class AnimationPlan {

    /** Enough for every move of the seed's examples and of a 3×3 kernel on 10×10; a GIF stays a few MB. */
    public static final int DEFAULT_MAX_FRAMES = 400;

    private AnimationPlan() {
    }

    /** The positions, ascending and distinct; {@code length} moves give at most {@code length + 1}. */
    public static long[] positions(long length, int maxFrames) {
        if (length < 0) {
            throw new IllegalArgumentException("length " + length + " is negative");
        }
        if (maxFrames < 2) {
            throw new IllegalArgumentException("an animation needs at least 2 frames, not " + maxFrames);
        }
        if (length + 1 <= maxFrames) {
            long[] all = new long[(int) length + 1];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        long[] some = new long[maxFrames];
        for (int i = 0; i < maxFrames; i++) {
            // exact in long arithmetic: round(i · length / (maxFrames − 1))
            some[i] = (2L * i * length + (maxFrames - 1)) / (2L * (maxFrames - 1));
        }
        return some;
    }
}
