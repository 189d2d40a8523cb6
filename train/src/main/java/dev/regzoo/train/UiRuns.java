package dev.regzoo.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;

/**
 * The runs a {@link TrainingUi} shows on regzoo's pages: the folders it was given (run folders, study folders,
 * folders of runs), the runs trained in this JVM with it, and each run's DL4J statistics ({@code stats.bin}) attached
 * to DL4J's pages once. Paths are absolute and normalized. Safe for the server's threads and the trainer's at once.
 */
public final class UiRuns {

    /** How many levels below a folder given to the UI runs are found: a folder of studies of runs. */
    public static final int DEPTH = 2;
    /**
     * How recently a process must have written a run folder that has not ended for the run to count as training
     * there: DL4J's statistics are written every few iterations, so a training run's {@code stats.bin} is seconds old.
     */
    public static final Duration FRESH = Duration.ofSeconds(120);
    private static final List<String> RUN_FILES = List.of(RunFolder.RECIPE_FILE, RunMetrics.FILE,
            TrainingUi.STATS_FILE);

    private final List<Path> folders;
    private final Consumer<StatsStorage> attach;
    private final Set<Path> trainedHere = ConcurrentHashMap.newKeySet();
    private final Set<Path> trainingHere = ConcurrentHashMap.newKeySet();
    private final Map<Path, Opened> opened = new ConcurrentHashMap<>();

    /** A run's statistics: the storage attached to the UI, or why there is none. */
    private record Opened(StatsStorage storage, String problem, boolean ownedHere) {
    }

    /**
     * What a run has on DL4J's pages.
     *
     * @param sessions DL4J's session ids of the run (empty before its first statistics)
     * @param problem  why DL4J's pages have nothing for the run, if they have nothing
     */
    public record RunStatistics(List<String> sessions, Optional<String> problem) {
    }

    UiRuns(List<Path> folders, Consumer<StatsStorage> attach) {
        this.folders = folders.stream().map(UiRuns::normal).toList();
        this.attach = attach;
    }

    /** The files whose presence makes a folder a run folder: any of them. */
    public static List<String> runFiles() {
        return RUN_FILES;
    }

    /** The folders given to the UI, in the order given. */
    public List<Path> folders() {
        return folders;
    }

    /** The runs trained in this JVM with this UI, training now or done. */
    public Set<Path> trainedHere() {
        return Set.copyOf(trainedHere);
    }

    /** Whether the run is training in this JVM now. */
    public boolean trainingHere(Path runDir) {
        return trainingHere.contains(normal(runDir));
    }

    /**
     * Whether another process may be training the run now: it is not training in this JVM, its {@code metrics.json}
     * does not say how it ended, and one of its files was written within {@link #FRESH}.
     */
    public boolean trainingElsewhere(Path runDir) {
        Path run = normal(runDir);
        if (trainingHere.contains(run)) {
            return false;
        }
        boolean ended;
        try {
            ended = RunMetrics.read(run).flatMap(RunMetrics::ending).isPresent();
        } catch (IllegalArgumentException damaged) {
            ended = false;
        }
        return !ended && writtenRecently(run);
    }

    /**
     * The run's statistics on DL4J's pages. The first call for a run that is not training (here or in another
     * process: DL4J's file storage is not made to be opened by two processes) opens its {@code stats.bin} and attaches
     * it to the UI.
     */
    public RunStatistics statistics(Path runDir) {
        Path run = normal(runDir);
        if (!opened.containsKey(run) && trainingElsewhere(run)) {
            return new RunStatistics(List.of(), Optional.of(TrainingUi.STATS_FILE + " is being written by another "
                    + "process: DL4J's pages show the run once that has ended"));
        }
        Opened stats = opened.computeIfAbsent(run, this::open);
        return stats.storage() == null ? new RunStatistics(List.of(), Optional.of(stats.problem()))
                : new RunStatistics(List.copyOf(stats.storage().listSessionIDs()), Optional.empty());
    }

    /**
     * Attaches the statistics of every run below the folders given (down to {@link #DEPTH} levels), so that DL4J's
     * pages show them from the start.
     */
    void attachAll() {
        for (Path folder : folders) {
            try (Stream<Path> files = Files.find(folder, DEPTH + 1, (file, attributes) -> attributes.isRegularFile()
                    && file.getFileName().toString().equals(TrainingUi.STATS_FILE))) {
                files.map(Path::getParent).forEach(this::statistics);
            } catch (IOException | UncheckedIOException e) {
                // a folder that cannot be listed: the runs page lists it without runs
            }
        }
    }

    /** Shows {@code runDir} as training in this JVM, with its statistics in {@code storage} (attached already). */
    void startLive(Path runDir, StatsStorage storage) {
        Path run = normal(runDir);
        opened.put(run, new Opened(storage, null, false));
        trainedHere.add(run);
        trainingHere.add(run);
    }

    /** The run has stopped training and its storage is closed: its statistics are read from its folder again. */
    void endLive(Path runDir) {
        Path run = normal(runDir);
        trainingHere.remove(run);
        opened.remove(run);
        statistics(run);
    }

    /** Closes the statistics this object opened (the trainer closes those of runs training here). */
    void close() {
        opened.values().stream().filter(Opened::ownedHere).forEach(o -> TrainingUi.close(o.storage()));
        opened.clear();
    }

    private Opened open(Path run) {
        Path file = run.resolve(TrainingUi.STATS_FILE);
        if (!Files.isRegularFile(file)) {
            return new Opened(null, "no " + TrainingUi.STATS_FILE + ": DL4J's pages have nothing for this run", false);
        }
        try {
            StatsStorage storage = new FileStatsStorage(file.toFile());
            attach.accept(storage);
            return new Opened(storage, null, true);
        } catch (RuntimeException e) {
            // MapDB's DBException: a damaged or empty file (the file is left as it is)
            return new Opened(null, TrainingUi.STATS_FILE + " cannot be opened (" + e + "): DL4J's pages have "
                    + "nothing for this run", false);
        }
    }

    private static boolean writtenRecently(Path run) {
        long newest = 0;
        for (String name : RUN_FILES) {
            try {
                newest = Math.max(newest, Files.getLastModifiedTime(run.resolve(name)).toMillis());
            } catch (IOException absent) {
                // a file the run has not written yet
            }
        }
        return System.currentTimeMillis() - newest < FRESH.toMillis();
    }

    private static Path normal(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
