package dev.regzoo.recipes;

import java.util.Locale;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The optimizer of a recipe.
 *
 * <pre>{@code
 * OptimizerSpec adam = OptimizerSpec.builder().kind(OptimizerSpec.Kind.ADAM).learningRate(1e-3).build();
 * }</pre>
 *
 * @param kind         which optimizer
 * @param learningRate base learning rate, {@code > 0} (the schedule scales it)
 * @param momentum     momentum for {@link Kind#NESTEROV}, in [0, 1)
 */
public record OptimizerSpec(Kind kind, double learningRate, double momentum) {

    /** Supported optimizers. AdamW is Adam plus the recipe's decoupled weight decay. */
    public enum Kind { SGD, NESTEROV, RMSPROP, ADAM, ADAMW;

        /** Parses a name such as {@code adamw} or {@code nesterov}, case-insensitively. */
        public static Kind parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("optimizer must be one of sgd, nesterov, rmsprop, adam, adamw, got '"
                        + name + "'");
            }
        }
    }

    public OptimizerSpec {
        if (kind == null) {
            throw new IllegalArgumentException("optimizer must be given");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a finite number > 0, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
    }

    /** A builder with Nesterov momentum 0.9 at learning rate 0.01. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's values. */
    public Builder toBuilder() {
        return builder().kind(kind).learningRate(learningRate).momentum(momentum);
    }

    /** The DL4J updater with {@code schedule} as its learning rate. */
    public IUpdater toUpdater(ISchedule schedule) {
        return switch (kind) {
            case SGD -> new Sgd(schedule);
            case NESTEROV -> new Nesterovs(schedule, momentum);
            case RMSPROP -> new RmsProp(schedule);
            case ADAM, ADAMW -> new Adam(schedule);
        };
    }

    /** Builder for {@link OptimizerSpec}; {@link #build()} validates. */
    public static final class Builder {
        private Kind kind = Kind.NESTEROV;
        private double learningRate = 0.01;
        private double momentum = 0.9;

        private Builder() {
        }

        /** Which optimizer; default {@link Kind#NESTEROV}. */
        public Builder kind(Kind kind) {
            this.kind = kind;
            return this;
        }

        /** Base learning rate, {@code > 0}; default 0.01. */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** Momentum for {@link Kind#NESTEROV}, in [0, 1); default 0.9. */
        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        /** @throws IllegalArgumentException naming the value out of range */
        public OptimizerSpec build() {
            return new OptimizerSpec(kind, learningRate, momentum);
        }
    }
}
