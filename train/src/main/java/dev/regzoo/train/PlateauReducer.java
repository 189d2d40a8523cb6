package dev.regzoo.train;

import dev.regzoo.zoo.Networks;
import java.io.PrintWriter;
import java.util.OptionalDouble;
import org.deeplearning4j.nn.api.Model;

/**
 * ReduceLROnPlateau (as in Keras): after {@code patience} epochs without the monitored score improving by more than
 * {@code minDelta}, multiply the learning rate by {@code factor}, not below {@code minLr}. Written by hand: DL4J has no
 * such class; {@link #apply} sets the new rate with DL4J's {@code setLearningRate}, for the local trainers and the
 * Spark job alike.
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

    /**
     * Records an epoch's score and, when that lowers the learning rate, sets the new rate on {@code net} (DL4J's
     * {@code setLearningRate}) and says so on {@code out}.
     */
    public void apply(double score, Model net, PrintWriter out) {
        double before = Networks.learningRate(net);
        OptionalDouble reduced = update(score);
        if (reduced.isPresent()) {
            Networks.setLearningRate(net, reduced.getAsDouble());
            out.printf("           ReduceLROnPlateau: learning rate %.6f -> %.6f%n", before, reduced.getAsDouble());
            out.flush();
        }
    }

    /** The current learning rate. */
    public double learningRate() {
        return lr;
    }
}
