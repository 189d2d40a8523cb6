package dev.regzoo.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.schedule.ISchedule;

class ScheduleSpecTest {

    private static ScheduleSpec of(ScheduleSpec.Kind kind, int warmup, int step, double gamma) {
        return new ScheduleSpec(kind, warmup, step, gamma, 0, 0, 1);
    }

    @Test
    void cosineWarmsUpLinearlyThenDecaysToTheMinimum() {
        ISchedule s = of(ScheduleSpec.Kind.COSINE, 1, 1, 1).toSchedule(0.1, 4, 10);
        assertEquals(0.01, s.valueAt(0, 0), 1e-12, "first warm-up step");
        assertEquals(0.1, s.valueAt(9, 0), 1e-12, "end of warm-up");
        assertEquals(0.05, s.valueAt(25, 2), 1e-12, "half way through the decay");
        assertEquals(0.0, s.valueAt(40, 4), 1e-12);
    }

    @Test
    void warmUpIsShortenedWhenTheRunIsShorter() {
        ISchedule oneEpoch = of(ScheduleSpec.Kind.COSINE, 1, 1, 1).toSchedule(0.1, 1, 5);
        assertEquals(0.1, oneEpoch.valueAt(0, 0), 1e-12, "no warm-up left: decay from the start");
        assertTrue(oneEpoch.valueAt(4, 0) < 0.1);
    }

    @Test
    void stepAndExponentialCountIterationsSoThatResumingContinuesThem() {
        ISchedule step = of(ScheduleSpec.Kind.STEP, 0, 2, 0.5).toSchedule(0.1, 10, 10);
        assertEquals(0.1, step.valueAt(19, 0), 1e-12);
        assertEquals(0.05, step.valueAt(20, 0), 1e-12, "epoch 2 by iterations, whatever the epoch counter says");
        ISchedule exp = of(ScheduleSpec.Kind.EXPONENTIAL, 0, 1, 0.5).toSchedule(0.1, 10, 10);
        assertEquals(0.05, exp.valueAt(10, 0), 1e-12, "one epoch: × gamma");
    }

    @Test
    void plateauNeedsAConstantSchedule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ScheduleSpec(ScheduleSpec.Kind.COSINE, 0, 1, 1, 0, 0.5, 2));
        assertTrue(e.getMessage().contains("constant"), e.getMessage());
    }
}
