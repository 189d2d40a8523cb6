package dev.regzoo.train;

import dev.regzoo.zoo.Check;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.listener.EarlyStoppingListener;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.parallelism.EarlyStoppingParallelTrainer;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Data-parallel early stopping in one JVM on DL4J's {@link EarlyStoppingParallelTrainer}, which runs each epoch on a
 * {@code ParallelWrapper}: every worker thread trains a replica on its own minibatches, and the replicas' parameters
 * and updater states are averaged every {@link #AVERAGING_FREQUENCY} iteration.
 *
 * <p>Three things differ from the single-threaded trainer and are bridged here. {@code ParallelWrapper} moves the
 * network's training listeners to the worker replicas (statistics listeners are cloned per worker, the
 * {@link EpochTracker} is shared and synchronized) and fires no epoch start or end, so the epoch is started when
 * early stopping starts or has scored the previous epoch, and ended just before the validation score is computed.
 * No prefetch buffer is asked for: regzoo's {@code ImageBatchIterator} prepares batches on its own threads, and
 * declines DL4J's asynchronous wrapper ({@code asyncSupported() == false}). And the trainer saves a best model only
 * when its score is lower than the best so far, whatever the monitor, so the caller scores through
 * {@link AtomicModelSaver#offeringScored}.
 */
final class ParallelTraining {

    /** Iterations between parameter averaging: every one, so N workers act like one N-times larger minibatch. */
    static final int AVERAGING_FREQUENCY = 1;

    private ParallelTraining() {
    }

    /**
     * @return {@code workers}
     * @throws IllegalArgumentException when {@code workers} is below 1
     */
    static int checkWorkers(int workers) {
        return Check.atLeast("--workers (1 = the plain trainer, 2 or more = ParallelWrapper threads)", workers, 1);
    }

    /**
     * Trains {@code net} on {@code workers} (at least 2) threads; {@code config} scores through {@link #endingEpochs}
     * and {@link AtomicModelSaver#offeringScored}.
     */
    static <T extends Model> EarlyStoppingResult<T> fit(EarlyStoppingConfiguration<T> config, T net,
                                                        DataSetIterator train, EpochTracker<T> tracker,
                                                        int workers) {
        EarlyStoppingParallelTrainer<T> trainer = new EarlyStoppingParallelTrainer<>(config, net, train, null,
                new EpochStarts<>(tracker), workers, 0, AVERAGING_FREQUENCY);
        return trainer.fit();
    }

    /** {@code calculator}, ending {@code tracker}'s epoch before it scores the network. */
    static <T extends Model> ScoreCalculator<T> endingEpochs(ScoreCalculator<T> calculator, EpochTracker<T> tracker) {
        return new ScoreCalculator<>() {
            @Override
            public double calculateScore(T network) {
                tracker.onEpochEnd(network);
                return calculator.calculateScore(network);
            }

            @Override
            public boolean minimizeScore() {
                return calculator.minimizeScore();
            }
        };
    }

    /** Starts {@code tracker}'s epochs from the early-stopping callbacks, which ParallelWrapper leaves to the caller. */
    private record EpochStarts<T extends Model>(EpochTracker<T> tracker) implements EarlyStoppingListener<T> {

        @Override
        public void onStart(EarlyStoppingConfiguration<T> config, T net) {
            tracker.onStart(config, net);
            tracker.onEpochStart(net);
        }

        @Override
        public void onEpoch(int epochNum, double score, EarlyStoppingConfiguration<T> config, T net) {
            tracker.onEpoch(epochNum, score, config, net);
            tracker.onEpochStart(net);
        }

        @Override
        public void onCompletion(EarlyStoppingResult<T> result) {
            tracker.onEpochEnd(null);
            tracker.onCompletion(result);
        }
    }
}
