package dev.unfold.app.model;

/** A (height, width) pair of parameters that a "square" link can tie together. */
public enum Pair {
    SIZE(ParamKey.H, ParamKey.W),
    KERNEL(ParamKey.KH, ParamKey.KW),
    STRIDE(ParamKey.SH, ParamKey.SW),
    PADDING(ParamKey.PH, ParamKey.PW),
    DILATION(ParamKey.DH, ParamKey.DW);

    private final ParamKey height;
    private final ParamKey width;

    Pair(ParamKey height, ParamKey width) {
        this.height = height;
        this.width = width;
    }

    public ParamKey height() {
        return height;
    }

    public ParamKey width() {
        return width;
    }

    public ParamKey other(ParamKey key) {
        return key == height ? width : height;
    }
}
