package dev.regzoo.spark;

import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The training minibatches of each epoch as an RDD, handed out in epoch order; each epoch's RDD is released when the
 * next is asked for (the training master persists what it fits).
 */
final class EpochBatches {

    /** The minibatches of one epoch, from its number (0 for the first). */
    @FunctionalInterface
    interface Source {
        JavaRDD<DataSet> epoch(int epoch);
    }

    private final Source source;
    private int epoch;
    private JavaRDD<?> current;

    EpochBatches(Source source) {
        this.source = source;
    }

    /** The next epoch's minibatches. */
    JavaRDD<DataSet> next() {
        return next(batches -> batches);
    }

    /**
     * The next epoch's minibatches in the form {@code form} gives them (e.g. as {@code MultiDataSet}s): the RDD the
     * training master persists, and so the one released.
     */
    <R> JavaRDD<R> next(Function<JavaRDD<DataSet>, JavaRDD<R>> form) {
        if (current != null) {
            current.unpersist(false);
        }
        JavaRDD<R> formed = form.apply(source.epoch(epoch++));
        current = formed;
        return formed;
    }
}
