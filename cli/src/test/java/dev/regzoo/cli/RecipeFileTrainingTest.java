package dev.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.train.TinyFashion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * {@code regzoo train --recipe FILE}: a recipe file trains as its named recipe does, and a run's recipe.json re-runs
 * it.
 */
class RecipeFileTrainingTest {

    @TempDir
    Path dir;
    private Path data;

    @BeforeEach
    void tinyData() throws IOException {
        data = TinyFashion.write(Files.createDirectories(dir.resolve("data")), 300, 100);
    }

    /** The short form of the acceptance check: recipe show, then train from the file, same metrics as by name. */
    @Test
    void aShownRecipeTrainsFromItsFileWithTheNamedRecipesMetrics() throws IOException {
        Cli.Result shown = Cli.run("recipe", "show", "fashion-smallcnn");
        assertEquals(0, shown.code(), shown.err());
        Path file = Files.writeString(dir.resolve("r.json"), shown.out());

        Path byName = train("fashion-smallcnn", dir.resolve("by-name"));
        Path byFile = train("--recipe=" + file, dir.resolve("by-file"));
        assertEquals(epochs(byName), epochs(byFile));
        assertEquals(test(byName), test(byFile));
        assertEquals(Files.readString(byName.resolve("recipe.json")), Files.readString(byFile.resolve("recipe.json")));
    }

    @Test
    void aRunsRecipeJsonReRunsItWithTheSameMetrics() throws IOException {
        Path first = train("fashion-smallcnn", dir.resolve("first"));
        Cli.Result again = Cli.run("train", "--recipe", first.resolve("recipe.json").toString(), "--out",
                dir.resolve("again").toString());
        assertEquals(0, again.code(), again.err() + again.out());
        assertEquals(epochs(first), epochs(dir.resolve("again")));
        assertEquals(test(first), test(dir.resolve("again")));
    }

    @Test
    void badRecipeFilesExitWithTwoNamingTheFileAndWriteNothing() throws IOException {
        String shown = Cli.run("recipe", "show", "fashion-smallcnn").out();
        Path unknown = Files.writeString(dir.resolve("unknown.json"), shown.replace("\"momentum\"", "\"momentun\""));
        Path wrongType = Files.writeString(dir.resolve("type.json"), shown.replace("\"batchSize\" : 128",
                "\"batchSize\" : \"large\""));
        Path range = Files.writeString(dir.resolve("range.json"), shown.replace("\"batchSize\" : 128",
                "\"batchSize\" : 0"));
        Path missing = dir.resolve("missing.json");
        for (Path file : new Path[] {unknown, wrongType, range, missing}) {
            Path out = dir.resolve("out-" + file.getFileName());
            Cli.Result r = Cli.run("train", "--recipe", file.toString(), "--out", out.toString());
            assertEquals(2, r.code(), file + ": " + r.err());
            String message = r.err().lines().findFirst().orElse("");
            assertTrue(message.startsWith("regzoo: " + file), message);
            assertFalse(Files.exists(out), "nothing is written for " + file);
        }
        assertTrue(Cli.run("train", "--recipe", unknown.toString()).err().contains("momentun"));
        assertTrue(Cli.run("train", "--recipe", missing.toString()).err().contains("recipe file not found"));
    }

    @Test
    void aNameAndARecipeFileTogetherAreRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("r.json"), Cli.run("recipe", "show", "fashion-smallcnn").out());
        Cli.Result r = Cli.run("train", "fashion-smallcnn", "--recipe", file.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not both"), r.err());
    }

    private Path train(String recipe, Path out) {
        Cli.Result r = Cli.run("train", recipe, "--data-dir", data.toString(), "--epochs", "2", "--train-limit",
                "200", "--width", "4", "--batch-size", "32", "--out", out.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        return out;
    }

    /** Each epoch's losses and validation accuracy (the seconds and images/s differ from run to run). */
    private static String epochs(Path run) throws IOException {
        StringBuilder values = new StringBuilder();
        for (JsonNode epoch : metrics(run).get("epochs")) {
            values.append(epoch.get("train_loss")).append(' ').append(epoch.get("val_loss")).append(' ')
                    .append(epoch.get("val_accuracy")).append('\n');
        }
        assertFalse(values.toString().contains("null"), "metrics.json field names: " + metrics(run));
        return values.toString();
    }

    private static JsonNode test(Path run) throws IOException {
        return metrics(run).get("test");
    }

    private static JsonNode metrics(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
    }
}
