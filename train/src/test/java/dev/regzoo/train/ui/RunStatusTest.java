package dev.regzoo.train.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.regzoo.recipes.StoppingSpec;
import dev.regzoo.train.RunMetrics;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** A run's status from its metrics.json and whether it trains here or was written lately. */
class RunStatusTest {

    private static Optional<RunMetrics> metrics(String termination) {
        return Optional.of(new RunMetrics("r", StoppingSpec.Monitor.VAL_LOSS, 1, 0.5, termination, 1, List.of(),
                OptionalDouble.empty()));
    }

    @Test
    void anUnfinishedRunIsRunningWhereItTrainsAndInterruptedElsewhere() {
        assertEquals(RunStatus.RUNNING, RunStatus.of(metrics(RunMetrics.RUNNING), true, false));
        assertEquals(RunStatus.RUNNING, RunStatus.of(metrics(RunMetrics.RUNNING), false, true));
        assertEquals(RunStatus.INTERRUPTED, RunStatus.of(metrics(RunMetrics.RUNNING), false, false));
        assertEquals(RunStatus.RUNNING, RunStatus.of(Optional.empty(), true, false), "before its first epoch");
        assertEquals(RunStatus.INTERRUPTED, RunStatus.of(Optional.empty(), false, false));
    }

    @Test
    void anEndedRunSaysHowItEnded() {
        assertEquals(RunStatus.FINISHED, RunStatus.of(metrics("MaxEpochsTerminationCondition(3)"), true, true));
        assertEquals(RunStatus.STOPPED_EARLY, RunStatus.of(metrics("EpochTerminationCondition: "
                + "ContinuedImprovementCondition"), false, false));
        assertEquals(RunStatus.DIVERGED, RunStatus.of(metrics("diverged: the training loss became NaN"), false,
                false));
        assertEquals("stopped early", RunStatus.STOPPED_EARLY.label());
    }
}
