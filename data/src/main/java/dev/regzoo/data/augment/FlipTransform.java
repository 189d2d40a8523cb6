package dev.regzoo.data.augment;

import static org.bytedeco.opencv.global.opencv_core.flip;

import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A deterministic horizontal or vertical flip. DataVec's {@code FlipImageTransform} is not used: given a
 * {@code Random} it ignores its flip mode and picks one of none/both/vertical/horizontal at random (1.0.0-M2.1
 * bytecode: {@code random.nextInt(4) - 2}), so a "horizontal flip with probability p" cannot be built from it.
 */
final class FlipTransform extends MatTransform {

    private final boolean horizontal;

    FlipTransform(boolean horizontal) {
        this.horizontal = horizontal;
    }

    @Override
    Mat apply(Mat mat, Random random) {
        Mat out = new Mat();
        flip(mat, out, horizontal ? 1 : 0);
        return out;
    }
}
