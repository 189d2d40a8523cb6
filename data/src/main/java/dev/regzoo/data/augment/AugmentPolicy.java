package dev.regzoo.data.augment;

import java.util.Locale;
import org.nd4j.shade.jackson.annotation.JsonValue;

/**
 * An automatic augmentation policy, applied after {@link AugmentationSpec}'s own transforms (flips, rotation,
 * translation, brightness and contrast) and before random erasing, as torchvision's reference recipes order them.
 * Both policies draw from torchvision's 14 operations (identity, shear x/y, translate x/y, rotate, brightness, color,
 * contrast, sharpness, posterize, solarize, auto-contrast, equalize) at its magnitudes, filling with 0; color is the
 * identity on one-channel images.
 *
 * <p>Written as {@code none}, {@code randaugment=N:M} (or {@code randaugment} for 2:9) and {@code trivialaugment},
 * in {@code --augment} lists and in recipe files.
 */
public sealed interface AugmentPolicy {

    /** No policy. */
    AugmentPolicy NONE = new None();

    /** RandAugment with {@code ops} operations per image, each at magnitude bin {@code magnitude}. */
    static AugmentPolicy randAugment(int ops, int magnitude) {
        return new RandAugment(ops, magnitude);
    }

    /** TrivialAugment (wide). */
    static AugmentPolicy trivialAugment() {
        return new TrivialAugment();
    }

    /** Whether an item of an {@code --augment} list is a policy ({@code randaugment…}, {@code trivialaugment}). */
    static boolean isPolicy(String item) {
        String name = item.split("=", 2)[0].trim().toLowerCase(Locale.ROOT);
        return name.equals(RandAugment.NAME) || name.equals(TrivialAugment.NAME);
    }

    /**
     * Parses {@code none}, {@code randaugment}, {@code randaugment=N:M} or {@code trivialaugment}.
     *
     * @throws IllegalArgumentException naming the value and what is allowed
     */
    static AugmentPolicy parse(String text) {
        String item = text.trim().toLowerCase(Locale.ROOT);
        if (item.equals("none")) {
            return NONE;
        }
        if (item.equals(TrivialAugment.NAME)) {
            return trivialAugment();
        }
        if (item.equals(RandAugment.NAME)) {
            return randAugment(RandAugment.DEFAULT_OPS, RandAugment.DEFAULT_MAGNITUDE);
        }
        String[] nm = item.startsWith(RandAugment.NAME + "=")
                ? item.substring(RandAugment.NAME.length() + 1).split(":", -1) : new String[0];
        if (nm.length == 2 && nm[0].matches("-?\\d{1,9}") && nm[1].matches("-?\\d{1,9}")) {
            return randAugment(Integer.parseInt(nm[0]), Integer.parseInt(nm[1]));
        }
        throw new IllegalArgumentException("augmentation policy '" + text.trim() + "' is not understood: use none, "
                + "trivialaugment, randaugment (= randaugment=" + RandAugment.DEFAULT_OPS + ":"
                + RandAugment.DEFAULT_MAGNITUDE + ") or randaugment=N:M with whole numbers N >= 1 and M in [0, "
                + RandAugment.MAX_MAGNITUDE + "]");
    }

    /** The policy in {@link #parse} syntax. */
    @JsonValue
    @Override
    String toString();

    /** No policy: {@code none}. */
    record None() implements AugmentPolicy {
        @JsonValue
        @Override
        public String toString() {
            return "none";
        }
    }

    /**
     * RandAugment (Cubuk et al., 2020): {@code ops} operations drawn uniformly (with repeats) per image, each at
     * magnitude bin {@code magnitude} of torchvision's 31 bins (0 to 30; bin 30 is the strongest: ±30° rotation, ±0.3
     * shear, ±45% translation, enhancement factors 1 ± 0.9, posterize to 4 bits, solarize above 0). The magnitude is
     * torchvision's {@code RandAugment(num_ops, magnitude, num_magnitude_bins=31)}, not timm's scale of 10:
     * {@code M = 9} is 9/30 of the range.
     *
     * @param ops       operations per image, at least 1 (default 2)
     * @param magnitude the magnitude bin, 0 to 30 (default 9)
     */
    record RandAugment(int ops, int magnitude) implements AugmentPolicy {
        static final String NAME = "randaugment";
        /** Operations per image in the paper's and torchvision's default. */
        public static final int DEFAULT_OPS = 2;
        /** torchvision's default magnitude bin. */
        public static final int DEFAULT_MAGNITUDE = 9;
        /** The strongest magnitude bin (torchvision's {@code num_magnitude_bins} is 31). */
        public static final int MAX_MAGNITUDE = PolicyOp.BINS - 1;

        /** @throws IllegalArgumentException for {@code ops < 1} or a magnitude outside [0, 30] */
        public RandAugment {
            if (ops < 1) {
                throw new IllegalArgumentException("augmentation randaugment N (operations per image) must be at "
                        + "least 1, got " + ops);
            }
            if (magnitude < 0 || magnitude > MAX_MAGNITUDE) {
                throw new IllegalArgumentException("augmentation randaugment M (magnitude) must be a whole number in "
                        + "[0, " + MAX_MAGNITUDE + "], got " + magnitude);
            }
        }

        @JsonValue
        @Override
        public String toString() {
            return NAME + "=" + ops + ":" + magnitude;
        }
    }

    /**
     * TrivialAugment (Müller and Hutter, ICCV 2021) as torchvision's {@code TrivialAugmentWide}: one operation per
     * image, drawn uniformly, at a magnitude drawn uniformly from the 31 bins of the wide ranges (±135° rotation,
     * ±0.99 shear, ±32 px translation, enhancement factors 1 ± 0.99, posterize to 2 bits, solarize above 0). Nothing
     * to tune.
     */
    record TrivialAugment() implements AugmentPolicy {
        static final String NAME = "trivialaugment";

        @JsonValue
        @Override
        public String toString() {
            return NAME;
        }
    }
}
