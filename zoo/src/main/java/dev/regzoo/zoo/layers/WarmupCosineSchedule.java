package dev.regzoo.zoo.layers;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Linear warm-up from 0 to {@code baseLr} over {@code warmupIterations}, then cosine annealing to {@code minLr} at
 * {@code totalIterations} (and {@code minLr} after). Per iteration. Written by hand: DL4J 1.0.0-M2.1 has no cosine
 * schedule. Serialisable with the model's JSON configuration; it lives in the zoo module so that a model trained with
 * it loads wherever regzoo-zoo is on the classpath.
 */
public final class WarmupCosineSchedule implements ISchedule {

    private final double baseLr;
    private final double minLr;
    private final int warmupIterations;
    private final int totalIterations;

    public WarmupCosineSchedule(@JsonProperty("baseLr") double baseLr, @JsonProperty("minLr") double minLr,
                                @JsonProperty("warmupIterations") int warmupIterations,
                                @JsonProperty("totalIterations") int totalIterations) {
        if (totalIterations < 1 || warmupIterations < 0 || warmupIterations >= totalIterations) {
            throw new IllegalArgumentException("cosine schedule needs 0 <= warm-up < total iterations, got "
                    + warmupIterations + " and " + totalIterations);
        }
        this.baseLr = baseLr;
        this.minLr = minLr;
        this.warmupIterations = warmupIterations;
        this.totalIterations = totalIterations;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        if (iteration < warmupIterations) {
            return baseLr * (iteration + 1) / warmupIterations;
        }
        if (iteration >= totalIterations) {
            return minLr;
        }
        double progress = (double) (iteration - warmupIterations) / (totalIterations - warmupIterations);
        return minLr + 0.5 * (baseLr - minLr) * (1 + Math.cos(Math.PI * progress));
    }

    @Override
    public ISchedule clone() {
        return new WarmupCosineSchedule(baseLr, minLr, warmupIterations, totalIterations);
    }

    @JsonProperty("baseLr")
    public double baseLr() {
        return baseLr;
    }

    @JsonProperty("minLr")
    public double minLr() {
        return minLr;
    }

    @JsonProperty("warmupIterations")
    public int warmupIterations() {
        return warmupIterations;
    }

    @JsonProperty("totalIterations")
    public int totalIterations() {
        return totalIterations;
    }
}
