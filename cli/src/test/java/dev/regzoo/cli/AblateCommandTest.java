package dev.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.train.TinyFashion;
import dev.regzoo.train.ablate.Variant;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code regzoo ablate} on tiny generated data: the table, the chart, seeds, continuing and bad input. */
class AblateCommandTest {

    @TempDir
    Path dir;

    @Test
    void studyComparesVariantsOverSeedsAndContinuesWhereItStopped() throws IOException {
        Path data = TinyFashion.write(Files.createDirectories(dir.resolve("data")), 200, 60);
        Path out = dir.resolve("study");
        String[] args = {"ablate", "fashion-smallcnn", "--data-dir", data.toString(), "--variants",
            "none,dropout,early-stopping", "--seeds", "2", "--epochs", "2", "--patience", "1", "--batch-size", "32",
            "--min-delta", "0.001", "--out", out.toString()};

        Cli.Result first = Cli.run(args);

        assertEquals(0, first.code(), first.out() + first.err());
        String table = Files.readString(out.resolve("ablation.md"));
        for (String row : List.of("| nothing |", "| dropout |", "| early stopping |")) {
            assertTrue(table.contains(row), row + " in\n" + table);
        }
        assertTrue(table.contains(" ± "), "two seeds give mean ± std:\n" + table);
        for (String run : List.of("none-seed42", "none-seed43", "dropout-seed42", "early-stopping-seed43")) {
            assertTrue(Files.isRegularFile(out.resolve(run).resolve("result.json")), run);
        }
        String dropoutRecipe = Files.readString(out.resolve("dropout-seed42/recipe.json"));
        assertTrue(dropoutRecipe.contains("\"dropout\" : 0.5") && dropoutRecipe.contains("\"batchNorm\" : false"),
                dropoutRecipe);
        assertTrue(Files.readString(out.resolve("early-stopping-seed42/recipe.json")).contains("\"patience\" : 1"),
                "--patience reaches the early-stopping variant");
        assertTrue(Files.readString(out.resolve("early-stopping-seed42/recipe.json")).contains("\"minDelta\" : 0.001"),
                "the Stopping group's other options reach it too");
        assertTrue(Files.readString(out.resolve("none-seed42/recipe.json")).contains("\"patience\" : 2"),
                "variants without early stopping run all epochs");
        BufferedImage chart = ImageIO.read(out.resolve("ablation.png").toFile());
        assertTrue(chart.getWidth() > 100 && chart.getHeight() > 100);

        Files.delete(out.resolve("dropout-seed43/result.json"));
        Cli.Result second = Cli.run(args);

        assertEquals(0, second.code(), second.err());
        assertEquals(5, second.out().split("done earlier", -1).length - 1, second.out());
        assertTrue(Files.isRegularFile(out.resolve("dropout-seed43/result.json")));

        Cli.Result changed = Cli.run("ablate", "fashion-smallcnn", "--data-dir", data.toString(), "--variants",
                "none", "--epochs", "2", "--out", out.toString());
        assertEquals(2, changed.code());
        assertTrue(changed.err().contains("other settings"), changed.err());
    }

    @Test
    void leaveOneOutTrainsTheWholeRecipeThenOneArmWithoutEachChosenRegularizer() throws IOException {
        Path data = TinyFashion.write(Files.createDirectories(dir.resolve("data")), 200, 60);
        Path out = dir.resolve("loo");

        Cli.Result r = Cli.run("ablate", "fashion-smallcnn", "--leave-one-out", "--variants", "dropout",
                "--data-dir", data.toString(), "--epochs", "1", "--batch-size", "32", "--out", out.toString());

        assertEquals(0, r.code(), r.out() + r.err());
        String whole = Files.readString(out.resolve("recipe-seed42/recipe.json"));
        String without = Files.readString(out.resolve("without-dropout-seed42/recipe.json"));
        assertTrue(whole.contains("\"dropout\" : null"), "the model's own dropout: " + whole);
        assertTrue(without.contains("\"dropout\" : 0.0") && without.contains("\"weightDecay\" : 5.0E-4")
                && without.contains("\"batchNorm\" : true"), "only dropout is taken out: " + without);
        String table = Files.readString(out.resolve("ablation.md"));
        assertTrue(table.contains("| the whole recipe |") && table.contains("| without dropout |"), table);

        Cli.Result unused = Cli.run("ablate", "fashion-smallcnn", "--leave-one-out", "--variants", "label-smoothing",
                "--out", dir.resolve("never").toString());
        assertEquals(2, unused.code());
        assertTrue(unused.err().contains("does not use label-smoothing"), unused.err());
        assertFalse(Files.exists(dir.resolve("never")));
    }

    @Test
    void unknownVariantsAndBadSeedsFailBeforeAnyTraining() {
        Path out = dir.resolve("never");
        String[][] cases = { // the options, then what the one-line error says
            {"--variants", "none,mixup", "mixup", "weight-decay"},
            {"--variants", "l2,l2", "twice"},
            {"--seeds", "0", "seeds must be at least 1"},
            {"--patience", "0", "patience must be at least 1"},
            {"--monitor", "val_f1", "val_f1"},
            {"--validation", "1.5", "validation fraction must be in (0, 1), got 1.5"}};
        for (String[] c : cases) {
            Cli.Result r = Cli.run("ablate", "fashion-smallcnn", c[0], c[1], "--out", out.toString());
            assertEquals(2, r.code(), String.join(" ", c));
            for (int i = 2; i < c.length; i++) {
                assertTrue(r.err().contains(c[i]), r.err());
            }
        }
        assertFalse(Files.exists(out), "nothing is written before the settings are valid");
    }

    @Test
    void helpListsEveryVariant() {
        Cli.Result help = Cli.run("ablate", "--help");
        assertEquals(0, help.code(), help.err());
        String text = help.out().replaceAll("\\s+", " ");
        for (Variant v : Variant.values()) {
            assertTrue(text.contains(v.id() + ",") || text.contains(v.id() + " (default"), v.id() + ": " + text);
        }
    }
}
