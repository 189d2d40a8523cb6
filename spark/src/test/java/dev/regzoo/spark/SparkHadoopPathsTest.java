package dev.regzoo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.recipes.FashionSmallCnn;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.train.AtomicModelSaver;
import dev.regzoo.train.DataExport;
import dev.regzoo.train.ExportManifest;
import dev.regzoo.train.TinyFashion;
import dev.regzoo.train.TrainingUi;
import dev.regzoo.zoo.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export and the run folder as Hadoop URIs, through Hadoop's local file system ({@code file://}): the same
 * {@code FileSystem} API the job uses for {@code hdfs://}, without a namenode.
 */
class SparkHadoopPathsTest {

    @TempDir
    static Path dir;
    static Path export;

    @BeforeAll
    static void exportTinyData() throws IOException {
        Path data = TinyFashion.write(Files.createDirectories(dir.resolve("data")), 300, 50);
        Recipe recipe = FashionSmallCnn.recipe().toBuilder().dataDir(data).batchSize(32).build();
        export = dir.resolve("export");
        DataExport.write(recipe, export);
    }

    private static SparkCli.Result run(String... args) {
        return SparkCli.run(args);
    }

    private static String uri(Path path) {
        return path.toUri().toString();
    }

    @Test
    void trainsFromAHadoopUriIntoAHadoopUriRunFolder() throws IOException {
        Path out = dir.resolve("hadoop-run");
        String outUri = uri(out);
        SparkCli.Result run = run("fashion-smallcnn", "--data", uri(export), "--out", outUri, "--master", "local[2]",
                "--epochs", "1", "--width", "4");
        assertEquals(0, run.code(), run.err() + run.out());
        for (String file : List.of("recipe.json", "metrics.json", "report.md", AtomicModelSaver.BEST,
                AtomicModelSaver.LATEST, TrainingUi.STATS_FILE)) {
            assertTrue(Files.isRegularFile(out.resolve(file)) && Files.size(out.resolve(file)) > 0,
                    file + " copied to the Hadoop folder: " + listing(out));
        }
        assertTrue(ModelFiles.load(out.resolve(AtomicModelSaver.BEST), false) instanceof MultiLayerNetwork);
        assertTrue(run.out().contains("test accuracy"), "the test files read through Hadoop: " + run.out());
        assertTrue(run.out().contains("Run folder: " + outUri), run.out());
        try (Stream<Path> left = Files.list(out)) {
            assertTrue(left.noneMatch(f -> f.getFileName().toString().endsWith(".copying")), listing(out));
        }
    }

    @Test
    void aMissingHadoopExportOrFileIsNamedBeforeSparkStarts() throws IOException {
        Path absent = dir.resolve("absent");
        SparkCli.Result none = run("fashion-smallcnn", "--data", uri(absent), "--out", uri(dir.resolve("x")));
        assertEquals(2, none.code(), none.err());
        assertTrue(none.err().contains(uri(absent) + " is not a regzoo data export"), none.err());

        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.copy(export.resolve(ExportManifest.FILE), broken.resolve(ExportManifest.FILE));
        Files.copy(export.resolve(ExportManifest.NORMALIZER), broken.resolve(ExportManifest.NORMALIZER));
        SparkCli.Result incomplete = run("fashion-smallcnn", "--data", uri(broken), "--out", uri(dir.resolve("y")));
        assertEquals(2, incomplete.code(), incomplete.err());
        assertTrue(incomplete.err().contains("is incomplete") && incomplete.err().contains("train/shard-00000.bin")
                && !incomplete.err().contains(ExportManifest.NORMALIZER), incomplete.err());
        assertFalse(Files.exists(dir.resolve("x")) || Files.exists(dir.resolve("y")), "no run folder");
    }

    /** Hadoop checks the permission bits, so a file without read permission is refused even for root. */
    @Test
    void anUnreadableExportFileIsNamedBeforeSparkStarts() throws IOException {
        Path locked = dir.resolve("locked");
        try (Stream<Path> files = Files.walk(export)) {
            for (Path file : files.toList()) {
                Path copy = locked.resolve(export.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        Files.setPosixFilePermissions(locked.resolve(ExportManifest.NORMALIZER),
                PosixFilePermissions.fromString("---------"));
        SparkCli.Result run = run("fashion-smallcnn", "--data", uri(locked), "--out", uri(dir.resolve("z")));
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("missing or unreadable (" + ExportManifest.NORMALIZER + ")"), run.err());
    }

    @Test
    void anUnwritableRunFolderOrAnUnknownSchemeIsRefusedBeforeSparkStarts() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        String out = uri(file) + "/run";
        SparkCli.Result unwritable = run("fashion-smallcnn", "--data", uri(export), "--out", out);
        assertEquals(2, unwritable.code(), unwritable.err());
        assertTrue(unwritable.err().contains("--out " + out + " cannot be written"), unwritable.err());

        SparkCli.Result unknown = run("fashion-smallcnn", "--data", "nosuchfs://host/export", "--out", uri(dir.resolve("w")));
        assertEquals(2, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("--data nosuchfs://host/export: no Hadoop file system serves it"),
                unknown.err());
    }

    private static String listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList().toString();
        }
    }
}
