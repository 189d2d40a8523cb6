package dev.regzoo.data.augment;

import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The operations of RandAugment and TrivialAugment with their magnitude ranges, as torchvision's
 * {@code transforms/autoaugment.py} defines them: each range is split into {@link #BINS} 31 evenly spaced magnitudes
 * (bin 0 is the weakest), and signed operations are applied with a random sign. RandAugment uses the
 * {@link Ranges#STANDARD standard} ranges, {@code TrivialAugmentWide} the {@link Ranges#WIDE wide} ones.
 */
enum PolicyOp {
    IDENTITY(Magnitudes.NONE, Magnitudes.NONE, false, (image, m) -> image),
    SHEAR_X(Magnitudes.linear(0, 0.3), Magnitudes.linear(0, 0.99), true, GeometricOps::shearX),
    SHEAR_Y(Magnitudes.linear(0, 0.3), Magnitudes.linear(0, 0.99), true, GeometricOps::shearY),
    /** Up to 150/331 of the width in RandAugment (AutoAugment's 150 px on 331-px images), 32 px in the wide ranges. */
    TRANSLATE_X(Magnitudes.ofWidth(150.0 / 331), Magnitudes.linear(0, 32), true, GeometricOps::translateX),
    TRANSLATE_Y(Magnitudes.ofHeight(150.0 / 331), Magnitudes.linear(0, 32), true, GeometricOps::translateY),
    ROTATE(Magnitudes.linear(0, 30), Magnitudes.linear(0, 135), true, GeometricOps::rotate),
    BRIGHTNESS(Magnitudes.linear(0, 0.9), Magnitudes.linear(0, 0.99), true, EnhanceOps::brightness),
    COLOR(Magnitudes.linear(0, 0.9), Magnitudes.linear(0, 0.99), true, EnhanceOps::color),
    CONTRAST(Magnitudes.linear(0, 0.9), Magnitudes.linear(0, 0.99), true, EnhanceOps::contrast),
    SHARPNESS(Magnitudes.linear(0, 0.9), Magnitudes.linear(0, 0.99), true, EnhanceOps::sharpness),
    /** Bits kept: 8 down to 4 (RandAugment) or 2 (wide), rounded. */
    POSTERIZE(Magnitudes.bits(4), Magnitudes.bits(2), false, ToneOps::posterize),
    /** Threshold from 255 (bin 0: only pure white is inverted) down to 0 (everything is). */
    SOLARIZE(Magnitudes.linear(255, 0), Magnitudes.linear(255, 0), false, ToneOps::solarize),
    AUTO_CONTRAST(Magnitudes.NONE, Magnitudes.NONE, false, (image, m) -> ToneOps.autoContrast(image)),
    EQUALIZE(Magnitudes.NONE, Magnitudes.NONE, false, (image, m) -> ToneOps.equalize(image));

    /** Magnitude bins per range (torchvision's {@code num_magnitude_bins}). */
    static final int BINS = 31;

    private static final PolicyOp[] ALL = values();

    /** Which of torchvision's two tables of ranges. */
    enum Ranges {
        /** RandAugment's ranges. */
        STANDARD,
        /** {@code TrivialAugmentWide}'s ranges. */
        WIDE
    }

    /** An operation at a signed magnitude, ready to apply. */
    record Step(PolicyOp op, double magnitude) {
        /** The transformed image: a new Mat, or {@code image} itself where the step changes nothing. */
        Mat apply(Mat image) {
            return op.operation.apply(image, magnitude);
        }
    }

    /** An image operation at a magnitude; never changes its input. */
    @FunctionalInterface
    interface Operation {
        Mat apply(Mat image, double magnitude);
    }

    /** The magnitude of each bin, for an image of a given size. */
    @FunctionalInterface
    private interface Magnitudes {
        Magnitudes NONE = (bin, width, height) -> 0;

        double at(int bin, int width, int height);

        static Magnitudes linear(double from, double to) {
            return (bin, width, height) -> from + (to - from) * bin / (BINS - 1);
        }

        static Magnitudes ofWidth(double fraction) {
            return (bin, width, height) -> fraction * width * bin / (BINS - 1);
        }

        static Magnitudes ofHeight(double fraction) {
            return (bin, width, height) -> fraction * height * bin / (BINS - 1);
        }

        /** torchvision's {@code 8 - round(bin / ((BINS - 1) / (8 - fewest)))}. */
        static Magnitudes bits(int fewest) {
            return (bin, width, height) -> 8 - Math.round(bin * (8.0 - fewest) / (BINS - 1));
        }
    }

    private final Magnitudes standard;
    private final Magnitudes wide;
    private final boolean signed;
    private final Operation operation;

    PolicyOp(Magnitudes standard, Magnitudes wide, boolean signed, Operation operation) {
        this.standard = standard;
        this.wide = wide;
        this.signed = signed;
        this.operation = operation;
    }

    /** One of the 14 operations, uniformly. */
    static PolicyOp draw(Random random) {
        return ALL[random.nextInt(ALL.length)];
    }

    /** Whether the magnitude gets a random sign. */
    boolean signed() {
        return signed;
    }

    /** The unsigned magnitude of {@code bin} in {@code ranges} for {@code image}'s size. */
    double magnitude(Ranges ranges, int bin, Mat image) {
        return (ranges == Ranges.WIDE ? wide : standard).at(bin, image.cols(), image.rows());
    }

    /** This operation at {@code bin} of {@code ranges}, negated with probability 1/2 if it is signed. */
    Step step(Ranges ranges, int bin, Mat image, Random random) {
        double m = magnitude(ranges, bin, image);
        return new Step(this, signed && random.nextBoolean() ? -m : m);
    }
}
