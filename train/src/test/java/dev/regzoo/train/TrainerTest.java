package dev.regzoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.recipes.EmaSpec;
import dev.regzoo.recipes.FashionSmallCnn;
import dev.regzoo.recipes.OptimizerSpec;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.ScheduleSpec;
import dev.regzoo.recipes.StoppingSpec;
import dev.regzoo.zoo.ModelFiles;
import dev.regzoo.zoo.RegularizationSpec;
import dev.regzoo.zoo.Shape;
import dev.regzoo.zoo.layers.DropBlock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    @TempDir
    Path dir;

    private Recipe tiny(OptimizerSpec optimizer, ScheduleSpec schedule, StoppingSpec stopping) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        TinyFashion.write(data, 300, 100);
        // No augmentation: the tiny classes are column positions, which a horizontal flip would swap.
        return FashionSmallCnn.recipe().toBuilder().dataDir(data).width(4).batchSize(32).optimizer(optimizer)
                .schedule(schedule).stopping(stopping).augmentation(AugmentationSpec.NONE).build();
    }

    /** Without BatchNorm (whose running statistics move even at a zero learning rate) nothing can improve. */
    private Recipe stuck(double lr, ScheduleSpec schedule, StoppingSpec stopping) throws IOException {
        Recipe recipe = tiny(new OptimizerSpec(OptimizerSpec.Kind.SGD, lr, 0), schedule, stopping);
        return recipe.toBuilder().regularization(RegularizationSpec.none()).build();
    }

    private static Trainer.Outcome run(Recipe recipe, Path out) {
        return Trainer.train(recipe, RunFolder.create(out), new PrintWriter(new StringWriter()));
    }

    @Test
    void learnsTheTinySetAndLeavesARunFolder() throws IOException {
        Recipe recipe = tiny(new OptimizerSpec(OptimizerSpec.Kind.ADAM, 1e-2, 0),
                new ScheduleSpec(ScheduleSpec.Kind.COSINE, 1, 1, 1, 0, 0, 1),
                new StoppingSpec(StoppingSpec.Monitor.VAL_ACCURACY, 5, 0, 4, 0));
        Path out = dir.resolve("run");
        Trainer.Outcome outcome = run(recipe, out);
        RunReport report = outcome.report();
        assertFalse(outcome.diverged());
        assertEquals(4, report.epochs().size());
        assertTrue(report.test().orElseThrow().accuracy() > 0.5, "test accuracy " + report.test().get().accuracy());
        for (String file : List.of("recipe.json", "metrics.json", "report.md", "curves.png", "bestModel.zip",
                "latestModel.zip")) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        assertTrue(Files.readString(out.resolve("report.md")).contains("Losses are the cross-entropy alone"),
                "weight decay only: the report says no penalty is in the losses");
        double first = report.epochs().get(0).learningRate();
        double last = report.epochs().get(3).learningRate();
        assertTrue(last < first, "cosine decays the learning rate: " + first + " -> " + last);
    }

    @Test
    void plateauLowersTheLearningRate() throws IOException {
        Recipe recipe = stuck(1e-9, new ScheduleSpec(ScheduleSpec.Kind.CONSTANT, 0, 1, 1, 0, 0.5, 1),
                new StoppingSpec(StoppingSpec.Monitor.VAL_LOSS, 10, 1e-3, 4, 0));
        List<EpochRecord> epochs = run(recipe, dir.resolve("plateau")).report().epochs();
        assertEquals(1e-9, epochs.get(0).learningRate(), 1e-15);
        assertEquals(1e-9, epochs.get(1).learningRate(), 1e-15, "epoch 2 does not improve: halved after it");
        assertEquals(5e-10, epochs.get(2).learningRate(), 1e-15);
        assertEquals(2.5e-10, epochs.get(3).learningRate(), 1e-15);
    }

    @Test
    void earlyStoppingEndsARunThatDoesNotImprove() throws IOException {
        Recipe recipe = stuck(1e-9, ScheduleSpec.CONSTANT, new StoppingSpec(StoppingSpec.Monitor.VAL_LOSS, 2, 1e-3,
                20, 0));
        RunReport report = run(recipe, dir.resolve("stuck")).report();
        assertEquals(3, report.epochs().size(), "the first epoch, then 2 without improvement");
        EpochRecord lowest = report.epochs().stream().min(java.util.Comparator.comparingDouble(EpochRecord::valLoss))
                .orElseThrow();
        assertEquals(lowest.epoch(), report.bestEpoch(), "the best model is the epoch with the lowest val loss "
                + "(min delta only decides when to stop)");
        assertTrue(report.termination().contains("ScoreImprovementEpochTerminationCondition"), report.termination());
    }

    @Test
    void anEmptySplitIsRejectedBeforeTraining() throws IOException {
        Recipe recipe = tiny(new OptimizerSpec(OptimizerSpec.Kind.ADAM, 1e-3, 0), ScheduleSpec.CONSTANT,
                new StoppingSpec(StoppingSpec.Monitor.VAL_LOSS, 5, 0, 2, 0)).toBuilder().trainLimit(10).build();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> run(recipe, dir.resolve("empty")));
        assertTrue(e.getMessage().contains("validation") && e.getMessage().contains("--train-limit"), e.getMessage());
    }

    @Test
    void dropBlockRampsOverThePlannedRunAndTheReportNamesTheRegularizers() throws IOException {
        Recipe recipe = tiny(new OptimizerSpec(OptimizerSpec.Kind.ADAM, 1e-2, 0), ScheduleSpec.CONSTANT,
                new StoppingSpec(StoppingSpec.Monitor.VAL_LOSS, 5, 0, 6, 0)).toBuilder()
                .regularization(r -> r.dropBlock(0.1).gradientClipNorm(2)).build();
        MultiLayerNetwork net = (MultiLayerNetwork) Trainer.buildModel(recipe, new Shape(1, 28, 28), 10, 9);
        DropBlock dropBlock = (DropBlock) net.getLayer("block2_1_conv").conf().getLayer().getIDropout();
        assertEquals(6 * 9, dropBlock.rampIterations(), "epochs x minibatches per epoch");
        String report = new RunReport(recipe, List.of(), 0, Double.NaN, "test", Optional.empty(), 0).markdown();
        assertTrue(report.contains("- Regularization: weight decay 5.0E-4, model's dropout, BatchNorm, DropBlock 0.1 "
                + "(block 3), gradient clipping at norm 2.0 per layer\n"), report);
    }

    @Test
    void aHugeLearningRateEndsAsDiverged() throws IOException {
        Recipe recipe = tiny(new OptimizerSpec(OptimizerSpec.Kind.SGD, 1e12, 0), ScheduleSpec.CONSTANT,
                new StoppingSpec(StoppingSpec.Monitor.VAL_LOSS, 5, 0, 5, 0));
        Trainer.Outcome outcome = run(recipe, dir.resolve("nan"));
        assertTrue(outcome.diverged());
        assertEquals(0, outcome.report().bestEpoch(), "no epoch produced a usable model");
        assertFalse(Files.exists(dir.resolve("nan").resolve(AtomicModelSaver.BEST)), "no untrained stand-in left");
        assertTrue(outcome.report().termination().contains("NaN or infinite"), outcome.report().termination());
    }

    @Test
    void aPausedRunContinuesAsOneThatWasNot() throws IOException {
        Recipe recipe = tiny(new OptimizerSpec(OptimizerSpec.Kind.ADAM, 1e-2, 0),
                new ScheduleSpec(ScheduleSpec.Kind.COSINE, 0, 1, 1, 0, 0, 1),
                new StoppingSpec(StoppingSpec.Monitor.VAL_ACCURACY, 5, 0, 3, 0))
                .toBuilder().regularization(RegularizationSpec.none()).build();
        List<EpochRecord> whole = run(recipe, dir.resolve("whole")).report().epochs();
        RunFolder paused = RunFolder.create(dir.resolve("paused"));
        PrintWriter quiet = new PrintWriter(new StringWriter());

        Trainer.Outcome first = Trainer.trainUntil(recipe, paused, quiet, 1);

        assertEquals(1, first.report().epochs().size());
        assertTrue(first.report().termination().contains("paused after epoch 1 of 3"), first.report().termination());
        assertTrue(first.report().test().isEmpty(), "a paused run is not evaluated on the test set yet");
        Trainer.Outcome rest = Trainer.trainUntil(recipe, paused, quiet, 3);
        List<EpochRecord> continued = rest.report().epochs();
        assertEquals(3, continued.size());
        assertTrue(rest.report().test().isPresent(), "the ended run is evaluated");
        for (int e = 0; e < 3; e++) {
            assertEquals(whole.get(e).learningRate(), continued.get(e).learningRate(), 1e-9,
                    "the cosine schedule spans the run's 3 epochs in both, epoch " + (e + 1));
            assertEquals(whole.get(e).valLoss(), continued.get(e).valLoss(), 1e-3, "epoch " + (e + 1));
        }
        assertEquals(3, Trainer.trainUntil(recipe, paused, quiet, 3).report().epochs().size(),
                "a run already at the epoch trains no more");
    }

    @Test
    void weightsThatTurnNaNWithAFiniteTrainingLossEndAsDivergedBeforeEvaluation() throws IOException {
        // lr 10,000: the training loss stays finite (~1e23) while the weights overflow, so DL4J's per-iteration
        // check sees nothing and evaluating the epoch used to throw "Cannot perform evaluation with NaNs present"
        Recipe recipe = tiny(new OptimizerSpec(OptimizerSpec.Kind.NESTEROV, 10_000, 0.9), ScheduleSpec.CONSTANT,
                new StoppingSpec(StoppingSpec.Monitor.VAL_ACCURACY, 5, 0, 2, 0));
        Path out = dir.resolve("overflow");
        Trainer.Outcome outcome = run(recipe.toBuilder().trainLimit(300).batchSize(128).build(), out);
        assertTrue(outcome.diverged());
        String termination = outcome.report().termination();
        assertTrue(termination.contains("DivergedEpochCondition") && termination.contains("lower the learning rate"),
                termination);
        assertEquals(0, outcome.report().bestEpoch(), "a NaN score is never the best");
        assertFalse(Files.exists(out.resolve(AtomicModelSaver.BEST)), "no untrained stand-in left");
        assertFalse(Files.exists(out.resolve(AtomicModelSaver.LATEST)), "no checkpoint of NaN weights to resume");
        assertTrue(Double.isNaN(outcome.report().epochs().get(0).valLoss()));
    }

    @Test
    void withSoftLabelsTheValidationLossIsTheHardLabelsOne() throws IOException {
        Recipe recipe = tiny(new OptimizerSpec(OptimizerSpec.Kind.ADAM, 1e-2, 0), ScheduleSpec.CONSTANT,
                new StoppingSpec(StoppingSpec.Monitor.VAL_LOSS, 5, 0, 1, 0)).toBuilder()
                .softLabels(l -> l.smoothing(0.3).mixup(0.4).cutmix(1)).build();
        Path out = dir.resolve("soft");
        RunReport report = run(recipe, out).report();
        double recorded = report.epochs().get(0).valLoss();
        assertEquals(recorded, hardLabelValidationLoss(recipe, out.resolve(AtomicModelSaver.BEST)), 1e-6);
        assertTrue(report.markdown().contains("label smoothing 0.3, mixup α 0.4, CutMix α 1.0"), report.markdown());
    }

    /** The validation loss of a saved model against the split's one-hot labels. */
    private static double hardLabelValidationLoss(Recipe recipe, Path model) {
        try (TrainingData data = TrainingData.prepare(recipe)) {
            return new ValidationScore<Model>(data.validation(), StoppingSpec.Monitor.VAL_LOSS)
                    .calculateScore(ModelFiles.load(model, false));
        }
    }

    @Test
    void withEmaTheAverageIsValidatedAndKeptAndAResumeContinuesIt() throws IOException {
        Recipe recipe = tiny(new OptimizerSpec(OptimizerSpec.Kind.ADAM, 1e-2, 0), ScheduleSpec.CONSTANT,
                new StoppingSpec(StoppingSpec.Monitor.VAL_LOSS, 5, 0, 1, 0)).toBuilder()
                .ema(e -> e.decay(0.9).warmup(10)).build();
        Path out = dir.resolve("ema");
        RunReport first = run(recipe, out).report();
        Path best = out.resolve(AtomicModelSaver.BEST);
        Path average = out.resolve(EmaWeights.FILE);
        Model ema = ModelFiles.load(average, false);
        assertEquals(ema.params(), ModelFiles.load(best, false).params(), "the best model is the average");
        assertFalse(ema.params().equals(ModelFiles.load(out.resolve(AtomicModelSaver.LATEST), false).params()),
                "the checkpoint is the trained network");
        assertEquals(first.epochs().get(0).valLoss(), hardLabelValidationLoss(recipe, best), 1e-6,
                "the average is what was validated");
        int steps = 9; // 270 training images in batches of 32
        assertTrue(ModelFiles.storedText(average, EmaWeights.STATE).orElseThrow().contains("\"updates\" : " + steps),
                "the average counts its updates");

        Recipe longer = recipe.toBuilder().stopping(s -> s.maxEpochs(2)).build();
        RunReport resumed = Trainer.resume(longer, RunFolder.create(out), new PrintWriter(new StringWriter()),
                Optional.empty()).report();
        assertEquals(2, resumed.epochs().size());
        assertTrue(ModelFiles.storedText(average, EmaWeights.STATE).orElseThrow()
                .contains("\"updates\" : " + 2 * steps), "the average went on counting its updates");
    }

    @Test
    void severalWorkersTrainWithoutTheRecipesEmaAndSaySo() throws IOException {
        Recipe recipe = tiny(new OptimizerSpec(OptimizerSpec.Kind.ADAM, 1e-2, 0), ScheduleSpec.CONSTANT,
                new StoppingSpec(StoppingSpec.Monitor.VAL_LOSS, 5, 0, 1, 0)).toBuilder().ema(e -> e.decay(0.99))
                .build();
        StringWriter note = new StringWriter();

        assertEquals(recipe, Trainer.forWorkers(recipe, 1, new PrintWriter(note)), "one worker keeps it");
        assertEquals("", note.toString());
        Recipe parallel = Trainer.forWorkers(recipe, 2, new PrintWriter(note));

        assertEquals(EmaSpec.OFF, parallel.ema());
        assertEquals(recipe, parallel.toBuilder().ema(recipe.ema()).build(), "only the EMA is left out");
        assertTrue(note.toString().startsWith("Note: " + recipe.name() + " trains without its EMA of the weights "
                + "(decay 0.99) on 2 ParallelWrapper workers"), note.toString());
    }
}
