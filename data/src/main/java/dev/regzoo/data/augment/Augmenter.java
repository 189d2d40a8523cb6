package dev.regzoo.data.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One worker thread's augmentation: regzoo's DataVec image transforms, each applied with its probability, all driven
 * by the {@link Random} passed per image. Not thread-safe.
 *
 * <p>Steps run in a fixed order: flips, rotate/scale, translate, brightness/contrast, the policy (RandAugment or
 * TrivialAugment), erasing. They are called on OpenCV {@link Mat}s directly rather than through DataVec's
 * {@code ImageWritable}/{@code Frame} round trip, which costs a conversion per step and, in a probe, let one image's
 * pixels leak into another's under concurrent use.
 * DataVec's {@code PipelineImageTransform} is not used either: its constructor re-seeds the calling thread's ND4J RNG,
 * which also drives weight initialisation and dropout.
 */
public final class Augmenter {

    private record Step(MatTransform transform, double probability) {
    }

    private final List<Step> steps = new ArrayList<>();

    Augmenter(AugmentationSpec spec) {
        add(new FlipTransform(true), spec.hflip());
        add(new FlipTransform(false), spec.vflip());
        if (spec.rotate() > 0 || spec.scale() > 0) {
            add(new RotateScaleTransform(spec.rotate(), spec.scale()), 1);
        }
        if (spec.translate() > 0) {
            add(new RandomTranslateTransform(spec.translate()), 1);
        }
        if (spec.brightness() > 0 || spec.contrast() > 0) {
            add(new BrightnessContrastTransform(spec.brightness(), spec.contrast()), 1);
        }
        if (spec.policy() instanceof AugmentPolicy.RandAugment randAugment) {
            add(new RandAugmentTransform(randAugment), 1);
        } else if (spec.policy() instanceof AugmentPolicy.TrivialAugment) {
            add(new TrivialAugmentTransform(), 1);
        }
        add(new RandomErasingTransform(1.0 / 3), spec.erase());
    }

    private void add(MatTransform transform, double probability) {
        if (probability > 0) {
            steps.add(new Step(transform, probability));
        }
    }

    /** Returns the augmented image: a new Mat, or {@code image} itself when no step fired. {@code image} is kept. */
    public Mat apply(Mat image, Random random) {
        Mat current = image;
        for (Step step : steps) {
            if (random.nextDouble() < step.probability()) {
                current = step.transform().apply(current, random);
            }
        }
        return current;
    }
}
