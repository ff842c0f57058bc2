package dev.unfold.media;

/** How an image becomes input channels. */
public enum ColorMode {
    /** One channel: luma with the ITU-R BT.601 weights (0.299 R + 0.587 G + 0.114 B), as PIL's "L" mode. */
    GRAYSCALE(1),
    /** Three channels in the order red, green, blue. */
    RGB(3);

    private final int channels;

    ColorMode(int channels) {
        this.channels = channels;
    }

    public int channels() {
        return channels;
    }
}
