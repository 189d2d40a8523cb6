package dev.regzoo.data.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * RandAugment as torchvision's {@code RandAugment(num_ops, magnitude)}: {@code ops} operations drawn uniformly with
 * repeats from the 14 of {@link PolicyOp}, applied one after the other, each at magnitude bin {@code magnitude} of
 * the standard ranges with a random sign where the operation has one.
 */
final class RandAugmentTransform extends MatTransform {

    private final int ops;
    private final int magnitude;

    RandAugmentTransform(AugmentPolicy.RandAugment policy) {
        this.ops = policy.ops();
        this.magnitude = policy.magnitude();
    }

    @Override
    Mat apply(Mat mat, Random random) {
        Mat out = mat;
        for (PolicyOp.Step step : steps(mat, random)) {
            out = step.apply(out);
        }
        return out;
    }

    /** The {@code ops} steps drawn for {@code image} (its size sets the translation range). */
    List<PolicyOp.Step> steps(Mat image, Random random) {
        List<PolicyOp.Step> steps = new ArrayList<>(ops);
        for (int i = 0; i < ops; i++) {
            steps.add(PolicyOp.draw(random).step(PolicyOp.Ranges.STANDARD, magnitude, image, random));
        }
        return steps;
    }
}
