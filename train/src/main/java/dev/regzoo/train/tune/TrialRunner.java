package dev.regzoo.train.tune;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.train.EpochRecord;
import dev.regzoo.train.RunFolder;
import dev.regzoo.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * Where a trial trains: one session trains its recipe in its run folder up to an epoch, continuing the run that
 * folder holds (from its latest checkpoint) when there is one. {@link #engine()} is regzoo's trainer in this JVM.
 */
@FunctionalInterface
public interface TrialRunner {

    /** The run's log inside each trial's run folder. */
    String LOG = "trial.log";

    /**
     * Trains {@code recipe} in {@code folder} up to epoch {@code untilEpoch}.
     *
     * @return the run's validation accuracy after each of its epochs so far, and whether its loss diverged
     */
    Session train(Recipe recipe, RunFolder folder, int untilEpoch);

    /**
     * Where the trials train, for the study's first line: by default in this JVM, each on its share of the cores.
     *
     * @param parallel trials trained at once
     */
    default String where(int parallel) {
        int threads = TrialThreads.perTrial(parallel);
        return String.format(Locale.ROOT, "in this JVM, %d ND4J thread%s each", threads, threads == 1 ? "" : "s");
    }

    /**
     * What a session left.
     *
     * @param valAccuracy validation accuracy after each epoch of the run, earlier sessions' included
     * @param diverged    whether the loss became NaN or infinite
     */
    record Session(List<Double> valAccuracy, boolean diverged) implements Serializable {
        public Session {
            valAccuracy = List.copyOf(valAccuracy);
        }
    }

    /**
     * regzoo's engine ({@link Trainer#trainUntil}): each trial a normal run folder ({@code recipe.json},
     * {@code metrics.json}, {@code report.md}, curves, checkpoints), its progress lines appended to {@value #LOG}.
     */
    static TrialRunner engine() {
        return (recipe, folder, untilEpoch) -> {
            try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(folder.dir().resolve(LOG),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
                Trainer.Outcome outcome = Trainer.trainUntil(recipe, folder, log, untilEpoch);
                return new Session(outcome.report().epochs().stream().map(EpochRecord::valAccuracy).toList(),
                        outcome.diverged());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + folder.dir().resolve(LOG) + ": " + e.getMessage(), e);
            }
        };
    }
}
