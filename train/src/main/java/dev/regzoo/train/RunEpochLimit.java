package dev.regzoo.train;

import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;

/**
 * DL4J's epoch limit for a run resumed after {@code done} of its {@code total} epochs: DL4J's trainer counts from 0
 * again, so it stops after the remaining ones, while the run's report names the run's own limit.
 */
final class RunEpochLimit extends MaxEpochsTerminationCondition {

    /** The name a run's termination gives this condition (DL4J's). */
    static final String NAME = MaxEpochsTerminationCondition.class.getSimpleName();

    private final int total;

    RunEpochLimit(int total, int done) {
        super(total - done);
        this.total = total;
    }

    @Override
    public String toString() {
        return NAME + "(" + total + ")";
    }
}
