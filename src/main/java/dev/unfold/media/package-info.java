/**
 * Images in, tensors out: opening PNG, JPEG, GIF and BMP files safely, resizing them to the chosen input
 * size and turning them into the (1, C, H, W) input the core works on; and the sample images we ship.
 *
 * <p>Sizes are given as (height, width) throughout, in the order of the tensor and of
 * {@link dev.unfold.core.Geometry}, not AWT's (width, height). Nothing here uses JavaFX: views turn a
 * {@link java.awt.image.BufferedImage} into an FX image with {@code SwingFXUtils.toFXImage}.
 */
package dev.unfold.media;
