package dev.regzoo.zoo.layers;

import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Linear warm-up from 0 to {@code baseLr} over {@code warmupIterations}, then cosine annealing to {@code minLr} at
 * {@code totalIterations} (and {@code minLr} after). Per iteration. Written by hand: DL4J 1.0.0-M2.1 has no cosine
 * schedule. Serialisable with the model's JSON configuration; it lives in the zoo module so that a model trained with
 * it loads wherever regzoo-zoo is on the classpath.
 *
 * <p>Equal schedules are {@link #equals equal}, as DL4J's own are: DL4J groups layers whose updaters are equal into
 * one updater block, and an Adam block keeps its state as all first moments, then all second moments. A network
 * read back from its JSON holds one schedule object per layer; without value equality its layers would fall into
 * blocks of their own, and the Adam state saved with the model would be split the other way (second moments read as
 * first ones: NaN on the next steps of a resumed run).
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

    @Override
    public boolean equals(Object o) {
        return o instanceof WarmupCosineSchedule s && Double.compare(baseLr, s.baseLr) == 0
                && Double.compare(minLr, s.minLr) == 0 && warmupIterations == s.warmupIterations
                && totalIterations == s.totalIterations;
    }

    @Override
    public int hashCode() {
        return Objects.hash(baseLr, minLr, warmupIterations, totalIterations);
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
