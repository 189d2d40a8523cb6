package dev.regzoo.train.tune;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.train.RunFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Trials that train instantly on a script: the validation accuracy after epoch {@code e} rises with {@code e} and is
 * highest at a learning rate of 0.01. A run folder's {@code epochs.txt} is its checkpoint, so a session continues
 * where the folder's last one ended. Records every session; can simulate a kill at the {@code n}-th one.
 */
final class ScriptedRunner implements TrialRunner {

    /** What a JVM killed in the middle of a session leaves: nothing of that session. */
    static final class Killed extends Error {
        Killed() {
            super("killed");
        }
    }

    /** Each session as {@code trial-NNN from->until}, in the order they started. */
    final List<String> sessions = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger mostActive = new AtomicInteger();
    private final int killAt;
    private final long millis;

    /** Kills the search at session {@code killAt} (0: never); each session takes {@code millis}. */
    ScriptedRunner(int killAt, long millis) {
        this.killAt = killAt;
        this.millis = millis;
    }

    static double accuracy(double lr, int epoch) {
        return 0.9 - 0.1 * Math.abs(Math.log10(lr) + 2) - 0.2 / epoch;
    }

    /** The most sessions that ran at once. */
    int mostActive() {
        return mostActive.get();
    }

    @Override
    public Session train(Recipe recipe, RunFolder folder, int untilEpoch) {
        Path checkpoint = folder.dir().resolve("epochs.txt");
        try {
            List<Double> accuracies = new ArrayList<>();
            if (Files.exists(checkpoint)) {
                Files.readAllLines(checkpoint).forEach(line -> accuracies.add(Double.parseDouble(line)));
            }
            sessions.add(folder.dir().getFileName() + " " + accuracies.size() + "->" + untilEpoch);
            if (started.incrementAndGet() == killAt) {
                throw new Killed();
            }
            mostActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            Thread.sleep(millis);
            for (int e = accuracies.size() + 1; e <= untilEpoch; e++) {
                accuracies.add(accuracy(recipe.optimizer().learningRate(), e));
            }
            Files.write(checkpoint, accuracies.stream().map(String::valueOf).toList());
            active.decrementAndGet();
            return new Session(accuracies, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
