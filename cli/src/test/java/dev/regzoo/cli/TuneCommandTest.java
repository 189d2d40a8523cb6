package dev.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.RecipeFiles;
import dev.regzoo.train.TinyFashion;
import dev.regzoo.train.tune.SearchSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code regzoo tune} on tiny generated data: a whole study, its best recipe trained, continuing, bad input. */
class TuneCommandTest {

    @TempDir
    Path dir;

    @Test
    void aTinyAshaStudyLeavesRunFoldersAndABestRecipeThatTrains() throws IOException {
        Path data = TinyFashion.write(Files.createDirectories(dir.resolve("data")), 200, 60);
        Path out = dir.resolve("study");

        Cli.Result r = Cli.run("tune", "fashion-smallcnn", "--data-dir", data.toString(), "--space",
                "lr=loguniform(1e-3,1e-1)", "--space", "weight-decay=loguniform(1e-5,1e-3)", "--trials", "3",
                "--max-epochs", "2", "--width", "4", "--augment", "none", "--batch-size", "32", "--out",
                out.toString());

        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("rungs at [1, 2] epochs"), r.out());
        assertTrue(r.out().contains("Compute: 4 epochs, against 6"), "3 trials to 1 epoch, the best of them to 2: "
                + r.out());
        for (String file : List.of("study.json", "trials.tsv", "report.md", "best-recipe.json", "curves.png",
                "trial-001/recipe.json", "trial-001/metrics.json", "trial-001/curves.png", "trial-001/trial.log")) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file);
        }
        Recipe best = RecipeFiles.read(out.resolve("best-recipe.json"));
        assertTrue(best.optimizer().learningRate() >= 1e-3 && best.optimizer().learningRate() <= 1e-1);
        assertEquals(2, best.stopping().maxEpochs());
        assertTrue(best.description().contains("tuned by regzoo tune"), best.description());
        String table = Files.readString(out.resolve("trials.tsv"));

        Cli.Result again = Cli.run("tune", "--resume", out.toString());
        assertEquals(0, again.code(), again.err());
        assertFalse(again.out().contains("starts"), "a finished study trains nothing more: " + again.out());
        assertEquals(table, Files.readString(out.resolve("trials.tsv")));

        Cli.Result trained = Cli.run("train", "--recipe", out.resolve("best-recipe.json").toString(), "--epochs", "1",
                "--out", dir.resolve("best").toString());
        assertEquals(0, trained.code(), trained.err());
    }

    @Test
    void badSpacesAndSettingsFailBeforeAnyTrial() {
        Path out = dir.resolve("never");
        String lr = "lr=loguniform(1e-3,3e-1)";
        String[][] cases = { // the arguments, "|", then what the one-line error says
            {"--space", "lr=loguniform(1e-3 3e-1)", "|", "--space lr=loguniform(1e-3 3e-1)", "two bounds"},
            {"--space", "lr=normal(0,1)", "|", "--space lr=normal(0,1)", "unknown distribution"},
            {"--space", "speed=uniform(0,1)", "|", "--space speed=uniform(0,1)", "unknown field 'speed'"},
            {"--space", "lr=uniform(0.3,0.001)", "|", "--space lr=uniform(0.3,0.001)", "inverted range"},
            {"--space", "dropout=uniform(0.3,0.3)", "|", "--space dropout=uniform(0.3,0.3)", "empty range"},
            {"--space", "wd=loguniform(0,1e-3)", "|", "--space wd=loguniform(0,1e-3)", "above 0"},
            {"--space", "optimizer=choice(nesterov,lbfgs)", "|", "--space optimizer=choice(nesterov,lbfgs)",
                "value lbfgs is not allowed", "adamw"},
            {"--space", lr, "--sampler", "bayes", "|", "--sampler must be random or grid"},
            {"--space", lr, "--scheduler", "hyperband", "|", "--scheduler must be none or asha"},
            {"--space", lr, "--eta", "1", "|", "--eta must be at least 2"},
            {"--space", lr, "--min-epochs", "9", "--max-epochs", "4", "|", "--min-epochs must be from 1 to"},
            {"--space", lr, "--parallel", "0", "|", "--parallel must be at least 1"},
            {"--space", lr, "--epochs", "4", "--max-epochs", "4", "|", "--max-epochs only"},
            {"--trials", "3", "|", "--space: give at least one"}};
        for (String[] c : cases) {
            List<String> all = List.of(c);
            int bar = all.indexOf("|");
            List<String> args = new java.util.ArrayList<>(List.of("tune", "fashion-smallcnn"));
            args.addAll(all.subList(0, bar));
            args.addAll(List.of("--out", out.toString()));
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertEquals(2, r.code(), args + "\n" + r.out() + r.err());
            for (String expected : all.subList(bar + 1, all.size())) {
                assertTrue(r.err().contains(expected), args + ": " + r.err());
            }
            assertEquals(2, r.err().strip().lines().count(), "one line, then the usage hint: " + r.err());
        }
        assertFalse(Files.exists(out), "nothing is written before the search is valid");
        Cli.Result resume = Cli.run("tune", "--resume", dir.toString(), "--trials", "4");
        assertEquals(2, resume.code());
        assertTrue(resume.err().contains("--resume DIR takes only --parallel and --spark"), resume.err());
    }

    @Test
    void clusterFoldersAndMastersNeedRegzooSpark() {
        String lr = "lr=loguniform(1e-3,3e-1)";
        Cli.Result uri = Cli.run("tune", "fashion-smallcnn", "--space", lr, "--out", "hdfs://namenode:8020/study");
        assertEquals(2, uri.code(), uri.err());
        assertTrue(uri.err().contains("--out hdfs://namenode:8020/study: a URI study folder is for trials on a "
                + "cluster: add --spark MASTER"), uri.err());
        Cli.Result resume = Cli.run("tune", "--resume", "file:///studies/s1");
        assertEquals(2, resume.code(), resume.err());
        assertTrue(resume.err().contains("--resume file:///studies/s1: a URI study folder"), resume.err());

        Path out = dir.resolve("never");
        Cli.Result spark = Cli.run("tune", "fashion-smallcnn", "--space", lr, "--spark", "local[2]", "--out",
                out.toString());
        assertEquals(2, spark.code(), spark.err());
        assertTrue(spark.err().contains("--spark local[2]: regzoo-spark is not on the class path"), spark.err());
        Cli.Result blank = Cli.run("tune", "fashion-smallcnn", "--space", lr, "--spark", " ", "--out", out.toString());
        assertEquals(2, blank.code(), blank.err());
        assertTrue(blank.err().contains("--spark: give a master URL"), blank.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void theSpacesOptionNamesAreTrainOptions() {
        CommandLine.Model.CommandSpec train = RegzooCli.commandLine().getSubcommands().get("train").getCommandSpec();
        for (String alias : SearchSpace.aliases().keySet()) {
            assertNotNull(train.findOption(alias.length() == 1 ? "-" + alias : "--" + alias), alias);
        }
    }
}
