package dev.regzoo.data.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.datavec.image.data.ImageWritable;
import org.datavec.image.transform.FlipImageTransform;
import org.datavec.image.transform.ImageTransform;
import org.datavec.image.transform.RotateImageTransform;

/**
 * One worker thread's augmentation: DataVec transforms (and regzoo's own where DataVec has none), each applied with
 * its probability, all driven by the {@link Random} passed per image. Not thread-safe: DataVec transforms keep state.
 *
 * <p>The steps are applied in a fixed order (flips, rotate/scale, translate, brightness/contrast, erasing). DataVec's
 * {@code PipelineImageTransform} is not used because its constructor re-seeds the calling thread's ND4J RNG, which
 * also drives weight initialisation and dropout.
 */
public final class Augmenter {

    private record Step(ImageTransform transform, double probability) {
    }

    private final List<Step> steps = new ArrayList<>();
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();

    Augmenter(AugmentationSpec spec) {
        add(new FlipImageTransform(1), spec.hflip());
        add(new FlipImageTransform(0), spec.vflip());
        if (spec.rotate() > 0 || spec.scale() > 0) {
            add(new RotateImageTransform(null, 0, 0, (float) spec.rotate(), (float) spec.scale()), 1);
        }
        if (spec.translate() > 0) {
            add(new RandomTranslateTransform(spec.translate()), 1);
        }
        if (spec.brightness() > 0 || spec.contrast() > 0) {
            add(new BrightnessContrastTransform(spec.brightness(), spec.contrast()), 1);
        }
        add(new RandomErasingTransform(1.0 / 3), spec.erase());
    }

    private void add(ImageTransform transform, double probability) {
        if (probability > 0) {
            steps.add(new Step(transform, probability));
        }
    }

    /** Returns an augmented copy of {@code image}, or {@code image} itself when no step fired. */
    public Mat apply(Mat image, Random random) {
        ImageWritable current = null;
        for (Step step : steps) {
            if (random.nextDouble() < step.probability()) {
                if (current == null) {
                    current = new ImageWritable(converter.convert(image));
                }
                current = step.transform().transform(current, random);
            }
        }
        return current == null ? image : converter.convert(current.getFrame()).clone();
    }
}
