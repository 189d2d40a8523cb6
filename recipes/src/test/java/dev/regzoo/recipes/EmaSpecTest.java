package dev.regzoo.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EmaSpecTest {

    @Test
    void decaysOutsideTheOpenUnitIntervalAreRejectedExceptZeroForOff() {
        for (double bad : new double[] {1, 1.5, -0.1, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> EmaSpec.builder().decay(bad).build());
            assertEquals("--ema-decay must be in (0, 1), or 0 for no EMA, got " + bad, e.getMessage());
        }
        assertEquals("--ema-warmup must be >= 0 (0 = no warm-up), got -1", assertThrows(
                IllegalArgumentException.class, () -> EmaSpec.builder().warmup(-1).build()).getMessage());
        assertFalse(EmaSpec.OFF.enabled());
        assertTrue(EmaSpec.builder().decay(0.999).build().enabled());
    }

    @Test
    void theWarmUpIsTensorFlowsNumUpdatesForm() {
        EmaSpec ema = EmaSpec.builder().decay(0.999).build();
        assertEquals(10, ema.warmup());
        assertEquals(0.1, ema.decayAfter(0), 1e-15, "(1 + 0)/(10 + 0)");
        assertEquals(2.0 / 11, ema.decayAfter(1), 1e-15);
        assertEquals(1000.0 / 1009, ema.decayAfter(999), 1e-15, "still below 0.999 after 1,000 steps");
        assertEquals(0.999, ema.decayAfter(9000), 1e-15, "reached after (10·0.999 − 1)/0.001 ≈ 8,990 steps");
        EmaSpec plain = ema.toBuilder().warmup(0).build();
        assertEquals(0.999, plain.decayAfter(0), 1e-15, "no warm-up: the decay from the first step");
        assertEquals(0.999, plain.decayAfter(5), 1e-15);
    }
}
