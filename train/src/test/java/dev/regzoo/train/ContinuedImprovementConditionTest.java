package dev.regzoo.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.junit.jupiter.api.Test;

class ContinuedImprovementConditionTest {

    private static final double[] SCORES = {1.0, 0.99995, 0.9999, 0.99985};

    @Test
    void aResumedRunStopsWhereAnUninterruptedOneWould() {
        ScoreImprovementEpochTerminationCondition whole = new ScoreImprovementEpochTerminationCondition(3, 1e-3);
        whole.initialize();
        boolean[] stops = new boolean[SCORES.length];
        for (int e = 0; e < SCORES.length; e++) {
            stops[e] = whole.terminate(e, SCORES[e], true);
        }
        assertTrue(stops[3], "no improvement above min delta since epoch 0: stop at epoch 3");

        ContinuedImprovementCondition resumed = new ContinuedImprovementCondition(3, 1e-3,
                new double[] {SCORES[0], SCORES[1], SCORES[2]}, true);
        resumed.initialize();
        assertTrue(resumed.terminate(0, SCORES[3], true), "the resumed run's first epoch is overall epoch 3");
    }

    @Test
    void aFreshRunBehavesLikeDl4j() {
        ContinuedImprovementCondition fresh = new ContinuedImprovementCondition(2, 0, new double[0], true);
        fresh.initialize();
        assertFalse(fresh.terminate(0, 1.0, true));
        assertFalse(fresh.terminate(1, 1.0, true));
        assertTrue(fresh.terminate(2, 1.0, true));
    }
}
