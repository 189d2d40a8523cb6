package dev.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.recipes.OptimizerSpec;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.Recipes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
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
            if (line.matches("[A-Z][a-z]+:")) {
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
        expected.put("Model", Set.of("--channels-last", "--freeze", "--from", "--width"));
        expected.put("Regularization", Set.of("--batch-norm", "--dropout", "--l1", "--l2", "--spatial-dropout",
                "--weight-decay"));
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
                "--seed", "9");
        assertEquals(500, r.trainLimit());
        assertEquals(Path.of("data").toAbsolutePath(), r.dataDir(), "made absolute for the run's recipe.json");
        assertEquals(24, r.width());
        assertEquals(0.02, r.regularization().weightDecay());
        assertEquals(OptimizerSpec.Kind.ADAMW, r.optimizer().kind());
        assertEquals(0.003, r.optimizer().learningRate());
        assertEquals(0.0001, r.schedule().minLr());
        assertEquals(7, r.stopping().patience());
        assertEquals(9, r.seed());
        for (Object[] changed : new Object[][] {{base.trainLimit(), 500}, {base.width(), 24}, {base.seed(), 9L},
                {base.regularization().weightDecay(), 0.02}, {base.stopping().patience(), 7},
                {base.schedule().minLr(), 0.0001}}) {
            assertNotEquals(changed[0], changed[1], "the recipe's own value would not show the override");
        }
        assertEquals(base.regularization().l2(), r.regularization().l2());
        assertEquals(base.schedule().kind(), r.schedule().kind());
        assertEquals(base.stopping().maxEpochs(), r.stopping().maxEpochs());
        assertEquals(base.batchSize(), r.batchSize());
        assertEquals(base.augmentation(), r.augmentation());
        assertEquals(base.toString(), resolve(base, "fashion-smallcnn").toString(), "no options: the recipe itself");
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

    private static Recipe resolve(Recipe base, String... args) {
        TrainCommand command = new TrainCommand();
        new CommandLine(command).parseArgs(args);
        return command.resolve(base);
    }
}
