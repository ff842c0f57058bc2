package dev.unfold.media;

/** What happens when an image's shape differs from the input's. */
public enum Framing {
    /** Keep the aspect ratio: cut the longer side down around the centre, then resize. */
    CROP,
    /** Resize the whole image to the input, distorting it if the aspect ratios differ. */
    STRETCH
}
