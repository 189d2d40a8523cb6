package dev.regzoo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.recipes.FashionSmallCnn;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.StoppingSpec;
import dev.regzoo.train.DataExport;
import dev.regzoo.train.EpochRecord;
import dev.regzoo.train.RunReport;
import dev.regzoo.train.TinyFashion;
import dev.regzoo.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark job's early stopping is the local trainers' ({@code EarlyStopping}), time limit included. */
class SparkTrainingTest {

    private static final Configuration HADOOP = new Configuration();

    @TempDir
    Path dir;

    private static ExportedData open(Path export) {
        return ExportedData.open(export.toString(), HADOOP);
    }

    @Test
    void theRecipesTimeLimitStopsASparkRun() throws IOException {
        Path data = TinyFashion.write(Files.createDirectories(dir.resolve("data")), 300, 50);
        Recipe recipe = FashionSmallCnn.recipe().toBuilder().dataDir(data).batchSize(32)
                .stopping(new StoppingSpec(StoppingSpec.Monitor.VAL_LOSS, 100, 0, 100, 0.001)).build();
        Path export = dir.resolve("export");
        DataExport.write(recipe, export);
        Path out = dir.resolve("run");
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("regzoo time limit");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            RunReport report = SparkTraining.run(sc, recipe, open(export), RunOutput.open("--out", out.toString(), HADOOP), 2,
                    Optional.empty(), new PrintWriter(new StringWriter())).report();
            assertTrue(report.termination().contains("MaxTimeIterationTerminationCondition"), report.termination());
            assertEquals(0, report.epochs().size(), "60 ms end the run in its first epoch");
            assertTrue(Files.isRegularFile(out.resolve("report.md")), "the run folder is written");
        }
    }

    /** The cosine schedule is half-way after the first of two epochs and at its end after the second, as locally. */
    @Test
    void theLearningRateScheduleFollowsTheEpochsOnSpark() throws IOException {
        Path data = TinyFashion.write(Files.createDirectories(dir.resolve("data")), 400, 50);
        double lr = 0.05;
        Recipe recipe = FashionSmallCnn.recipe().toBuilder().dataDir(data).width(4).batchSize(16)
                .augmentation(AugmentationSpec.NONE).optimizer(o -> o.learningRate(lr))
                .schedule(s -> s.warmupEpochs(0).minLr(0))
                .stopping(new StoppingSpec(StoppingSpec.Monitor.VAL_LOSS, 100, 0, 2, 0)).build();
        Path export = dir.resolve("export");
        DataExport.write(recipe, export);
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("regzoo schedule");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            List<EpochRecord> epochs = SparkTraining.run(sc, recipe, open(export),
                    RunOutput.open("--out", dir.resolve("run").toString(), HADOOP), 2, Optional.empty(),
                    new PrintWriter(new StringWriter())).report().epochs();
            assertEquals(lr / 2, epochs.get(0).learningRate(), lr * 0.02, "half-way: " + epochs);
            assertEquals(0, epochs.get(1).learningRate(), lr * 0.02, "at the end: " + epochs);
        }
    }

    /** Weights that overflow while the averaged loss stays finite end the run as diverged, not in evaluation. */
    @Test
    void weightsThatTurnNaNEndASparkRunAsDiverged() throws IOException {
        Path data = TinyFashion.write(Files.createDirectories(dir.resolve("data")), 300, 50);
        Recipe recipe = FashionSmallCnn.recipe().toBuilder().dataDir(data).width(4).batchSize(128)
                .augmentation(AugmentationSpec.NONE).optimizer(o -> o.learningRate(10_000))
                .stopping(new StoppingSpec(StoppingSpec.Monitor.VAL_ACCURACY, 5, 0, 2, 0)).build();
        Path export = dir.resolve("export");
        DataExport.write(recipe, export);
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("regzoo divergence");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            Trainer.Outcome outcome = SparkTraining.run(sc, recipe, open(export),
                    RunOutput.open("--out", dir.resolve("run").toString(), HADOOP), 1, Optional.empty(), new PrintWriter(new StringWriter()));
            assertTrue(outcome.diverged(), outcome.report().termination());
            assertTrue(outcome.report().termination().contains("lower the learning rate"));
            List<EpochRecord> epochs = outcome.report().epochs();
            assertTrue(Double.isNaN(epochs.get(epochs.size() - 1).valLoss()), "the diverged epoch: " + epochs);
            assertTrue(outcome.report().bestEpoch() < epochs.size(), "is not the best one");
        }
    }
}
