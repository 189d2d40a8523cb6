package dev.regzoo.data.labels;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * The box CutMix pastes: rows {@code [top, bottom)} and columns {@code [left, right)} of an image, drawn as timm's
 * {@code rand_bbox} draws it: sides {@code √(1 − λ)} of the image's, centred uniformly, clipped at the borders.
 *
 * @param top    first row
 * @param bottom row after the last
 * @param left   first column
 * @param right  column after the last
 */
record CutMixBox(int top, int bottom, int left, int right) {

    /** A box of about {@code 1 − lambda} of a {@code height × width} image. */
    static CutMixBox sample(int height, int width, double lambda, RandomGenerator random) {
        double side = Math.sqrt(1 - lambda);
        int halfHeight = (int) (height * side) / 2;
        int halfWidth = (int) (width * side) / 2;
        int centreRow = random.nextInt(height);
        int centreColumn = random.nextInt(width);
        return new CutMixBox(clip(centreRow - halfHeight, height), clip(centreRow + halfHeight, height),
                clip(centreColumn - halfWidth, width), clip(centreColumn + halfWidth, width));
    }

    /** Pixels inside the box. */
    int area() {
        return (bottom - top) * (right - left);
    }

    /**
     * The share of a {@code height × width} image outside the box: the weight of the image's own target once the box
     * is pasted (timm's {@code correct_lam}).
     */
    double keptFraction(int height, int width) {
        return 1 - (double) area() / ((double) height * width);
    }

    private static int clip(int value, int size) {
        return Math.max(0, Math.min(size, value));
    }
}
