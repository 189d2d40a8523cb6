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
        Mat padded = new Mat();
        copyMakeBorder(mat, padded, maxShift, maxShift, maxShift, maxShift, BORDER_CONSTANT, Scalar.all(0));
        int x = random.nextInt(2 * maxShift + 1);
        int y = random.nextInt(2 * maxShift + 1);
        return new Mat(padded, new Rect(x, y, mat.cols(), mat.rows())).clone();
    }
}
