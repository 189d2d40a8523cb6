package dev.regzoo.data.augment;

import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * TrivialAugment as torchvision's {@code TrivialAugmentWide}: one of the 14 operations of {@link PolicyOp}, drawn
 * uniformly, at a magnitude bin drawn uniformly from the 31 of the wide ranges, with a random sign where the operation
 * has one.
 */
final class TrivialAugmentTransform extends MatTransform {

    @Override
    Mat apply(Mat mat, Random random) {
        return step(mat, random).apply(mat);
    }

    /** The step drawn for {@code image}. */
    PolicyOp.Step step(Mat image, Random random) {
        PolicyOp op = PolicyOp.draw(random);
        return op.step(PolicyOp.Ranges.WIDE, random.nextInt(PolicyOp.BINS), image, random);
    }
}
