package dev.regzoo.train;

import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.stats.api.StatsUpdateConfiguration;
import org.deeplearning4j.ui.model.stats.impl.DefaultStatsInitializationConfiguration;
import org.deeplearning4j.ui.model.stats.impl.DefaultStatsUpdateConfiguration;

/**
 * The statistics a run records for DL4J's training UI: what its charts show, and nothing else. DL4J's default
 * {@link StatsListener} also computes histograms of every layer's gradients and activations and several means the UI
 * never reads; on a whole batch of activations these single-threaded passes took about 15% of SmallCnn's training
 * thread in a profile of {@code regzoo train} (docs/benchmarks.md). Gradient histograms are still recorded: DL4J
 * 1.0.0-M2.1 ties them to the gradients' standard deviations, which the overview shows (they are parameter-sized,
 * cheap next to activations).
 */
public final class UiStatistics {

    /** How often the statistics are recorded: every this many iterations. */
    static final int EVERY_ITERATIONS = 10;

    private UiStatistics() {
    }

    /**
     * A listener recording, every {@link #EVERY_ITERATIONS} iterations, the score, the parameters' and updates' mean
     * magnitudes (overview: update/parameter ratios; model page: mean magnitudes), the standard deviations of
     * activations, gradients and updates (overview), the activations' mean (model page), the parameters' and updates'
     * histograms (model page), learning rates, and the performance, memory and garbage-collection figures.
     *
     * @param storage where the statistics go; {@code null} where the caller routes them itself (Spark's training
     *                master)
     */
    public static StatsListener listener(StatsStorageRouter storage) {
        return new StatsListener(storage, new DefaultStatsInitializationConfiguration(true, true, true),
                configuration(), null, null);
    }

    /** The update configuration of {@link #listener}: the UI's statistics only. */
    static StatsUpdateConfiguration configuration() {
        return new DefaultStatsUpdateConfiguration.Builder()
                .reportingFrequency(EVERY_ITERATIONS)
                .collectHistogramsParameters(true).collectHistogramsUpdates(true)
                .collectHistogramsGradients(false).collectHistogramsActivations(false)
                .collectMeanMagnitudesParameters(true).collectMeanMagnitudesUpdates(true)
                .collectMeanMagnitudesGradients(false).collectMeanMagnitudesActivations(false)
                .collectStdevActivations(true).collectStdevGradients(true).collectStdevUpdates(true)
                .collectStdevParameters(false)
                .collectMeanActivations(true)
                .collectMeanParameters(false).collectMeanGradients(false).collectMeanUpdates(false)
                .build();
    }
}
