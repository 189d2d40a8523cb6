package dev.regzoo.zoo;

import org.deeplearning4j.nn.conf.inputs.InputType;

/**
 * The shape of one input image, channels first: {@code Shape(1, 28, 28)} is a 28×28 grey-scale image.
 *
 * @param channels colour channels, at least 1
 * @param height   rows in pixels, at least 1
 * @param width    columns in pixels, at least 1
 */
public record Shape(int channels, int height, int width) {

    public Shape {
        Check.atLeast("input channels", channels, 1);
        Check.atLeast("input height", height, 1);
        Check.atLeast("input width", width, 1);
    }

    /**
     * Parses {@code "C,H,W"} (as given on the command line), e.g. {@code "3,32,32"}.
     *
     * @throws IllegalArgumentException if the text is not three positive integers
     */
    public static Shape parse(String text) {
        String[] parts = text.trim().split("\\s*[,x×]\\s*");
        if (parts.length != 3) {
            throw new IllegalArgumentException(
                    "input shape must be C,H,W (three positive integers, e.g. 1,28,28), got '" + text + "'");
        }
        try {
            return new Shape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "input shape must be C,H,W (three positive integers, e.g. 1,28,28), got '" + text + "'", e);
        }
    }

    /** The smaller of height and width. */
    public int minSide() {
        return Math.min(height, width);
    }

    /** This shape as DL4J's convolutional {@link InputType} (NCHW). */
    public InputType toInputType() {
        return InputType.convolutional(height, width, channels);
    }

    /** The shape of a batch of {@code batchSize} such images, as ND4J expects it (NCHW). */
    public long[] batchShape(int batchSize) {
        return new long[] {batchSize, channels, height, width};
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
