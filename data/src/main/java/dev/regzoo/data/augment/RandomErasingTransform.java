package dev.regzoo.data.augment;

import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Random erasing / cutout (Zhong et al., 2017): sets a random rectangle covering 2%–{@code maxArea} of the image, with
 * aspect ratio between 0.3 and 3.3, to zero.
 */
final class RandomErasingTransform extends MatTransform {

    private static final double MIN_AREA = 0.02;
    private final double maxArea;

    RandomErasingTransform(double maxArea) {
        this.maxArea = maxArea;
    }

    @Override
    Mat apply(Mat mat, Random random) {
        int rows = mat.rows();
        int cols = mat.cols();
        double area = rows * cols * (MIN_AREA + random.nextDouble() * (maxArea - MIN_AREA));
        double aspect = Math.exp(Math.log(0.3) + random.nextDouble() * (Math.log(3.3) - Math.log(0.3)));
        int h = Math.max(1, Math.min(rows, (int) Math.round(Math.sqrt(area * aspect))));
        int w = Math.max(1, Math.min(cols, (int) Math.round(Math.sqrt(area / aspect))));
        Mat out = mat.clone();
        new Mat(out, new Rect(random.nextInt(cols - w + 1), random.nextInt(rows - h + 1), w, h)).put(Scalar.all(0));
        return out;
    }
}
