package dev.regzoo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.recipes.FashionSmallCnn;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.TinyFashion;
import dev.regzoo.recipes.train.AtomicModelSaver;
import dev.regzoo.recipes.train.DataExport;
import dev.regzoo.recipes.train.ExportManifest;
import dev.regzoo.recipes.train.ModelManifest;
import dev.regzoo.recipes.train.SavedModels;
import dev.regzoo.recipes.train.TrainingUi;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine;

class SparkTrainTest {

    @TempDir
    static Path dir;
    static Path export;

    /** The tiny Fashion-shaped set (see {@link TinyFashion}), exported as regzoo data export does. */
    @BeforeAll
    static void exportTinyData() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        TinyFashion.write(data, 1000, 100);
        Recipe recipe = FashionSmallCnn.recipe().toBuilder().dataDir(data).batchSize(32).build();
        export = dir.resolve("export");
        DataExport.write(recipe, export);
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SparkTrain.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void localSparkTrainsBeyondTheUntrainedModelAndSavesALoadableModel() throws Exception {
        Path out = dir.resolve("run");
        Run run = run("fashion-smallcnn", "--data", export.toString(), "--out", out.toString(), "--master",
                "local[2]", "--epochs", "3", "--averaging-frequency", "2");
        assertEquals(0, run.code(), run.err() + run.out());
        for (String file : List.of("recipe.json", "metrics.json", "report.md", "curves.png", AtomicModelSaver.BEST,
                AtomicModelSaver.LATEST, TrainingUi.STATS_FILE)) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        Path best = out.resolve(AtomicModelSaver.BEST);
        MultiLayerNetwork trained = (MultiLayerNetwork) SavedModels.load(best, false);
        assertNotNull(ModelSerializer.restoreNormalizerFromFile(best.toFile()), "normalizer in " + best);
        assertEquals(10, ModelManifest.readFrom(best.toFile()).classes().size());

        MultiLayerNetwork untrained = new MultiLayerNetwork(trained.getLayerWiseConfigurations().clone());
        untrained.init(); // the same seeded initialisation the Spark run started from
        double before = accuracy(untrained);
        double after = accuracy(trained);
        assertTrue(after > before + 0.2, "validation accuracy " + before + " untrained -> " + after + " trained");
    }

    private static double accuracy(MultiLayerNetwork net) {
        Evaluation eval = new Evaluation();
        for (String file : ExportManifest.read(export).files(ExportManifest.VALIDATION)) {
            DataSet batch = new DataSet();
            batch.load(export.resolve(file).toFile());
            eval.eval(batch.getLabels(), net.output(batch.getFeatures()));
        }
        return eval.accuracy();
    }

    @Test
    void anUnreachableMasterFailsClearlyAndQuickly() {
        Run run = run("fashion-smallcnn", "--data", export.toString(), "--out", dir.resolve("nowhere").toString(),
                "--master", "spark://127.0.0.1:1", "--connect-timeout", "2");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("cannot reach the Spark master spark://127.0.0.1:1"), run.err());
    }

    @Test
    void anExportWithMissingFilesIsRejectedBeforeSparkStarts() throws IOException {
        Path broken = dir.resolve("broken");
        Files.createDirectories(broken.resolve(ExportManifest.TRAIN));
        Files.copy(export.resolve(ExportManifest.FILE), broken.resolve(ExportManifest.FILE));
        Run run = run("fashion-smallcnn", "--data", broken.toString(), "--out", dir.resolve("x").toString(),
                "--master", "local[2]");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("is incomplete") && run.err().contains("normalizer.bin")
                && run.err().contains("train/batch-00000.bin"), run.err());

        Run none = run("fashion-smallcnn", "--data", dir.resolve("absent").toString(), "--out",
                dir.resolve("y").toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("not a regzoo data export"), none.err());
    }
}
