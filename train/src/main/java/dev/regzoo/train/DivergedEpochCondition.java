package dev.regzoo.train;

import org.deeplearning4j.earlystopping.termination.EpochTerminationCondition;

/**
 * Stops at once when an epoch's validation score is NaN or infinite: the score calculators of every trainer return NaN
 * for a network whose weights or outputs are ({@link Divergence}), instead of evaluating it.
 */
final class DivergedEpochCondition implements EpochTerminationCondition {

    @Override
    public void initialize() {
        // no state
    }

    @Override
    public boolean terminate(int epochNum, double score, boolean minimize) {
        return !Double.isFinite(score);
    }

    @Override
    public String toString() {
        return "DivergedEpochCondition: the weights or the validation outputs are NaN or infinite";
    }
}
