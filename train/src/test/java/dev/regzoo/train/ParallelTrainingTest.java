package dev.regzoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.recipes.FashionSmallCnn;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.ScheduleSpec;
import dev.regzoo.recipes.StoppingSpec;
import dev.regzoo.zoo.ModelManifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelTrainingTest {

    @TempDir
    Path dir;

    private Recipe tiny() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        TinyFashion.write(data, 1000, 100);
        // The recipe's own Nesterov; Adam with a warm-up diverges under DL4J's ParallelWrapper (docs/scale-out.md).
        return FashionSmallCnn.recipe().toBuilder().dataDir(data).width(4).batchSize(32)
                .schedule(new ScheduleSpec(ScheduleSpec.Kind.COSINE, 1, 1, 1, 0, 0, 1))
                .stopping(new StoppingSpec(StoppingSpec.Monitor.VAL_ACCURACY, 5, 0, 4, 0))
                .augmentation(AugmentationSpec.NONE).build();
    }

    private static Trainer.Outcome run(Recipe recipe, Path out, int workers) {
        return Trainer.train(recipe, RunFolder.create(out), new PrintWriter(new StringWriter()), Optional.empty(),
                workers);
    }

    @Test
    void twoWorkersLearnAndLeaveTheSameRunFolderAsOne() throws Exception {
        Recipe recipe = tiny();
        Path out = dir.resolve("parallel");
        Trainer.Outcome parallel = run(recipe, out, 2);
        RunReport report = parallel.report();
        assertFalse(parallel.diverged());
        assertEquals(4, report.epochs().size());
        double bestValidation = report.epochs().stream().mapToDouble(EpochRecord::valAccuracy).max().orElse(0);
        assertTrue(bestValidation >= 0.5, "10 classes, chance is 0.1; best validation accuracy " + bestValidation);
        // The saved best model is the best-scoring epoch's: DL4J's parallel trainer alone would keep the first
        // epoch's when the monitor is an accuracy (it scored 0.1-0.6 here while validation reached 1.0).
        double test = report.test().orElseThrow().accuracy();
        assertTrue(test >= bestValidation - 0.2, "test accuracy " + test + " of the model that scored "
                + bestValidation + " on validation");
        for (String file : List.of("recipe.json", "metrics.json", "report.md", "curves.png", "bestModel.zip",
                "latestModel.zip", TrainingUi.STATS_FILE)) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        Path best = out.resolve(AtomicModelSaver.BEST);
        assertNotNull(ModelSerializer.restoreNormalizerFromFile(best.toFile()), "normalizer in " + best);
        assertEquals(10, ModelManifest.readFrom(best).classes().size(), "manifest in " + best);
        assertTrue(report.epochs().stream().allMatch(e -> e.imagesPerSecond() > 0 && e.trainLoss() > 0),
                "every worker's iterations are counted: " + report.epochs());

        List<EpochRecord> single = run(recipe, dir.resolve("single"), 1).report().epochs();
        for (int i = 0; i < single.size(); i++) {
            assertEquals(single.get(i).learningRate(), report.epochs().get(i).learningRate(), 1e-9,
                    "each replica sees half the batches, yet the schedule keeps to epochs (epoch " + (i + 1) + ")");
        }
    }

    @Test
    void zeroOrNegativeWorkersAreRejected() throws IOException {
        Recipe recipe = tiny();
        for (int workers : new int[] {0, -2}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> run(recipe, dir.resolve("bad"), workers));
            assertTrue(e.getMessage().contains("--workers") && e.getMessage().contains("got " + workers),
                    e.getMessage());
        }
    }

    @Test
    void weightsThatTurnNaNEndTheParallelRunAsDiverged() throws IOException {
        Recipe recipe = tiny().toBuilder().trainLimit(300).optimizer(o -> o.learningRate(10_000)).build();
        Trainer.Outcome outcome = run(recipe, dir.resolve("nan"), 2);
        assertTrue(outcome.diverged(), outcome.report().termination());
        assertEquals(0, outcome.report().bestEpoch());
    }
}
