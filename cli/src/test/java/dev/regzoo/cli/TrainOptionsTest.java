package dev.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.data.labels.SoftLabelSpec;
import dev.regzoo.recipes.EmaSpec;
import dev.regzoo.recipes.OptimizerSpec;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.Recipes;
import dev.regzoo.zoo.RegularizationSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The training options: declared once in dev.regzoo.cli.options, grouped in the help, applied to the recipe. */
class TrainOptionsTest {

    /** An option line of the help: two spaces and a short name, or six spaces, then the long name(s). */
    private static final Pattern OPTION_LINE = Pattern.compile("^(?: {2}-\\w, | {6})(--\\S.*?)(?: {2,}.*)?$");
    /** An option in the usage line, e.g. [--epochs=N] or [--[no-]batch-norm]: its name as written there. */
    private static final Pattern SYNOPSIS_ENTRY = Pattern.compile("\\[(--?(?:\\[no-])?[a-z][a-z0-9-]*)[=\\]]");
    private static final Pattern NAME = Pattern.compile("--(?:\\[no-])?([a-z][a-z0-9-]*)");

    @Test
    void helpShowsEachOptionOnceUnderItsHeading() {
        Cli.Result help = Cli.run("train", "--help");
        assertEquals(0, help.code(), help.err());
        Map<String, Set<String>> sections = new LinkedHashMap<>();
        List<String> listed = new ArrayList<>();
        String section = "";
        for (String line : help.out().split("\\R")) {
            if (line.matches("[A-Z][a-z]+( [A-Za-z]+)*:")) {
                section = line.substring(0, line.length() - 1);
                assertTrue(sections.put(section, new TreeSet<>()) == null, "heading twice: " + section);
                continue;
            }
            Matcher option = OPTION_LINE.matcher(line);
            if (!section.isEmpty() && option.matches()) {
                String longest = longestName(option.group(1));
                listed.add(longest);
                sections.get(section).add(longest);
            }
        }
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        expected.put("Data", Set.of("--augment", "--batch-size", "--data-dir", "--input", "--train-limit",
                "--validation"));
        expected.put("Model", Set.of("--channels-last", "--freeze", "--from", "--weight-init", "--width"));
        expected.put("Regularization", Set.of("--batch-norm", "--clip-norm", "--drop-block", "--drop-block-size",
                "--drop-path", "--dropout", "--l1", "--l2", "--spatial-dropout", "--weight-decay"));
        expected.put("Soft labels and EMA", Set.of("--label-smoothing", "--mixup", "--cutmix", "--mix-prob",
                "--switch-prob", "--ema-decay", "--ema-warmup"));
        expected.put("Optimizer", Set.of("--lr", "--optimizer"));
        expected.put("Schedule", Set.of("--lr-gamma", "--lr-schedule", "--lr-step-epochs", "--min-lr",
                "--plateau-factor", "--plateau-patience", "--warmup-epochs"));
        expected.put("Stopping", Set.of("--epochs", "--max-minutes", "--min-delta", "--monitor", "--patience"));
        expected.put("Run", Set.of("--host", "--out", "--port", "--seed", "--ui", "--workers"));
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(sections.keySet()), help.out());
        expected.forEach((heading, names) -> assertEquals(new TreeSet<>(names), sections.get(heading), heading));
        assertEquals(new TreeSet<>(listed).size(), listed.size(), "an option listed twice: " + listed);
        String usage = help.out().substring(0, help.out().indexOf("Train a recipe"));
        List<String> synopsis = SYNOPSIS_ENTRY.matcher(usage).results().map(m -> m.group(1)).toList();
        assertEquals(new TreeSet<>(synopsis).size(), synopsis.size(), "an option twice in the usage: " + synopsis);
        assertTrue(synopsis.containsAll(List.of("--spatial-dropout", "--dropout", "-b")), usage);
    }

    private static String longestName(String names) {
        Matcher m = NAME.matcher(names.split("=")[0]);
        String longest = "";
        while (m.find()) {
            String name = "--" + m.group(1);
            longest = name.length() > longest.length() ? name : longest;
        }
        return longest;
    }

    @Test
    void anOptionFromEachGroupOverridesTheRecipeAndTheRestKeepItsValues() {
        Recipe base = Recipes.get("fashion-smallcnn");
        Recipe r = resolve(base, "fashion-smallcnn", "--train-limit", "500", "--data-dir", "data", "--width", "24",
                "--wd", "0.02", "--optimizer", "adamw", "--lr", "0.003", "--min-lr", "0.0001", "--patience", "7",
                "--seed", "9", "--weight-init", "uniform", "--label-smoothing", "0.1", "--ema-decay", "0.999");
        assertEquals(500, r.trainLimit());
        assertEquals(WeightInit.UNIFORM, r.weightInit());
        assertEquals(Path.of("data").toAbsolutePath(), r.dataDir(), "made absolute for the run's recipe.json");
        assertEquals(24, r.width());
        assertEquals(0.02, r.regularization().weightDecay());
        assertEquals(OptimizerSpec.Kind.ADAMW, r.optimizer().kind());
        assertEquals(0.003, r.optimizer().learningRate());
        assertEquals(0.0001, r.schedule().minLr());
        assertEquals(7, r.stopping().patience());
        assertEquals(9, r.seed());
        assertEquals(0.1, r.softLabels().smoothing());
        assertEquals(0.999, r.ema().decay());
        for (Object[] changed : new Object[][] {{base.trainLimit(), 500}, {base.width(), 24}, {base.seed(), 9L},
                {base.regularization().weightDecay(), 0.02}, {base.stopping().patience(), 7},
                {base.schedule().minLr(), 0.0001}, {base.weightInit(), WeightInit.UNIFORM}}) {
            assertNotEquals(changed[0], changed[1], "the recipe's own value would not show the override");
        }
        assertEquals(base.regularization().l2(), r.regularization().l2());
        assertEquals(base.schedule().kind(), r.schedule().kind());
        assertEquals(base.stopping().maxEpochs(), r.stopping().maxEpochs());
        assertEquals(base.batchSize(), r.batchSize());
        assertEquals(base.augmentation(), r.augmentation());
        assertEquals(base.softLabels().toBuilder().smoothing(0.1).build(), r.softLabels(), "mixing as the recipe's");
        assertEquals(base.ema().warmup(), r.ema().warmup());
        assertEquals(base.toString(), resolve(base, "fashion-smallcnn").toString(), "no options: the recipe itself");
    }

    @Test
    void dropBlockDropPathAndClippingOptionsSetTheRegularization() {
        Recipe base = Recipes.get("fashion-resnet18-narrow");
        RegularizationSpec r = resolve(base, "x", "--drop-block", "0.1", "--drop-block-size", "5", "--drop-path",
                "0.05", "--clip-norm", "2").regularization();
        assertEquals(base.regularization().toBuilder().dropBlock(0.1).dropBlockSize(5).dropPath(0.05)
                .gradientClipNorm(2).build(), r);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> resolve(base, "x", "--drop-block", "1"));
        assertEquals("drop block must be in [0, 1) (a drop probability), got 1.0", e.getMessage());
    }

    @Test
    void valuesFromDifferentGroupsAreCheckedOnceAllAreApplied() {
        Recipe fashion = Recipes.get("fashion-smallcnn");
        Recipe adamw = fashion.toBuilder().optimizer(new OptimizerSpec(OptimizerSpec.Kind.ADAMW, 0.001, 0.9))
                .regularization(fashion.regularization().toBuilder().weightDecay(0.01).build()).build();
        Recipe sgd = resolve(adamw, "x", "--wd", "0", "--optimizer", "sgd");
        assertEquals(0.0, sgd.regularization().weightDecay(), "adamw without decay is never built on the way");
        assertEquals(OptimizerSpec.Kind.SGD, sgd.optimizer().kind());
        IllegalArgumentException noDecay = assertThrows(IllegalArgumentException.class,
                () -> resolve(adamw, "x", "--wd", "0"));
        assertTrue(noDecay.getMessage().contains("--weight-decay"), noDecay.getMessage());
        IllegalArgumentException freeze = assertThrows(IllegalArgumentException.class,
                () -> resolve(fashion, "x", "--freeze", "block2_pool"));
        assertTrue(freeze.getMessage().contains("--freeze needs --from"), freeze.getMessage());
    }

    @Test
    void anUnknownWeightInitExitsWith2NamingTheOptionAndTheNames() {
        Cli.Result bad = Cli.run("train", "fashion-smallcnn", "--weight-init", "kaiming");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("--weight-init") && bad.err().contains("kaiming")
                && bad.err().contains("UNIFORM"), bad.err());
    }

    private static Recipe resolve(Recipe base, String... args) {
        TrainCommand command = new TrainCommand();
        new CommandLine(command).parseArgs(args);
        return command.resolve(base);
    }

    @Test
    void softLabelAndEmaOptionsReachTheRecipe() {
        Recipe r = resolve(Recipes.get("fashion-smallcnn"), "x", "--mixup", "0.2", "--cutmix", "1", "--mix-prob", "0.8",
                "--switch-prob", "0.3", "--ema-decay", "0.99", "--ema-warmup", "0");
        assertEquals(SoftLabelSpec.builder().mixup(0.2).cutmix(1).mixProbability(0.8).switchProbability(0.3).build(),
                r.softLabels());
        assertEquals(new EmaSpec(0.99, 0), r.ema());
    }

    /** Out-of-range values exit with 2, the option, the value and the range in one line, before any run folder. */
    @Test
    void badSoftLabelAndEmaValuesExitWithTwoBeforeTraining(@TempDir Path dir) {
        String[][] cases = {
            {"--label-smoothing", "1", "--label-smoothing must be in [0, 1), got 1.0"},
            {"--label-smoothing", "-0.1", "--label-smoothing must be in [0, 1), got -0.1"},
            {"--mixup", "-0.2", "--mixup must be a finite α >= 0 (0 = off), got -0.2"},
            {"--cutmix", "-1", "--cutmix must be a finite α >= 0 (0 = off), got -1.0"},
            {"--mix-prob", "2", "--mix-prob must be a probability in [0, 1], got 2.0"},
            {"--ema-decay", "1", "--ema-decay must be in (0, 1), or 0 for no EMA, got 1.0"},
            {"--ema-decay", "-0.5", "--ema-decay must be in (0, 1), or 0 for no EMA, got -0.5"},
            {"--ema-warmup", "-3", "--ema-warmup must be >= 0 (0 = no warm-up), got -3"},
        };
        for (String[] c : cases) {
            Path out = dir.resolve("run" + c[0] + c[1]);
            Cli.Result r = Cli.run("train", "fashion-smallcnn", c[0], c[1], "--out", out.toString());
            assertEquals(2, r.code(), c[0] + " " + c[1] + ": " + r.err());
            assertEquals("regzoo: " + c[2], r.err().lines().findFirst().orElse(""));
            assertTrue(Files.notExists(out), "no run folder for " + c[0] + " " + c[1]);
        }
        Path out = dir.resolve("parallel");
        Cli.Result parallel = Cli.run("train", "fashion-smallcnn", "--ema-decay", "0.99", "--workers", "2", "--out",
                out.toString());
        assertEquals(2, parallel.code(), parallel.err());
        assertTrue(parallel.err().contains("--ema-decay needs --workers 1"), parallel.err());
        assertTrue(Files.notExists(out));
    }
}
