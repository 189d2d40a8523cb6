package dev.regzoo.data.augment;

import java.util.Random;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.datavec.image.data.ImageWritable;
import org.datavec.image.transform.BaseImageTransform;

/**
 * Base of regzoo's DataVec {@code ImageTransform}s. They can join any DataVec pipeline, and {@link Augmenter} calls
 * {@link #apply(Mat, Random)} directly. Written by hand where DataVec 1.0.0-M2.1 has no transform (translation with
 * padding, brightness/contrast, random erasing) or one that ignores its settings under a {@code Random} (flips).
 * Subclasses never change their input and draw all randomness from the given {@link Random}.
 */
abstract class MatTransform extends BaseImageTransform<Mat> {

    MatTransform() {
        super(null);
        this.converter = new OpenCVFrameConverter.ToMat();
    }

    @Override
    protected final ImageWritable doTransform(ImageWritable image, Random random) {
        if (image == null) {
            return null;
        }
        Mat result = apply(converter.convert(image.getFrame()), random);
        return new ImageWritable(converter.convert(result));
    }

    /** Returns the transformed image (a new Mat, or {@code mat} changed in place). */
    abstract Mat apply(Mat mat, Random random);

    @Override
    public float[] query(float... coordinates) {
        return coordinates;
    }

    /** Uniform in {@code [-1, 1)}. */
    static double symmetric(Random random) {
        return random.nextDouble() * 2 - 1;
    }
}
