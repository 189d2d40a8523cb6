package dev.regzoo.data.augment;

import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Random brightness and contrast: {@code x' = (1 + c·u₁)·x + 255·b·u₂} with {@code u₁, u₂} uniform in [-1, 1],
 * saturated to [0, 255].
 */
final class BrightnessContrastTransform extends MatTransform {

    private final double brightness;
    private final double contrast;

    BrightnessContrastTransform(double brightness, double contrast) {
        this.brightness = brightness;
        this.contrast = contrast;
    }

    @Override
    Mat apply(Mat mat, Random random) {
        double alpha = 1 + contrast * symmetric(random);
        double beta = 255 * brightness * symmetric(random);
        Mat out = new Mat();
        mat.convertTo(out, -1, alpha, beta);
        return out;
    }
}
