package dev.regzoo.data.augment;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;

import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;

/** Random crop with zero padding: shifts the image by up to {@code maxShift} pixels on each axis, keeping its size. */
final class RandomTranslateTransform extends MatTransform {

    private final int maxShift;

    RandomTranslateTransform(int maxShift) {
        this.maxShift = maxShift;
    }

    @Override
    Mat apply(Mat mat, Random random) {
        return shift(mat, maxShift - random.nextInt(2 * maxShift + 1), maxShift - random.nextInt(2 * maxShift + 1));
    }

    /**
     * {@code mat} moved {@code dx} pixels right and {@code dy} down (negative: left, up), same size, zero-filled; a
     * shift by the whole width or height leaves a black image.
     */
    static Mat shift(Mat mat, int dx, int dy) {
        int px = Math.abs(dx);
        int py = Math.abs(dy);
        Mat padded = new Mat();
        copyMakeBorder(mat, padded, py, py, px, px, BORDER_CONSTANT, Scalar.all(0));
        return new Mat(padded, new Rect(px - dx, py - dy, mat.cols(), mat.rows())).clone();
    }
}
