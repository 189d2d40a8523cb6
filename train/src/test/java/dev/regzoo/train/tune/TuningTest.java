package dev.regzoo.train.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.recipes.FashionSmallCnn;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.RecipeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole studies on {@link ScriptedRunner}'s instant trials: ASHA's budget, the files, a kill, the lock, parallel. */
class TuningTest {

    @TempDir
    Path dir;

    private final Recipe recipe = FashionSmallCnn.recipe();

    /** 9 random trials over the learning rate, ASHA at 1, 3 and 9 epochs. */
    private Search asha() {
        return Search.builder(recipe, SearchSpace.parse(recipe, "lr=loguniform(1e-4,1)")).trials(9).maxEpochs(9)
                .build();
    }

    private static TuningResult run(Tuning tuning, ScriptedRunner runner) {
        return tuning.runner(runner).quiet().run();
    }

    @Test
    void ashaTrainsAThirdOfEachRungOnAndLeavesAStudyFolder() throws IOException {
        Path out = dir.resolve("study");
        ScriptedRunner runner = new ScriptedRunner(0, 0);

        TuningResult result = run(Tuning.of(asha()).folder(out), runner);

        List<Trial> trials = result.trials();
        assertEquals(9, trials.stream().filter(t -> t.rung() >= 0).count());
        assertEquals(3, trials.stream().filter(t -> t.rung() >= 1).count());
        assertEquals(1, trials.stream().filter(t -> t.rung() == 2 && t.state() == Trial.State.COMPLETED).count());
        assertEquals(8, trials.stream().filter(t -> t.state() == Trial.State.PRUNED).count());
        assertEquals(9 + 3 * 2 + 6, result.epochs(), "against 9 x 9 epochs without stopping");
        assertEquals(81, result.epochsIfUnstopped());
        assertEquals(9 + 3 + 1, runner.sessions.size(), "one session per rung reached");
        assertTrue(runner.sessions.stream().noneMatch(s -> s.contains(" 0->3") || s.contains(" 0->9")),
                "a promoted trial continues from its checkpoint: " + runner.sessions);
        Trial best = result.best().orElseThrow();
        assertEquals(9, best.epochs(), "the accuracy rises with epochs: the trial that went furthest wins");
        double bestLr = best.values().get("optimizer.learningRate").doubleValue();
        assertEquals(bestLr, result.bestRecipe().optimizer().learningRate());
        assertEquals(bestLr, RecipeFiles.read(out.resolve("best-recipe.json")).optimizer().learningRate());
        assertEquals(9, RecipeFiles.read(out.resolve("best-recipe.json")).stopping().maxEpochs());
        for (String file : List.of("study.json", "trials.tsv", "base-recipe.json", "space.json", "report.md",
                "hyperparameters.png", "curves.png", "promotions.png")) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        List<String> rows = Files.readAllLines(out.resolve("trials.tsv"));
        assertEquals(10, rows.size());
        assertTrue(rows.get(0).startsWith("trial\tlr\tstate\t"), rows.get(0));
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("21 epochs trained, against 81"), report);
        assertTrue(report.contains("8 pruned (6 at 1 epoch, 2 at 3 epochs)"), report);
    }

    @Test
    void aKilledStudyContinuesWithoutLosingOrRepeatingATrial() {
        ScriptedRunner whole = new ScriptedRunner(0, 0);
        List<Trial> uninterrupted = run(Tuning.of(asha()).folder(dir.resolve("whole")), whole).trials();
        Path out = dir.resolve("killed");
        ScriptedRunner first = new ScriptedRunner(11, 0);

        assertThrows(ScriptedRunner.Killed.class, () -> run(Tuning.of(asha()).folder(out), first));

        StudyFiles.Study left = StudyFiles.read(dev.regzoo.train.RunFolder.create(out));
        List<Trial> running = left.trials().stream().filter(t -> t.state() == Trial.State.RUNNING).toList();
        assertEquals(1, running.size(), "the kill leaves the trial it interrupted running");
        String killed = first.sessions.get(first.sessions.size() - 1);
        ScriptedRunner second = new ScriptedRunner(0, 0);

        List<Trial> resumed = run(Tuning.resume(out), second).trials();

        assertEquals(killed, second.sessions.get(0), "the interrupted session goes first, from its checkpoint");
        List<String> done = new ArrayList<>(first.sessions.subList(0, first.sessions.size() - 1));
        assertTrue(second.sessions.stream().noneMatch(done::contains), "no finished session is repeated: " + done
                + " then " + second.sessions);
        done.addAll(second.sessions);
        assertEquals(whole.sessions.stream().sorted().toList(), done.stream().sorted().toList(),
                "together, exactly the sessions of the uninterrupted study");
        assertEquals(uninterrupted.stream().map(t -> t.state() + " " + t.valAccuracy()).toList(),
                resumed.stream().map(t -> t.state() + " " + t.valAccuracy()).toList());
    }

    @Test
    void aStudyFolderTakesOneSearchAtATime() {
        Path out = dir.resolve("locked");
        run(Tuning.of(asha()).folder(out), new ScriptedRunner(0, 0));
        try (StudyLock held = StudyLock.take(out)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> run(Tuning.resume(out), new ScriptedRunner(0, 0)));
            assertTrue(e.getMessage().contains("in use by another regzoo tune (process "
                    + ProcessHandle.current().pid() + ")"), e.getMessage());
        }
        assertEquals(9, run(Tuning.resume(out), new ScriptedRunner(0, 0)).trials().size(), "free again");
        IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
                () -> run(Tuning.of(asha()).folder(out), new ScriptedRunner(0, 0)));
        assertTrue(again.getMessage().contains("holds a study already"), again.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> run(Tuning.resume(dir.resolve("nothing")), new ScriptedRunner(0, 0)));
        assertTrue(none.getMessage().contains("not a regzoo tune study folder"), none.getMessage());
    }

    @Test
    void parallelTrialsShareTheWorkAndEveryTrialEnds() {
        ScriptedRunner runner = new ScriptedRunner(0, 30);
        TuningResult result = run(Tuning.of(asha()).folder(dir.resolve("parallel")).parallel(3), runner);
        assertTrue(runner.mostActive() >= 2 && runner.mostActive() <= 3, "at once: " + runner.mostActive());
        assertTrue(result.trials().stream().allMatch(t -> t.state() == Trial.State.PRUNED
                || t.state() == Trial.State.COMPLETED), result.trials().toString());
        Map<String, Long> perSession = runner.sessions.stream().collect(Collectors.groupingBy(s -> s,
                Collectors.counting()));
        assertTrue(perSession.values().stream().allMatch(n -> n == 1), "no session twice: " + runner.sessions);
    }

    @Test
    void valuesThatDoNotFitTogetherFailTheirTrialOnly() {
        Search search = Search.builder(recipe, SearchSpace.parse(recipe, "optimizer=choice(nesterov,adamw)",
                "weight-decay=choice(0,0.001)")).sampler(Sampler.GRID).scheduler(Scheduler.NONE).maxEpochs(2).build();
        TuningResult result = run(Tuning.of(search).folder(dir.resolve("grid")), new ScriptedRunner(0, 0));
        List<Trial> failed = result.trials().stream().filter(t -> t.state() == Trial.State.FAILED).toList();
        assertEquals(1, failed.size());
        assertEquals("adamw", failed.get(0).values().get("optimizer.kind").textValue());
        assertTrue(failed.get(0).note().contains("adamw needs a weight decay"), failed.get(0).note());
        assertEquals(3, result.trials().stream().filter(t -> t.state() == Trial.State.COMPLETED).count());
    }
}
