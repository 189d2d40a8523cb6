package dev.regzoo.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Benchmark names: every zoo model, at its default width or at wWIDTH. */
class BenchModelTest {

    @Test
    void aZooNameIsTheModelAtItsDefaultWidth() {
        assertEquals(new BenchModel("wrn16_4", "wrn16_4", null), BenchModel.of("wrn16_4"));
        assertEquals(new BenchModel("smallcnn", "smallcnn", null), BenchModel.of(" SmallCnn "));
    }

    @Test
    void aTrailingWidthSetsTheWidth() {
        assertEquals(new BenchModel("resnet18w16", "resnet18", 16), BenchModel.of("resnet18w16"));
        assertEquals(new BenchModel("preact_resnet18w16", "preact_resnet18", 16), BenchModel.of("preact_resnet18w16"));
        assertEquals(new BenchModel("wrn16_4w32", "wrn16_4", 32), BenchModel.of("wrn16_4w32"));
    }

    @Test
    void anUnknownModelIsRejectedWithTheZoosNames() {
        for (String bad : new String[] {"vgg99", "resnet99w16", "resnet18w0", "resnet18w"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchModel.of(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("wrn28_10"), e.getMessage());
        }
    }
}
