package dev.regzoo.train.ablate;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.train.AtomicModelSaver;
import dev.regzoo.train.EpochRecord;
import dev.regzoo.train.RunFolder;
import dev.regzoo.train.SplitAccuracy;
import dev.regzoo.train.Trainer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a {@link Study}: every arm and seed one after another in this JVM, each with regzoo's {@link Trainer} in
 * its own run folder, then writes the comparison ({@link AblationReport}). Resumable: run it again on the same folder
 * and finished arms are skipped, an interrupted one continues from its latest checkpoint.
 */
public final class Ablation {

    private Ablation() {
    }

    /**
     * Runs (or continues) {@code study} in {@code folder}.
     *
     * @throws IllegalArgumentException when the folder holds a study with other settings
     */
    public static List<VariantResult> run(Study study, RunFolder folder, PrintWriter out) {
        String settings = RunFolder.toJson(study);
        Optional<String> earlier = folder.readText(Study.FILE);
        if (earlier.isPresent() && !earlier.get().equals(settings)) {
            throw new IllegalArgumentException(folder.dir() + " holds a study with other settings (" + Study.FILE
                    + "); continue it with the same options or give another --out");
        }
        folder.writeText(Study.FILE, settings);
        List<VariantResult> results = new ArrayList<>();
        List<Arm> arms = study.arms();
        int total = arms.size() * study.seeds();
        for (Arm arm : arms) {
            for (int k = 0; k < study.seeds(); k++) {
                Recipe recipe = arm.withSeed(k);
                out.printf("%n== %d/%d: %s, seed %d ==%n", results.size() + 1, total, arm.label(), recipe.seed());
                out.flush();
                results.add(runOne(arm, recipe, RunFolder.create(folder.dir().resolve(arm.id() + "-seed"
                        + recipe.seed())), out));
                AblationReport.write(folder, study, results);
            }
        }
        return results;
    }

    private static VariantResult runOne(Arm arm, Recipe recipe, RunFolder folder, PrintWriter out) {
        Optional<VariantResult> done = folder.readJson(VariantResult.FILE, VariantResult.class);
        if (done.isPresent()) {
            out.println("done earlier: " + folder.dir());
            return done.get();
        }
        long start = System.nanoTime();
        boolean interrupted = Files.isRegularFile(folder.dir().resolve(AtomicModelSaver.LATEST));
        Trainer.Outcome outcome = interrupted ? Trainer.resume(recipe, folder, out, Optional.empty())
                : Trainer.train(recipe, folder, out);
        List<EpochRecord> epochs = outcome.report().epochs();
        Path judged = folder.dir().resolve(judgedModel(arm));
        SplitAccuracy accuracy = outcome.diverged() || !Files.isRegularFile(judged)
                ? new SplitAccuracy(Double.NaN, Double.NaN) : SplitAccuracy.of(recipe, judged);
        VariantResult result = new VariantResult(arm.id(), recipe.seed(),
                epochs.stream().mapToDouble(EpochRecord::valAccuracy).max().orElse(Double.NaN), accuracy.train(),
                accuracy.test(), epochs.size(), (System.nanoTime() - start) / 1e9,
                epochs.stream().map(EpochRecord::valAccuracy).toList());
        folder.writeJson(VariantResult.FILE, result);
        out.printf("%s: test accuracy %.4f, train accuracy %.4f, %d epochs%n", arm.label(), result.testAccuracy(),
                result.trainAccuracy(), result.epochs());
        out.flush();
        return result;
    }

    /**
     * The file of the model an arm is judged by: its best epoch's, else its last epoch's, which is the average of the
     * weights when the arm trains with an EMA (what it validated and would ship), the raw weights otherwise.
     */
    static String judgedModel(Arm arm) {
        if (arm.keepsBestEpoch()) {
            return AtomicModelSaver.BEST;
        }
        return arm.recipe().ema().enabled() ? AtomicModelSaver.LATEST_EMA : AtomicModelSaver.LATEST;
    }
}
