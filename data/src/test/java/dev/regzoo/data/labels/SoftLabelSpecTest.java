package dev.regzoo.data.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SoftLabelSpecTest {

    private static String rejected(UnaryOperator<SoftLabelSpec.Builder> values) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> values.apply(SoftLabelSpec.builder()).build());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void valuesOutOfRangeAreRejectedNamingTheOptionTheValueAndTheRange() {
        assertEquals("--label-smoothing must be in [0, 1), got 1.0", rejected(b -> b.smoothing(1)));
        assertEquals("--label-smoothing must be in [0, 1), got -0.1", rejected(b -> b.smoothing(-0.1)));
        assertEquals("--label-smoothing must be in [0, 1), got NaN", rejected(b -> b.smoothing(Double.NaN)));
        assertEquals("--mixup must be a finite α >= 0 (0 = off), got -0.2", rejected(b -> b.mixup(-0.2)));
        assertEquals("--cutmix must be a finite α >= 0 (0 = off), got Infinity",
                rejected(b -> b.cutmix(Double.POSITIVE_INFINITY)));
        assertEquals("--mix-prob must be a probability in [0, 1], got 1.5", rejected(b -> b.mixProbability(1.5)));
        assertEquals("--switch-prob must be a probability in [0, 1], got -1.0",
                rejected(b -> b.switchProbability(-1)));
    }

    @Test
    void theDefaultsAreOffWithTimmsProbabilities() {
        SoftLabelSpec none = SoftLabelSpec.NONE;
        assertFalse(none.enabled());
        assertEquals(1, none.mixProbability());
        assertEquals(0.5, none.switchProbability());
        assertTrue(SoftLabelSpec.builder().smoothing(0.1).build().enabled());
        assertFalse(SoftLabelSpec.builder().smoothing(0.1).build().mixing());
        assertTrue(SoftLabelSpec.builder().cutmix(1).build().mixing());
        SoftLabelSpec all = SoftLabelSpec.builder().smoothing(0.1).mixup(0.2).cutmix(1).mixProbability(0.8)
                .switchProbability(0.3).build();
        assertEquals(all, all.toBuilder().build());
    }
}
