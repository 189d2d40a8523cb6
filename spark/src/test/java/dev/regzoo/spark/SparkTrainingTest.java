package dev.regzoo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.recipes.FashionSmallCnn;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.StoppingSpec;
import dev.regzoo.train.DataExport;
import dev.regzoo.train.RunFolder;
import dev.regzoo.train.RunReport;
import dev.regzoo.train.TinyFashion;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark job's early stopping is the local trainers' ({@code EarlyStopping}), time limit included. */
class SparkTrainingTest {

    @TempDir
    Path dir;

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
            RunReport report = SparkTraining.run(sc, recipe, ExportedData.open(export), RunFolder.create(out), 2,
                    Optional.empty(), new PrintWriter(new StringWriter()));
            assertTrue(report.termination().contains("MaxTimeIterationTerminationCondition"), report.termination());
            assertEquals(0, report.epochs().size(), "60 ms end the run in its first epoch");
            assertTrue(Files.isRegularFile(out.resolve("report.md")), "the run folder is written");
        }
    }
}
