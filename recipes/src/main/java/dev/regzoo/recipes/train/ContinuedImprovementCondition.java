package dev.regzoo.recipes.train;

import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;

/**
 * DL4J's patience rule ({@link ScoreImprovementEpochTerminationCondition}) counted over a whole run, also when it was
 * interrupted and resumed: epochs are numbered from the run's start and the best epoch before the interruption is
 * remembered. DL4J's trainer numbers epochs from 0 on each {@code fit()} and re-initialises the condition, which would
 * otherwise forget how long the run has been without improvement. For a fresh run it behaves exactly like DL4J's.
 */
final class ContinuedImprovementCondition extends ScoreImprovementEpochTerminationCondition {

    private final int epochsDone;
    private final BestEpoch bestSoFar;

    ContinuedImprovementCondition(int patience, double minDelta, int epochsDone, BestEpoch bestSoFar) {
        super(patience, minDelta);
        this.epochsDone = epochsDone;
        this.bestSoFar = bestSoFar;
    }

    @Override
    public void initialize() {
        super.initialize();
        if (bestSoFar.exists()) {
            setBestEpoch(bestSoFar.index());
            setBestScore(bestSoFar.score());
        }
    }

    @Override
    public boolean terminate(int epochNum, double score, boolean minimize) {
        return super.terminate(epochsDone + epochNum, score, minimize);
    }
}
