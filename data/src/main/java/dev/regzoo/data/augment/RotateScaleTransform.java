package dev.regzoo.data.augment;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.getRotationMatrix2D;

import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;

/**
 * Rotation by a random angle within ±{@code degrees} and zoom by a random factor within {@code 1 ± scale}, about the
 * image centre, with zero borders: what DataVec's {@code RotateImageTransform} does, applied to a {@link Mat} directly.
 */
final class RotateScaleTransform extends MatTransform {

    private final double degrees;
    private final double scale;

    RotateScaleTransform(double degrees, double scale) {
        this.degrees = degrees;
        this.scale = scale;
    }

    @Override
    Mat apply(Mat mat, Random random) {
        double angle = degrees * symmetric(random);
        double zoom = 1 + scale * symmetric(random);
        Mat rotation = getRotationMatrix2D(new Point2f(mat.cols() / 2f, mat.rows() / 2f), angle, zoom);
        return GeometricOps.warp(mat, rotation, INTER_LINEAR);
    }
}
