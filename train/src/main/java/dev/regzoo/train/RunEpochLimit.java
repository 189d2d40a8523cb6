package dev.regzoo.train;

import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;

/**
 * DL4J's epoch limit for a session of a run that has done {@code done} of its {@code total} epochs and stops after
 * epoch {@code until} (the total, or fewer to pause it): DL4J's trainer counts from 0 in every session, so it stops
 * after the session's remaining epochs, while the run's report names the run's own limit or the pause.
 */
final class RunEpochLimit extends MaxEpochsTerminationCondition {

    /** The name a run's termination gives this condition (DL4J's). */
    static final String NAME = MaxEpochsTerminationCondition.class.getSimpleName();

    private final int total;
    private final int until;

    RunEpochLimit(int total, int done, int until) {
        super(until - done);
        this.total = total;
        this.until = until;
    }

    /** How a session of a {@code total}-epoch run that stops after epoch {@code until} is reported. */
    static String describe(int total, int until) {
        return until < total ? "paused after epoch " + until + " of " + total + " (continuing the run trains on)"
                : NAME + "(" + total + ")";
    }

    @Override
    public String toString() {
        return describe(total, until);
    }
}
