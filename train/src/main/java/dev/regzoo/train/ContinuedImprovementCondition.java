package dev.regzoo.train;

import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;

/**
 * DL4J's patience rule ({@link ScoreImprovementEpochTerminationCondition}) counted over a whole run, also when it was
 * interrupted and resumed: epochs are numbered from the run's start, and the scores before the interruption are
 * replayed through DL4J's own rule, so that it counts from the last epoch that improved by more than the minimum. DL4J's trainer numbers epochs from 0 on each {@code fit()} and re-initialises the condition, which would
 * otherwise forget how long the run has been without improvement. For a fresh run it behaves exactly like DL4J's.
 */
final class ContinuedImprovementCondition extends ScoreImprovementEpochTerminationCondition {

    private final double[] earlierScores;
    private final boolean minimize;

    ContinuedImprovementCondition(int patience, double minDelta, double[] earlierScores, boolean minimize) {
        super(patience, minDelta);
        this.earlierScores = earlierScores.clone();
        this.minimize = minimize;
    }

    @Override
    public void initialize() {
        super.initialize();
        for (int epoch = 0; epoch < earlierScores.length; epoch++) {
            super.terminate(epoch, earlierScores[epoch], minimize);
        }
    }

    @Override
    public boolean terminate(int epochNum, double score, boolean minimize) {
        return super.terminate(earlierScores.length + epochNum, score, minimize);
    }
}
