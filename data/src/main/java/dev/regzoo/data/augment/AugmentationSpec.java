package dev.regzoo.data.augment;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What training-time augmentation does, as probabilities and ranges. Applied to the training split only; evaluation
 * never sees it. {@link #newAugmenter()} builds the DataVec transforms (one set per worker thread: they keep state).
 *
 * @param hflip      probability of a horizontal flip
 * @param vflip      probability of a vertical flip (off by default: it changes the meaning of many datasets)
 * @param rotate     rotation within ±{@code rotate} degrees (0 = off)
 * @param translate  shift by up to ±{@code translate} pixels with zero padding, i.e. random crop with padding (0 = off)
 * @param scale      zoom by a factor within {@code 1 ± scale} (0 = off)
 * @param brightness brightness change within ±{@code brightness}·255 (0 = off)
 * @param contrast   contrast factor within {@code 1 ± contrast} (0 = off)
 * @param erase      probability of random erasing (cutout) of a rectangle of up to a third of the image
 * @param policy     RandAugment, TrivialAugment or none ({@link AugmentPolicy}), applied after the transforms above
 *                   and before erasing
 */
public record AugmentationSpec(double hflip, double vflip, double rotate, int translate, double scale,
                               double brightness, double contrast, double erase, AugmentPolicy policy) {

    /** No augmentation. */
    public static final AugmentationSpec NONE = new AugmentationSpec(0, 0, 0, 0, 0, 0, 0, 0, AugmentPolicy.NONE);
    /** Horizontal flip (p = 0.5) and translation by up to 2 px: a standard choice for 28×28 images. */
    public static final AugmentationSpec STANDARD = new AugmentationSpec(0.5, 0, 0, 2, 0, 0, 0, 0, AugmentPolicy.NONE);

    public AugmentationSpec {
        Objects.requireNonNull(policy, "augmentation policy (AugmentPolicy.NONE for none)");
        probability("hflip", hflip);
        probability("vflip", vflip);
        range("rotate", rotate, 180);
        if (translate < 0) {
            throw new IllegalArgumentException("augmentation translate must be >= 0 pixels, got " + translate);
        }
        range("scale", scale, 0.9);
        range("brightness", brightness, 1);
        range("contrast", contrast, 0.9);
        probability("erase", erase);
    }

    /**
     * Parses {@code none}, {@code standard}, or a comma-separated list of {@code key=value} among hflip, vflip, rotate,
     * translate, scale, brightness, contrast, erase (e.g. {@code hflip=0.5,translate=2,erase=0.25}), with at most one
     * policy among them: {@code randaugment=N:M} (N operations per image at magnitude bin M of 0–30, torchvision's
     * 31 bins), {@code randaugment} (= {@code randaugment=2:9}) or {@code trivialaugment}; keys not given are off.
     * {@code standard,rotate=10} adds to the standard preset, {@code standard,trivialaugment} puts TrivialAugment
     * after it.
     *
     * @throws IllegalArgumentException naming the unknown key or bad value
     */
    public static AugmentationSpec parse(String text) {
        Map<String, Double> values = new LinkedHashMap<>();
        AugmentPolicy policy = AugmentPolicy.NONE;
        for (String item : text.trim().toLowerCase(Locale.ROOT).split("\\s*,\\s*")) {
            if (item.isEmpty() || item.equals("none")) {
                continue;
            }
            if (AugmentPolicy.isPolicy(item)) {
                if (!policy.equals(AugmentPolicy.NONE)) {
                    throw new IllegalArgumentException("augmentation takes one policy, got " + policy + " and "
                            + item);
                }
                policy = AugmentPolicy.parse(item);
                continue;
            }
            if (item.equals("standard")) {
                values.put("hflip", STANDARD.hflip);
                values.put("translate", (double) STANDARD.translate);
                continue;
            }
            String[] kv = item.split("=", 2);
            if (kv.length != 2 || !KEYS.contains(kv[0])) {
                throw new IllegalArgumentException("augmentation '" + item + "' is not understood: use none, standard,"
                        + " randaugment=N:M, trivialaugment or key=value with keys " + new java.util.TreeSet<>(KEYS));
            }
            try {
                values.put(kv[0], Double.parseDouble(kv[1]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("augmentation " + kv[0] + " must be a number, got '" + kv[1] + "'");
            }
        }
        return new AugmentationSpec(values.getOrDefault("hflip", 0.0), values.getOrDefault("vflip", 0.0),
                values.getOrDefault("rotate", 0.0), wholePixels(values.getOrDefault("translate", 0.0)),
                values.getOrDefault("scale", 0.0), values.getOrDefault("brightness", 0.0),
                values.getOrDefault("contrast", 0.0), values.getOrDefault("erase", 0.0), policy);
    }

    private static final Set<String> KEYS =
            Set.of("hflip", "vflip", "rotate", "translate", "scale", "brightness", "contrast", "erase");

    /** Whether this spec changes nothing. */
    public boolean isNone() {
        return equals(NONE);
    }

    /** This spec with {@code policy} instead of its own. */
    public AugmentationSpec withPolicy(AugmentPolicy policy) {
        return new AugmentationSpec(hflip, vflip, rotate, translate, scale, brightness, contrast, erase, policy);
    }

    /** This spec with random erasing at probability {@code erase} instead of its own. */
    public AugmentationSpec withErase(double erase) {
        return new AugmentationSpec(hflip, vflip, rotate, translate, scale, brightness, contrast, erase, policy);
    }

    /** A new set of transforms for one worker thread. */
    public Augmenter newAugmenter() {
        return new Augmenter(this);
    }

    /** The spec in {@link #parse} syntax. */
    @Override
    public String toString() {
        if (isNone()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        append(sb, "hflip", hflip);
        append(sb, "vflip", vflip);
        append(sb, "rotate", rotate);
        append(sb, "translate", translate);
        append(sb, "scale", scale);
        append(sb, "brightness", brightness);
        append(sb, "contrast", contrast);
        append(sb, "erase", erase);
        if (!policy.equals(AugmentPolicy.NONE)) {
            sb.append(sb.length() == 0 ? "" : ",").append(policy);
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String key, double value) {
        if (value != 0) {
            sb.append(sb.length() == 0 ? "" : ",").append(key).append('=')
                    .append(value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value));
        }
    }

    private static int wholePixels(double v) {
        if (v != Math.rint(v)) {
            throw new IllegalArgumentException("augmentation translate must be a whole number of pixels, got " + v);
        }
        return (int) v;
    }

    private static void probability(String key, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("augmentation " + key + " must be a probability in [0, 1], got " + p);
        }
    }

    private static void range(String key, double v, double max) {
        if (!(v >= 0 && v <= max)) {
            throw new IllegalArgumentException("augmentation " + key + " must be in [0, " + max + "], got " + v);
        }
    }
}
