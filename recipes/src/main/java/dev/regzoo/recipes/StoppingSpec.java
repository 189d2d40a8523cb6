package dev.regzoo.recipes;

import java.util.Locale;

/**
 * When training stops: after {@code maxEpochs}, after {@code patience} epochs in which the monitored validation score
 * did not improve by more than {@code minDelta}, after {@code maxMinutes} (0 = no limit), or at once on a NaN/Inf loss.
 *
 * @param monitor    the validation score that decides improvement and picks the best model
 * @param patience   epochs without improvement before stopping, at least 1
 * @param minDelta   smallest absolute change that counts as improvement, {@code >= 0}
 * @param maxEpochs  hard limit on epochs, at least 1
 * @param maxMinutes wall-time limit in minutes, {@code >= 0} (0 = none)
 */
public record StoppingSpec(Monitor monitor, int patience, double minDelta, int maxEpochs, double maxMinutes) {

    /** Validation loss is minimised; validation accuracy is maximised. */
    public enum Monitor { VAL_LOSS, VAL_ACCURACY;

        /** Parses {@code val_loss} or {@code val_accuracy}. */
        public static Monitor parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("monitor must be val_loss or val_accuracy, got '" + name + "'");
            }
        }

        /** True when a larger score is better. */
        public boolean maximize() {
            return this == VAL_ACCURACY;
        }
    }

    public StoppingSpec {
        if (monitor == null) {
            throw new IllegalArgumentException("monitor must be given");
        }
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1 epoch, got " + patience);
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("min delta must be >= 0, got " + minDelta);
        }
        if (maxEpochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + maxEpochs);
        }
        if (!(maxMinutes >= 0)) {
            throw new IllegalArgumentException("max minutes must be >= 0, got " + maxMinutes);
        }
    }

    /** A builder monitoring validation loss with patience 5, min delta 0, 10 epochs and no time limit. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's values. */
    public Builder toBuilder() {
        return builder().monitor(monitor).patience(patience).minDelta(minDelta).maxEpochs(maxEpochs)
                .maxMinutes(maxMinutes);
    }

    /** This spec with another epoch limit. */
    public StoppingSpec withMaxEpochs(int epochs) {
        return toBuilder().maxEpochs(epochs).build();
    }

    /** This spec with another patience. */
    public StoppingSpec withPatience(int epochs) {
        return toBuilder().patience(epochs).build();
    }

    /** Builder for {@link StoppingSpec}; {@link #build()} validates. */
    public static final class Builder {
        private Monitor monitor = Monitor.VAL_LOSS;
        private int patience = 5;
        private double minDelta;
        private int maxEpochs = 10;
        private double maxMinutes;

        private Builder() {
        }

        /** The validation score that decides improvement; default {@link Monitor#VAL_LOSS}. */
        public Builder monitor(Monitor monitor) {
            this.monitor = monitor;
            return this;
        }

        /** Epochs without improvement before stopping, at least 1; default 5. */
        public Builder patience(int epochs) {
            this.patience = epochs;
            return this;
        }

        /** Smallest absolute change that counts as improvement, {@code >= 0}; default 0. */
        public Builder minDelta(double minDelta) {
            this.minDelta = minDelta;
            return this;
        }

        /** Hard limit on epochs, at least 1; default 10. */
        public Builder maxEpochs(int epochs) {
            this.maxEpochs = epochs;
            return this;
        }

        /** Wall-time limit in minutes, {@code >= 0}; default 0 (none). */
        public Builder maxMinutes(double minutes) {
            this.maxMinutes = minutes;
            return this;
        }

        /** @throws IllegalArgumentException naming the value out of range */
        public StoppingSpec build() {
            return new StoppingSpec(monitor, patience, minDelta, maxEpochs, maxMinutes);
        }
    }
}
