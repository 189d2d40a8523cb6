package dev.regzoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class PlateauReducerTest {

    @Test
    void lowersTheRateAfterPatienceEpochsWithoutImprovementAndNotBelowTheFloor() {
        PlateauReducer reducer = new PlateauReducer(0.1, 0.5, 2, 0.03, 1e-3, false);
        assertFalse(reducer.update(1.0).isPresent(), "first score is an improvement");
        assertFalse(reducer.update(0.9).isPresent(), "improved");
        assertFalse(reducer.update(0.9995).isPresent(), "1 epoch without improvement (min delta)");
        assertEquals(0.05, reducer.update(0.95).getAsDouble(), 1e-12, "2 epochs: halve");
        assertFalse(reducer.update(0.95).isPresent());
        assertEquals(0.03, reducer.update(0.95).getAsDouble(), 1e-12, "floored at min lr");
        assertFalse(reducer.update(0.95).isPresent());
        assertFalse(reducer.update(0.95).isPresent(), "at the floor nothing changes");
        assertEquals(0.03, reducer.learningRate(), 1e-12);
    }

    @Test
    void maximizesAccuracy() {
        PlateauReducer reducer = new PlateauReducer(1, 0.1, 1, 0, 0, true);
        reducer.update(0.5);
        assertFalse(reducer.update(0.6).isPresent());
        assertEquals(0.1, reducer.update(0.55).getAsDouble(), 1e-12);
    }
}
