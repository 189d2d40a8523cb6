package dev.regzoo.train.tune;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.train.RunFolder;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One process's share of a study: it continues the sessions a killed search left running, then starts and promotes
 * trials as the scheduler says, up to {@code parallel} at a time, and records every change in the study folder
 * before the next one. All decisions and writes happen on the calling thread; the trials train on a pool's threads.
 */
final class StudyRun {

    private final RunFolder folder;
    private final Search search;
    private final List<Integer> rungs;
    private final List<Trial> trials;
    private final Tuning tuning;
    private final TuneProgress progress;

    StudyRun(RunFolder folder, Search search, List<Trial> trials, double earlierSeconds, Tuning tuning) {
        this.folder = folder;
        this.search = search;
        this.rungs = search.rungs();
        this.trials = new ArrayList<>(trials);
        this.tuning = tuning;
        this.progress = new TuneProgress(tuning.out(), search.plannedEpochs(trials.size()),
                trials.stream().mapToInt(Trial::epochs).sum(), earlierSeconds, tuning.progressBar());
    }

    /** What a session ended with: its trial's run, or the exception it failed with. */
    private record Ended(int id, TrialRunner.Session session, RuntimeException failure, double seconds) {
    }

    TuningResult run() {
        PrintWriter out = tuning.out();
        int parallel = tuning.parallel();
        out.printf(Locale.ROOT, "Study %s: %d trials of %s, %s sampler, scheduler %s, rungs at %s epochs%s; "
                        + "%d at a time, %s%n", tuning.location(folder.dir()), trials.size(), search.recipe().name(),
                search.sampler().id(), search.scheduler().id(), rungs,
                search.scheduler() == Scheduler.ASHA ? " (eta " + search.eta() + ")" : "", parallel,
                tuning.runner().where(parallel));
        ExecutorService pool = Executors.newFixedThreadPool(parallel, TrialThreads.factory(parallel));
        CompletionService<Ended> sessions = new ExecutorCompletionService<>(pool);
        try (progress) {
            int running = 0;
            for (Trial t : List.copyOf(trials)) {
                if (t.state() == Trial.State.RUNNING) {
                    running += start(sessions, t, t.target(),
                            "resumes after an interruption (from its latest checkpoint, if it has one)") ? 1 : 0;
                }
            }
            while (true) {
                while (running < parallel) {
                    Optional<Trial> next = next();
                    if (next.isEmpty()) {
                        break;
                    }
                    Trial t = next.get();
                    boolean fresh = t.state() == Trial.State.PENDING;
                    running += start(sessions, t, fresh ? 0 : t.rung() + 1, fresh
                            ? "starts: " + StudyFiles.values(search, t)
                            : "promoted to " + TuneReport.epochs(rungs.get(t.rung() + 1))) ? 1 : 0;
                }
                if (running == 0) {
                    break;
                }
                record(take(sessions));
                running--;
            }
            trials.replaceAll(t -> t.state() == Trial.State.PAUSED ? t.pruned() : t);
            StudyFiles.save(folder, search, trials, progress.seconds(), true);
            TuneReport.write(folder, search, trials, progress.seconds());
            tuning.changed();
            progress.event("Study finished", trials);
            return new TuningResult(folder.dir(), search, trials, progress.seconds());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The trial to train next: a paused one to promote, else one not started. */
    private Optional<Trial> next() {
        Optional<Trial> promoted = Promotions.next(trials, rungs.size(), search.eta());
        return promoted.isPresent() ? promoted
                : trials.stream().filter(t -> t.state() == Trial.State.PENDING).findFirst();
    }

    /** Starts a session of {@code trial} towards rung {@code target}; false when its values fail to make a recipe. */
    private boolean start(CompletionService<Ended> sessions, Trial trial, int target, String why) {
        Recipe recipe;
        try {
            recipe = search.recipeOf(trial.values());
        } catch (IllegalArgumentException e) {
            update(trial.failed("its values do not fit the recipe: " + e.getMessage(), 0),
                    "Trial " + trial.id() + " failed: " + e.getMessage());
            return false;
        }
        update(trial.running(target), "Trial " + trial.id() + " " + why);
        RunFolder runFolder = RunFolder.create(folder.dir().resolve(trial.folder()));
        int until = rungs.get(target);
        TrialRunner runner = tuning.runner();
        sessions.submit(() -> {
            long start = System.nanoTime();
            try {
                TrialRunner.Session session = runner.train(recipe, runFolder, until);
                return new Ended(trial.id(), session, null, (System.nanoTime() - start) / 1e9);
            } catch (RuntimeException e) {
                return new Ended(trial.id(), null, e, (System.nanoTime() - start) / 1e9);
            }
        });
        return true;
    }

    /** Records how a session ended. */
    private void record(Ended ended) {
        Trial trial = trials.get(ended.id() - 1);
        if (ended.failure() != null) {
            String why = firstLine(ended.failure());
            update(trial.failed(why, ended.seconds()), "Trial " + trial.id() + " failed: " + why);
            return;
        }
        Trial trained = trial.trained(ended.session().valAccuracy(), rungs, ended.seconds());
        if (ended.session().diverged()) {
            update(trained.failed("its loss became NaN or infinite", 0), "Trial " + trial.id() + " diverged");
            return;
        }
        String what = switch (trained.state()) {
            case PAUSED -> "paused at " + TuneReport.epochs(trained.epochs());
            case COMPLETED -> trained.note().isEmpty() ? "completed " + TuneReport.epochs(trained.epochs())
                    : "completed: " + trained.note();
            default -> trained.state().id();
        };
        update(trained, String.format(Locale.ROOT, "Trial %d %s, best val acc %.4f", trial.id(), what,
                trained.bestAccuracy()));
    }

    private void update(Trial trial, String event) {
        trials.set(trial.id() - 1, trial);
        StudyFiles.save(folder, search, trials, progress.seconds(), false);
        tuning.changed();
        progress.event(event, trials);
    }

    /**
     * The next session to end. An {@link Error} in a trial's thread ends the search as a crash would: nothing of that
     * session is recorded, and the study continues from its last record.
     */
    private static Ended take(CompletionService<Ended> sessions) {
        try {
            return sessions.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the search was interrupted; continue it with --resume", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a trial failed: " + e.getCause(), e.getCause());
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse("");
    }
}
