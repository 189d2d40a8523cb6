package dev.regzoo.recipes;

import dev.regzoo.zoo.layers.WarmupCosineSchedule;
import java.util.Locale;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * How the learning rate changes during training, plus an optional ReduceLROnPlateau on the validation score. Built
 * from a named start such as {@code ScheduleSpec.cosine().warmupEpochs(1).build()}; values not set are those of
 * {@link #CONSTANT}: no warm-up, step 1 epoch, gamma 1, min lr 0, no plateau reducer (patience 1).
 *
 * @param kind            constant, step (× {@code gamma} every {@code stepEpochs}), exponential (× {@code gamma} each
 *                        epoch) or cosine (to {@code minLr} over the epochs, after {@code warmupEpochs} of linear
 *                        warm-up, shortened when needed to leave at least one epoch of decay)
 * @param warmupEpochs    linear warm-up epochs for cosine, {@code >= 0}
 * @param stepEpochs      epochs between steps, at least 1
 * @param gamma           decay factor for step and exponential, in (0, 1]
 * @param minLr           final learning rate of the cosine schedule and floor of the plateau reducer, {@code >= 0}
 * @param plateauFactor   ReduceLROnPlateau factor in (0, 1), or 0 for off; only with a constant schedule (DL4J's
 *                        {@code setLearningRate} replaces any schedule)
 * @param plateauPatience epochs without improvement before the plateau reducer lowers the LR, at least 1
 */
public record ScheduleSpec(Kind kind, int warmupEpochs, int stepEpochs, double gamma, double minLr,
                           double plateauFactor, int plateauPatience) {

    /** Schedule shapes. */
    public enum Kind { CONSTANT, STEP, EXPONENTIAL, COSINE;

        /** Parses a name such as {@code cosine}, case-insensitively. */
        public static Kind parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("lr schedule must be one of constant, step, exponential, cosine, "
                        + "got '" + name + "'");
            }
        }
    }

    /** A constant learning rate, no plateau reducer. */
    public static final ScheduleSpec CONSTANT = constant().build();

    public ScheduleSpec {
        if (kind == null) {
            throw new IllegalArgumentException("lr schedule must be given");
        }
        if (warmupEpochs < 0) {
            throw new IllegalArgumentException("warmup epochs must be >= 0, got " + warmupEpochs);
        }
        if (stepEpochs < 1) {
            throw new IllegalArgumentException("lr step epochs must be at least 1, got " + stepEpochs);
        }
        if (plateauPatience < 1) {
            throw new IllegalArgumentException("plateau patience must be at least 1 epoch, got " + plateauPatience);
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("lr gamma must be in (0, 1], got " + gamma);
        }
        if (!(minLr >= 0)) {
            throw new IllegalArgumentException("min lr must be >= 0, got " + minLr);
        }
        if (!(plateauFactor == 0 || plateauFactor > 0 && plateauFactor < 1)) {
            throw new IllegalArgumentException("plateau factor must be in (0, 1), or 0 for off, got " + plateauFactor);
        }
        if (plateauFactor > 0 && kind != Kind.CONSTANT) {
            throw new IllegalArgumentException("ReduceLROnPlateau needs a constant lr schedule (DL4J's setLearningRate "
                    + "replaces any schedule), got " + kind.name().toLowerCase(Locale.ROOT));
        }
    }

    /** A builder for a constant learning rate (add {@link Builder#plateauFactor} for ReduceLROnPlateau). */
    public static Builder constant() {
        return new Builder(Kind.CONSTANT);
    }

    /** A builder for a step schedule: × {@link Builder#gamma} every {@link Builder#stepEpochs}. */
    public static Builder step() {
        return new Builder(Kind.STEP);
    }

    /** A builder for an exponential schedule: × {@link Builder#gamma} each epoch. */
    public static Builder exponential() {
        return new Builder(Kind.EXPONENTIAL);
    }

    /** A builder for cosine decay to {@link Builder#minLr}, after {@link Builder#warmupEpochs} of warm-up. */
    public static Builder cosine() {
        return new Builder(Kind.COSINE);
    }

    /** A builder holding this spec's values. */
    public Builder toBuilder() {
        return new Builder(kind).warmupEpochs(warmupEpochs).stepEpochs(stepEpochs).gamma(gamma).minLr(minLr)
                .plateauFactor(plateauFactor).plateauPatience(plateauPatience);
    }

    /** Whether ReduceLROnPlateau is on. */
    public boolean plateau() {
        return plateauFactor > 0;
    }

    /**
     * The DL4J schedule for {@code baseLr} over {@code epochs} epochs of {@code iterationsPerEpoch} minibatches. Every
     * schedule counts iterations, which a saved model keeps: DL4J's early-stopping trainer restarts its epoch counter
     * at 0 on each {@code fit()}, which would restart an epoch-based schedule when a run is resumed. The exponential
     * schedule therefore decays smoothly, by {@code gamma} over each epoch's iterations.
     */
    public ISchedule toSchedule(double baseLr, int epochs, int iterationsPerEpoch) {
        return switch (kind) {
            case CONSTANT -> new FixedSchedule(baseLr);
            case STEP -> new StepSchedule(ScheduleType.ITERATION, baseLr, gamma, stepEpochs * iterationsPerEpoch);
            case EXPONENTIAL -> new ExponentialSchedule(ScheduleType.ITERATION, baseLr,
                    Math.pow(gamma, 1.0 / iterationsPerEpoch));
            case COSINE -> new WarmupCosineSchedule(baseLr, minLr,
                    Math.min(warmupEpochs, epochs - 1) * iterationsPerEpoch, epochs * iterationsPerEpoch);
        };
    }

    /** Builder for {@link ScheduleSpec}; {@link #build()} validates. */
    public static final class Builder {
        private Kind kind;
        private int warmupEpochs;
        private int stepEpochs = 1;
        private double gamma = 1;
        private double minLr;
        private double plateauFactor;
        private int plateauPatience = 1;

        private Builder(Kind kind) {
            this.kind = kind;
        }

        /** The schedule's shape. */
        public Builder kind(Kind kind) {
            this.kind = kind;
            return this;
        }

        /** Linear warm-up epochs of the cosine schedule, {@code >= 0}; default 0. */
        public Builder warmupEpochs(int epochs) {
            this.warmupEpochs = epochs;
            return this;
        }

        /** Epochs between steps of the step schedule, at least 1; default 1. */
        public Builder stepEpochs(int epochs) {
            this.stepEpochs = epochs;
            return this;
        }

        /** Decay factor of the step and exponential schedules, in (0, 1]; default 1. */
        public Builder gamma(double gamma) {
            this.gamma = gamma;
            return this;
        }

        /** Final learning rate of the cosine schedule and floor of the plateau reducer, {@code >= 0}; default 0. */
        public Builder minLr(double minLr) {
            this.minLr = minLr;
            return this;
        }

        /** ReduceLROnPlateau factor in (0, 1) (constant schedule only), or 0 for off; default 0. */
        public Builder plateauFactor(double factor) {
            this.plateauFactor = factor;
            return this;
        }

        /** Epochs without improvement before the plateau reducer lowers the LR, at least 1; default 1. */
        public Builder plateauPatience(int epochs) {
            this.plateauPatience = epochs;
            return this;
        }

        /** @throws IllegalArgumentException naming the value out of range */
        public ScheduleSpec build() {
            return new ScheduleSpec(kind, warmupEpochs, stepEpochs, gamma, minLr, plateauFactor, plateauPatience);
        }
    }
}
