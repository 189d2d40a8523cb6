package dev.regzoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.recipes.FashionSmallCnn;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.StoppingSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metrics.json as RunReport writes it, read back by RunMetrics. */
class RunMetricsTest {

    private static final List<EpochRecord> EPOCHS = List.of(
            new EpochRecord(1, 1.25, 0.9, 0.61, 0.05, 3.5, 170.25),
            new EpochRecord(2, 0.8, 0.7, 0.74, 0.04, 3.25, 182.5),
            new EpochRecord(3, 0.6, 0.75, 0.73, 0.03, 3.0, 190.0));

    @TempDir
    Path dir;

    private RunMetrics written(String termination, int bestEpoch, List<EpochRecord> epochs) {
        return written(FashionSmallCnn.recipe(), termination, bestEpoch, epochs);
    }

    private RunMetrics written(Recipe recipe, String termination, int bestEpoch, List<EpochRecord> epochs) {
        new RunReport(recipe, epochs, bestEpoch, 0.7, termination, Optional.empty(), 9.75)
                .writeMetrics(RunFolder.create(dir));
        return RunMetrics.read(dir).orElseThrow();
    }

    @Test
    void readsBackWhatTheReportWrote() {
        RunMetrics m = written("EpochTerminationCondition: " + RunEpochLimit.NAME + "(3)", 2, EPOCHS);
        assertEquals(EPOCHS, m.epochs());
        assertEquals(FashionSmallCnn.recipe().name(), m.recipe());
        assertEquals(FashionSmallCnn.recipe().stopping().monitor(), m.monitor());
        assertEquals(2, m.bestEpoch());
        assertEquals(9.75, m.seconds());
        assertTrue(m.testAccuracy().isEmpty());
    }

    @Test
    void aDivergedRunsNanLossReadsAsNan() {
        List<EpochRecord> nan = List.of(new EpochRecord(1, Double.NaN, Double.NaN, 0.1, 0.05, 1, 10));
        RunMetrics m = written(EarlyStopping.DIVERGED + ": the training loss became NaN", 0, nan);
        assertTrue(Double.isNaN(m.epochs().get(0).trainLoss()));
        assertEquals(Optional.of(RunMetrics.Ending.DIVERGED), m.ending());
    }

    @Test
    void theTerminationSaysHowTheRunEnded() {
        assertEquals(Optional.empty(), written(RunMetrics.RUNNING, 0, EPOCHS).ending());
        assertEquals(Optional.of(RunMetrics.Ending.FINISHED),
                written(RunEpochLimit.NAME + ": all epochs were already done", 2, EPOCHS).ending());
        assertEquals(Optional.of(RunMetrics.Ending.STOPPED_EARLY),
                written("EpochTerminationCondition: ContinuedImprovementCondition(patience 1)", 2, EPOCHS).ending());
        assertEquals(Optional.of(RunMetrics.Ending.STOPPED_EARLY),
                written("IterationTerminationCondition: MaxTimeIterationTerminationCondition", 2, EPOCHS).ending());
    }

    @Test
    void whileRunningTheBestEpochIsTheBestSoFarByTheMonitor() {
        // EPOCHS with epoch 3's accuracy raised above epoch 2's: the lowest loss and the highest accuracy disagree
        List<EpochRecord> disagreeing = List.of(EPOCHS.get(0), EPOCHS.get(1),
                new EpochRecord(3, 0.6, 0.75, 0.76, 0.03, 3.0, 190.0));
        assertEquals(2, written(watching(StoppingSpec.Monitor.VAL_LOSS), RunMetrics.RUNNING, 0, disagreeing)
                .bestEpochSoFar(), "lowest validation loss");
        assertEquals(3, written(watching(StoppingSpec.Monitor.VAL_ACCURACY), RunMetrics.RUNNING, 0, disagreeing)
                .bestEpochSoFar(), "highest validation accuracy");
        assertEquals(3, written(RunEpochLimit.NAME + "(3)", 3, EPOCHS).bestEpochSoFar(), "the saved one once ended");
    }

    private static Recipe watching(StoppingSpec.Monitor monitor) {
        return FashionSmallCnn.recipe().toBuilder().stopping(s -> s.monitor(monitor)).build();
    }

    @Test
    void noMetricsYetIsEmptyAndADamagedFileIsNamed() throws Exception {
        assertEquals(Optional.empty(), RunMetrics.read(dir));
        for (String damaged : List.of("{\"epochs\": [", "[]", "{\"recipe\": \"x\"}",
                "{\"recipe\": \"x\", \"monitor\": \"val_loss\", \"best_epoch\": 0, \"best_score\": 0, "
                        + "\"termination\": \"running\", \"seconds\": 1, \"epochs\": [{\"epoch\": 1, "
                        + "\"train_loss\": \"fast\"}]}")) {
            Files.writeString(dir.resolve(RunMetrics.FILE), damaged);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunMetrics.read(dir),
                    damaged);
            assertTrue(e.getMessage().startsWith(dir.resolve(RunMetrics.FILE) + ": cannot be read"), e.getMessage());
        }
    }
}
