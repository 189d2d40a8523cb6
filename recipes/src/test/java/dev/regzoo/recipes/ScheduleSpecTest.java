package dev.regzoo.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.schedule.ISchedule;

class ScheduleSpecTest {

    @Test
    void cosineWarmsUpLinearlyThenDecaysToTheMinimum() {
        ISchedule s = ScheduleSpec.cosine().warmupEpochs(1).build().toSchedule(0.1, 4, 10);
        assertEquals(0.01, s.valueAt(0, 0), 1e-12, "first warm-up step");
        assertEquals(0.1, s.valueAt(9, 0), 1e-12, "end of warm-up");
        assertEquals(0.05, s.valueAt(25, 2), 1e-12, "half way through the decay");
        assertEquals(0.0, s.valueAt(40, 4), 1e-12);
    }

    @Test
    void warmUpIsShortenedWhenTheRunIsShorter() {
        ISchedule oneEpoch = ScheduleSpec.cosine().warmupEpochs(1).build().toSchedule(0.1, 1, 5);
        assertEquals(0.1, oneEpoch.valueAt(0, 0), 1e-12, "no warm-up left: decay from the start");
        assertTrue(oneEpoch.valueAt(4, 0) < 0.1);
    }

    @Test
    void stepAndExponentialCountIterationsSoThatResumingContinuesThem() {
        ISchedule step = ScheduleSpec.step().stepEpochs(2).gamma(0.5).build().toSchedule(0.1, 10, 10);
        assertEquals(0.1, step.valueAt(19, 0), 1e-12);
        assertEquals(0.05, step.valueAt(20, 0), 1e-12, "epoch 2 by iterations, whatever the epoch counter says");
        ISchedule exp = ScheduleSpec.exponential().gamma(0.5).build().toSchedule(0.1, 10, 10);
        assertEquals(0.05, exp.valueAt(10, 0), 1e-12, "one epoch: × gamma");
    }

    @Test
    void plateauNeedsAConstantSchedule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScheduleSpec.cosine().plateauFactor(0.5).plateauPatience(2).build());
        assertTrue(e.getMessage().contains("constant"), e.getMessage());
        assertTrue(ScheduleSpec.constant().plateauFactor(0.5).build().plateau());
    }

    @Test
    void eachEpochCountIsCheckedWithItsOwnName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.cosine().warmupEpochs(-1).build())
                .getMessage().startsWith("warmup epochs must be >= 0, got -1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.step().stepEpochs(0).build())
                .getMessage().startsWith("lr step epochs must be at least 1, got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.constant().plateauPatience(0)
                .build()).getMessage().startsWith("plateau patience must be at least 1 epoch, got 0"));
    }

    @Test
    void toBuilderKeepsEveryValue() {
        ScheduleSpec step = ScheduleSpec.step().stepEpochs(3).gamma(0.5).minLr(1e-4).build();
        assertEquals(step, step.toBuilder().build());
        ScheduleSpec exponential = step.toBuilder().kind(ScheduleSpec.Kind.EXPONENTIAL).build();
        assertEquals(ScheduleSpec.Kind.EXPONENTIAL, exponential.kind());
        assertEquals(step.gamma(), exponential.gamma());
    }
}
