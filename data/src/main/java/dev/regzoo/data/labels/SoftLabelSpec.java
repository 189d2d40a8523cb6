package dev.regzoo.data.labels;

/**
 * How training labels are softened, as timm's {@code Mixup} defines it (batch mode). Applied to the training batches
 * only; validation and test losses use the hard labels.
 *
 * <ul>
 *   <li>Label smoothing (Szegedy et al. 2016): targets {@code (1 − ε)·one-hot + ε/K} for K classes.</li>
 *   <li>Mixup (Zhang et al. 2018): λ ~ Beta(α, α); images and targets of the batch are mixed with those of its
 *       partner batch (the batch rolled by one, so no image is its own partner), {@code λ·x + (1 − λ)·x'}.</li>
 *   <li>CutMix (Yun et al. 2019): λ ~ Beta(α, α); a box of about {@code 1 − λ} of the image, centred uniformly and
 *       clipped at the borders, is pasted from the partner, and the targets are mixed by the area actually pasted
 *       (timm's {@code correct_lam}).</li>
 *   <li>A batch is mixed with probability {@code mixProbability}; when both mixup and CutMix are on, it gets CutMix
 *       with probability {@code switchProbability} and mixup otherwise. Smoothing applies to every batch, inside the
 *       mixing.</li>
 * </ul>
 *
 * <pre>{@code
 * SoftLabelSpec labels = SoftLabelSpec.builder().smoothing(0.1).mixup(0.2).cutmix(1.0).build();
 * }</pre>
 *
 * @param smoothing         label smoothing ε in [0, 1) (0 = off)
 * @param mixup             mixup α, {@code >= 0} (0 = off)
 * @param cutmix            CutMix α, {@code >= 0} (0 = off)
 * @param mixProbability    probability in [0, 1] that a batch is mixed, when mixup or CutMix is on
 * @param switchProbability probability in [0, 1] of CutMix rather than mixup, when both are on
 */
public record SoftLabelSpec(double smoothing, double mixup, double cutmix, double mixProbability,
                            double switchProbability) {

    /** Hard labels: no smoothing, no mixing. */
    public static final SoftLabelSpec NONE = builder().build();

    /**
     * @throws IllegalArgumentException naming the option, the value and the allowed range
     */
    public SoftLabelSpec {
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("--label-smoothing must be in [0, 1), got " + smoothing);
        }
        alpha("--mixup", mixup);
        alpha("--cutmix", cutmix);
        probability("--mix-prob", mixProbability);
        probability("--switch-prob", switchProbability);
    }

    /** A builder with everything off, a mix probability of 1 and a switch probability of 0.5 (timm's defaults). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's values. */
    public Builder toBuilder() {
        return builder().smoothing(smoothing).mixup(mixup).cutmix(cutmix).mixProbability(mixProbability)
                .switchProbability(switchProbability);
    }

    /** Whether any label is changed: smoothing or mixing is on. */
    public boolean enabled() {
        return smoothing > 0 || mixing();
    }

    /** Whether mixup or CutMix is on. */
    public boolean mixing() {
        return mixup > 0 || cutmix > 0;
    }

    private static void alpha(String option, double alpha) {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException(option + " must be a finite α >= 0 (0 = off), got " + alpha);
        }
    }

    private static void probability(String option, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(option + " must be a probability in [0, 1], got " + p);
        }
    }

    /** Builder for {@link SoftLabelSpec}; {@link #build()} validates. */
    public static final class Builder {
        private double smoothing;
        private double mixup;
        private double cutmix;
        private double mixProbability = 1;
        private double switchProbability = 0.5;

        private Builder() {
        }

        /** Label smoothing ε in [0, 1); default 0 (off). The usual value is 0.1. */
        public Builder smoothing(double epsilon) {
            this.smoothing = epsilon;
            return this;
        }

        /** Mixup α, {@code >= 0}; default 0 (off). ImageNet recipes use 0.2, CIFAR ones 1.0. */
        public Builder mixup(double alpha) {
            this.mixup = alpha;
            return this;
        }

        /** CutMix α, {@code >= 0}; default 0 (off). The paper uses 1.0. */
        public Builder cutmix(double alpha) {
            this.cutmix = alpha;
            return this;
        }

        /** Probability in [0, 1] that a batch is mixed; default 1. */
        public Builder mixProbability(double p) {
            this.mixProbability = p;
            return this;
        }

        /** Probability in [0, 1] of CutMix rather than mixup when both are on; default 0.5. */
        public Builder switchProbability(double p) {
            this.switchProbability = p;
            return this;
        }

        /** @throws IllegalArgumentException naming the option, the value and the allowed range */
        public SoftLabelSpec build() {
            return new SoftLabelSpec(smoothing, mixup, cutmix, mixProbability, switchProbability);
        }
    }
}
