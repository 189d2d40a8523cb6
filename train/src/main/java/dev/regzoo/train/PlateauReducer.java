package dev.regzoo.train;

import java.util.OptionalDouble;

/**
 * ReduceLROnPlateau (as in Keras): after {@code patience} epochs without the monitored score improving by more than
 * {@code minDelta}, multiply the learning rate by {@code factor}, not below {@code minLr}. Written by hand: DL4J has no
 * such class; {@link Trainer} applies the new rate with DL4J's {@code setLearningRate}.
 */
public final class PlateauReducer {

    private final double factor;
    private final int patience;
    private final double minLr;
    private final double minDelta;
    private final boolean maximize;
    private double best;
    private int waited;
    private double lr;

    public PlateauReducer(double initialLr, double factor, int patience, double minLr, double minDelta,
                          boolean maximize) {
        this.lr = initialLr;
        this.factor = factor;
        this.patience = patience;
        this.minLr = minLr;
        this.minDelta = minDelta;
        this.maximize = maximize;
        this.best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** Records an epoch's score; returns the new learning rate when it changes. */
    public OptionalDouble update(double score) {
        boolean improved = maximize ? score > best + minDelta : score < best - minDelta;
        if (improved) {
            best = score;
            waited = 0;
            return OptionalDouble.empty();
        }
        if (++waited < patience) {
            return OptionalDouble.empty();
        }
        waited = 0;
        double reduced = Math.max(minLr, lr * factor);
        if (reduced >= lr) {
            return OptionalDouble.empty();
        }
        lr = reduced;
        return OptionalDouble.of(lr);
    }

    /** The current learning rate. */
    public double learningRate() {
        return lr;
    }
}
