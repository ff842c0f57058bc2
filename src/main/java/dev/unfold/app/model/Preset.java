package dev.unfold.app.model;

/** Ready-made parameter sets: the seed notebook's four 4×4 examples and two everyday convolutions. */
public enum Preset {
    SEED_K2_S1_P1, SEED_K2_S2_P1, SEED_K2_S2_P2, SEED_K2_S1_P0,
    /** Keeps the input; odd kernel, stride 1 and the padding that makes OH = H. */
    SAME,
    /** ResNet's first layer, 7×7 stride 2 padding 3, on a 3-channel 64×64 crop. */
    RESNET_STEM;

    /** i18n key of the menu text. */
    public String key() {
        return "preset." + name().toLowerCase(java.util.Locale.ROOT);
    }

    public Params apply(Params current) {
        return switch (this) {
            case SEED_K2_S1_P1 -> seed(1, 1);
            case SEED_K2_S2_P1 -> seed(2, 1);
            case SEED_K2_S2_P2 -> seed(2, 2);
            case SEED_K2_S1_P0 -> seed(1, 0);
            case SAME -> same(current);
            case RESNET_STEM -> new Params(1, 3, 64, 64, 7, 7, 2, 2, 3, 3, 1, 1);
        };
    }

    private static Params seed(int stride, int pad) {
        return new Params(1, 1, 4, 4, 2, 2, stride, stride, pad, pad, 1, 1);
    }

    private static Params same(Params p) {
        int kh = odd(p.kh());
        int kw = odd(p.kw());
        int ph = p.dh() * (kh - 1) / 2;
        int pw = p.dw() * (kw - 1) / 2;
        Params q = new Params(p.n(), p.c(), p.h(), p.w(), kh, kw, 1, 1, ph, pw, p.dh(), p.dw());
        // a large kernel or dilation can need more padding than the slider holds; fall back to 3×3
        return q.inRange() ? q : new Params(p.n(), p.c(), p.h(), p.w(), 3, 3, 1, 1, 1, 1, 1, 1);
    }

    private static int odd(int k) {
        return k % 2 == 1 ? k : Math.min(k + 1, ParamKey.KH.max());
    }
}
