package dev.regzoo.zoo.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.zoo.RegularizationSpec;
import dev.regzoo.zoo.SavedInMemory;
import dev.regzoo.zoo.SmallCnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** The cosine schedule's values, its equality, and Adam with it trained on after a save and load. */
class WarmupCosineScheduleTest {

    @Test
    void warmsUpLinearlyThenDecaysToTheMinimum() {
        WarmupCosineSchedule s = new WarmupCosineSchedule(0.1, 0.001, 10, 110);
        assertEquals(0.01, s.valueAt(0, 0), 1e-12);
        assertEquals(0.1, s.valueAt(9, 0), 1e-12);
        assertEquals(0.1, s.valueAt(10, 0), 1e-12);
        assertEquals(0.0505, s.valueAt(60, 0), 1e-12, "half way: the mean of base and minimum");
        assertEquals(0.001, s.valueAt(110, 0), 1e-12);
        assertEquals(0.001, s.valueAt(500, 0), 1e-12);
    }

    @Test
    void equalSettingsAreEqualSchedules() {
        WarmupCosineSchedule s = new WarmupCosineSchedule(0.1, 0, 2, 20);
        assertEquals(s, new WarmupCosineSchedule(0.1, 0, 2, 20));
        assertEquals(s.hashCode(), new WarmupCosineSchedule(0.1, 0, 2, 20).hashCode());
        assertEquals(s, s.clone());
        assertNotEquals(s, new WarmupCosineSchedule(0.1, 0, 3, 20));
        assertNotEquals(s, new WarmupCosineSchedule(0.2, 0, 2, 20));
    }

    /**
     * DL4J puts layers with equal updaters into one updater block, whose Adam state is all first moments, then all
     * second ones; a reloaded network must split the saved state the same way to train on as the original does.
     */
    @Test
    void adamWithTheScheduleTrainsOnAfterASaveAndLoadAsTheOriginal() {
        MultiLayerNetwork net = SmallCnn.builder().inputShape(1, 8, 8).classes(10).width(4)
                .regularization(RegularizationSpec.none())
                .updater(new Adam(new WarmupCosineSchedule(1e-2, 0, 0, 30))).build().init();
        Nd4j.getRandom().setSeed(1);
        DataSet batch = new DataSet(Nd4j.rand(DataType.FLOAT, 16, 1, 8, 8),
                Nd4j.eye(10).getRows(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5).castTo(DataType.FLOAT));
        for (int i = 0; i < 5; i++) {
            net.fit(batch);
        }
        MultiLayerNetwork reloaded = SavedInMemory.reload(net);
        for (int i = 0; i < 3; i++) {
            net.fit(batch);
            reloaded.fit(batch);
            assertTrue(Double.isFinite(reloaded.score()), "step " + i + ": " + reloaded.score());
            assertEquals(net.score(), reloaded.score(), 1e-5, "step " + i);
        }
    }
}
