package dev.regzoo.recipes;

/**
 * An exponential moving average (EMA) of the weights, updated after every training step over all of the network's
 * parameters, BatchNorm's running mean and variance included: {@code ema ← d·ema + (1 − d)·w}. When it is on, the
 * averaged weights are the ones validated, watched by early stopping, saved as the best model and tested.
 *
 * <p>The decay of the update that follows {@code t} earlier ones is {@code min(decay, (1 + t)/(warmup + t))}: the
 * warm-up of TensorFlow's {@code ExponentialMovingAverage} with {@code num_updates}, whose constant is 10. It averages
 * about the last {@code t/(warmup − 1)} steps until {@code decay} is reached, after {@code (warmup·decay − 1)/(1 −
 * decay)} steps (about 9,000 for 0.999 and 10), so that a short run's average does not drag its random start along;
 * {@code warmup} 0 (or 1) applies {@code decay} from the first step. The average starts from the weights training
 * starts with.
 *
 * @param decay  the decay d in (0, 1), or 0 for no EMA
 * @param warmup the warm-up constant, {@code >= 0} (0 = none)
 */
public record EmaSpec(double decay, int warmup) {

    /** No EMA. */
    public static final EmaSpec OFF = builder().build();

    /**
     * @throws IllegalArgumentException naming the option, the value and the allowed range
     */
    public EmaSpec {
        if (!(decay == 0 || decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("--ema-decay must be in (0, 1), or 0 for no EMA, got " + decay);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--ema-warmup must be >= 0 (0 = no warm-up), got " + warmup);
        }
    }

    /** A builder with EMA off and TensorFlow's warm-up constant 10. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's values. */
    public Builder toBuilder() {
        return builder().decay(decay).warmup(warmup);
    }

    /** Whether the weights are averaged. */
    public boolean enabled() {
        return decay > 0;
    }

    /** The decay of the update that follows {@code updates} earlier ones: {@code min(decay, (1 + t)/(warmup + t))}. */
    public double decayAfter(long updates) {
        return Math.min(decay, (1.0 + updates) / ((double) warmup + updates));
    }

    /** Builder for {@link EmaSpec}; {@link #build()} validates. */
    public static final class Builder {
        private double decay;
        private int warmup = 10;

        private Builder() {
        }

        /** The decay in (0, 1), or 0 (the default) for no EMA. Long ImageNet runs use 0.9998–0.99998. */
        public Builder decay(double decay) {
            this.decay = decay;
            return this;
        }

        /** The warm-up constant, {@code >= 0}; default 10 (TensorFlow's), 0 = none. */
        public Builder warmup(int warmup) {
            this.warmup = warmup;
            return this;
        }

        /** @throws IllegalArgumentException naming the option, the value and the allowed range */
        public EmaSpec build() {
            return new EmaSpec(decay, warmup);
        }
    }
}
