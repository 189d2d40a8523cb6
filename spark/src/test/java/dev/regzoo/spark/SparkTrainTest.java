package dev.regzoo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.regzoo.cli.RegzooCli;
import dev.regzoo.recipes.FashionSmallCnn;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.RecipeFiles;
import dev.regzoo.train.AtomicModelSaver;
import dev.regzoo.train.DataExport;
import dev.regzoo.train.ExportManifest;
import dev.regzoo.train.TinyFashion;
import dev.regzoo.train.TrainingUi;
import dev.regzoo.zoo.ModelFiles;
import dev.regzoo.zoo.ModelManifest;
import dev.regzoo.zoo.Shape;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

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

    private static SparkCli.Result run(String... args) {
        return SparkCli.run(args);
    }

    @Test
    void localSparkTrainsBeyondTheUntrainedModelAndSavesALoadableModel() throws Exception {
        Path out = dir.resolve("run");
        TrainingUi ui = TrainingUi.start(9100);
        InMemoryStatsStorage live = new InMemoryStatsStorage();
        ui.receiveRemote(live);
        SparkCli.Result run;
        try {
            run = run("fashion-smallcnn", "--data", export.toString(), "--out", out.toString(), "--master",
                    "local[2]", "--epochs", "3", "--averaging-frequency", "2", "--ui-url",
                    "http://localhost:" + ui.port(), "--l2", "0.0002", "--patience", "4");
            assertEquals(0, run.code(), run.err() + run.out());
            assertTrue(receivesUpdates(live, Duration.ofSeconds(30)),
                    "the live UI got the workers' statistics: sessions " + live.listSessionIDs());
        } finally {
            ui.stop();
        }
        for (String file : List.of("recipe.json", "metrics.json", "report.md", "curves.png", AtomicModelSaver.BEST,
                AtomicModelSaver.LATEST, TrainingUi.STATS_FILE)) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        JsonNode recipe = new ObjectMapper().readTree(out.resolve("recipe.json").toFile());
        assertEquals(0.0002, recipe.findValue("l2").asDouble(), "--l2 as in regzoo train: " + recipe);
        assertEquals(4, recipe.findValue("patience").asInt(), recipe.toString());
        assertEquals(3, recipe.findValue("maxEpochs").asInt(), recipe.toString());
        JsonNode epochs = new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).get("epochs");
        assertEquals(3, epochs.size());
        for (JsonNode epoch : epochs) {
            double loss = epoch.get("train_loss").asDouble();
            assertTrue(loss > 0 && Double.isFinite(loss), "the master's averaged training loss: " + epoch);
        }
        Path best = out.resolve(AtomicModelSaver.BEST);
        MultiLayerNetwork trained = (MultiLayerNetwork) ModelFiles.load(best, false);
        assertNotNull(ModelSerializer.restoreNormalizerFromFile(best.toFile()), "normalizer in " + best);
        assertEquals(10, ModelManifest.readFrom(best).classes().size());

        MultiLayerNetwork untrained = new MultiLayerNetwork(trained.getLayerWiseConfigurations().clone());
        untrained.init(); // the same seeded initialisation the Spark run started from
        double before = accuracy(untrained);
        double after = accuracy(trained);
        assertTrue(after > before + 0.2, "validation accuracy " + before + " untrained -> " + after + " trained");
    }

    @Test
    void aComputationGraphRecipeTrainsOnSparkAndSavesALoadableBestModel() throws Exception {
        Path out = dir.resolve("graph");
        SparkCli.Result run = run("fashion-wrn16-2", "--data", export.toString(), "--out", out.toString(), "--master",
                "local[2]", "--epochs", "2", "--width", "4");
        assertEquals(0, run.code(), run.err() + run.out());
        JsonNode epochs = new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).get("epochs");
        assertEquals(2, epochs.size());
        // the graph's learning rate is read: warmed up after epoch 1, at the cosine's end (0) after the last
        assertTrue(epochs.get(0).get("lr").asDouble() > 0, "the graph's learning rate: " + epochs.get(0));
        assertEquals(0, epochs.get(1).get("lr").asDouble(), 1e-6, "the graph's learning rate: " + epochs.get(1));
        for (JsonNode epoch : epochs) {
            double loss = epoch.get("train_loss").asDouble();
            assertTrue(loss > 0 && Double.isFinite(loss), "the master's averaged training loss: " + epoch);
        }
        Path best = out.resolve(AtomicModelSaver.BEST);
        ComputationGraph trained = (ComputationGraph) ModelFiles.load(best, false);
        DataSet batch = new DataSet();
        batch.load(export.resolve(ExportManifest.read(export).files(ExportManifest.VALIDATION).get(0)).toFile());
        assertEquals(10, trained.outputSingle(batch.getFeatures()).size(1), "the saved graph predicts 10 classes");
        assertNotNull(ModelSerializer.restoreNormalizerFromFile(best.toFile()), "normalizer in " + best);
        assertEquals(10, ModelManifest.readFrom(best).classes().size());
        assertTrue(Files.size(out.resolve(TrainingUi.STATS_FILE)) > 0, "the workers' statistics");
        assertTrue(run.out().contains("test accuracy"), run.out());
    }

    /** Whether {@code storage} holds a session with training updates within {@code timeout} (posts are async). */
    private static boolean receivesUpdates(StatsStorage storage, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            for (String session : storage.listSessionIDs()) {
                for (String type : storage.listTypeIDsForSession(session)) {
                    for (String worker : storage.listWorkerIDsForSessionAndType(session, type)) {
                        if (storage.getNumUpdateRecordsFor(session, type, worker) > 0) {
                            return true;
                        }
                    }
                }
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return false;
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
    void takesRegzooTrainsOwnOptionsExceptTheDataAndLocalRunOnes() {
        CommandSpec train = RegzooCli.commandLine().getSubcommands().get("train").getCommandSpec();
        CommandSpec spark = SparkTrain.commandLine().getCommandSpec();
        Set<String> local = Set.of("--resume", "--workers", "--ui", "--port", "--host", "--help", "--version");
        List<OptionSpec> shared = train.options().stream()
                .filter(o -> !local.contains(o.longestName()))
                .filter(o -> o.group() == null || !o.group().heading().contains("Data"))
                .toList();
        assertTrue(shared.size() >= 25, "model, regularization, optimizer, schedule, stopping, seed, out: " + shared);
        for (OptionSpec option : shared) {
            OptionSpec same = spark.findOption(option.longestName());
            assertNotNull(same, option.longestName() + " missing from the Spark job");
            assertEquals(List.of(option.description()), List.of(same.description()), option.longestName());
            assertEquals(heading(option), heading(same), option.longestName());
        }
        assertNull(spark.findOption("--train-limit"), "the export fixes the data");
    }

    /** The heading of the option's group, or null for an option outside the groups (the recipe's name or file). */
    private static String heading(OptionSpec option) {
        return option.group() == null ? null : option.group().heading();
    }

    @Test
    void badOptionsAreRefusedBeforeSparkStarts() {
        Path out = dir.resolve("refused");
        SparkCli.Result noOut = run("fashion-smallcnn", "--data", export.toString());
        assertEquals(2, noOut.code(), noOut.err());
        assertTrue(noOut.err().contains("--out DIR is required"), noOut.err());
        SparkCli.Result badValue = run("fashion-smallcnn", "--data", export.toString(), "--out", out.toString(), "--dropout",
                "1.5");
        assertEquals(2, badValue.code(), badValue.err());
        assertTrue(badValue.err().contains("1.5"), badValue.err());
        SparkCli.Result ema = run("fashion-smallcnn", "--data", export.toString(), "--out", out.toString(), "--ema-decay",
                "0.99");
        assertEquals(2, ema.code(), ema.err());
        assertTrue(ema.err().contains("--ema-decay needs one worker"), ema.err());
        assertFalse(Files.exists(out), "no run folder for a job that cannot start");
    }

    @Test
    void anExportForAnotherInputShapeOrOfAnOlderRegzooIsRefusedBeforeSparkStarts() throws IOException {
        Path out = dir.resolve("misfit");
        Path recipeFile = dir.resolve("wider-input.json");
        RecipeFiles.write(FashionSmallCnn.recipe().toBuilder().input(new Shape(1, 10, 10)).build(), recipeFile);
        SparkCli.Result shape = run("--recipe", recipeFile.toString(), "--data", export.toString(), "--out", out.toString());
        assertEquals(2, shape.code(), shape.err());
        assertTrue(shape.err().contains("takes input 1x10x10, the export in " + export + " holds images of 1x8x8"),
                shape.err());
        assertTrue(shape.err().contains("export the data for fashion-smallcnn"), shape.err());

        Path old = Files.createDirectories(dir.resolve("old-export"));
        String manifest = Files.readString(export.resolve(ExportManifest.FILE));
        Files.writeString(old.resolve(ExportManifest.FILE), manifest.replaceFirst("\"format\"\\s*:\\s*2\\s*,", ""));
        SparkCli.Result older = run("fashion-smallcnn", "--data", old.toString(), "--out", out.toString());
        assertEquals(2, older.code(), older.err());
        String line = older.err().lines().findFirst().orElse("");
        assertTrue(line.contains("is an export of an older regzoo") && line.contains("export it again"),
                "in one line: " + older.err());
        assertFalse(Files.exists(out), "no run folder for a job that cannot start");
    }

    @Test
    void anUnreachableMasterFailsClearlyAndQuickly() {
        SparkCli.Result run = run("fashion-smallcnn", "--data", export.toString(), "--out", dir.resolve("nowhere").toString(),
                "--master", "spark://127.0.0.1:1", "--connect-timeout", "2");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("cannot reach the Spark master spark://127.0.0.1:1"), run.err());
        assertFalse(Files.exists(dir.resolve("nowhere")), "no run folder for a job that cannot start");
    }

    @Test
    void aLiveUiThatCannotReceiveIsRefusedBeforeSparkStarts() throws IOException {
        Path out = dir.resolve("no-ui");
        SparkCli.Result nothing = run("fashion-smallcnn", "--data", export.toString(), "--out", out.toString(), "--master",
                "local[2]", "--ui-url", "http://127.0.0.1:1", "--connect-timeout", "2");
        assertEquals(2, nothing.code());
        assertTrue(nothing.err().contains("cannot reach the training UI at http://127.0.0.1:1"), nothing.err());

        // Stands in for DL4J's UI: its receiver answers 403 while remote listening is off, other servers 404.
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/remoteReceive", exchange -> {
            exchange.sendResponseHeaders(403, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            SparkCli.Result off = run("fashion-smallcnn", "--data", export.toString(), "--out", out.toString(), "--ui-url", url);
            assertEquals(2, off.code());
            assertTrue(off.err().contains("does not accept remote statistics; start it with 'regzoo ui --remote'"),
                    off.err());
            SparkCli.Result malformed = run("fashion-smallcnn", "--data", export.toString(), "--out", out.toString(),
                    "--ui-url", "localhost:9000");
            assertEquals(2, malformed.code());
            assertTrue(malformed.err().contains("want http://HOST:PORT"), malformed.err());
        } finally {
            server.stop(0);
        }
        assertFalse(Files.exists(out), "no run folder for a job that cannot start");
    }

    @Test
    void anExportWithMissingFilesIsRejectedBeforeSparkStarts() throws IOException {
        Path broken = dir.resolve("broken");
        Files.createDirectories(broken.resolve(ExportManifest.TRAIN));
        Files.copy(export.resolve(ExportManifest.FILE), broken.resolve(ExportManifest.FILE));
        SparkCli.Result run = run("fashion-smallcnn", "--data", broken.toString(), "--out", dir.resolve("x").toString(),
                "--master", "local[2]");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("is incomplete") && run.err().contains("normalizer.bin")
                && run.err().contains("train/shard-00000.bin"), run.err());

        SparkCli.Result none = run("fashion-smallcnn", "--data", dir.resolve("absent").toString(), "--out",
                dir.resolve("y").toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("not a regzoo data export"), none.err());
    }
}
