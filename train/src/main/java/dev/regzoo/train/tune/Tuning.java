package dev.regzoo.train.tune;

import dev.regzoo.train.RunFolder;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * Runs a hyperparameter {@link Search} into a study folder, or continues one: the search of {@code regzoo tune},
 * from Java.
 *
 * <pre>{@code
 * Recipe recipe = Recipes.get("fashion-smallcnn").toBuilder().trainLimit(10_000).build();
 * SearchSpace space = SearchSpace.parse(recipe, "lr=loguniform(1e-3,3e-1)", "weight-decay=loguniform(1e-5,1e-3)");
 * TuningResult result = Tuning.of(Search.builder(recipe, space).trials(24).maxEpochs(8).build())
 *         .folder(Path.of("runs/tune-smallcnn"))
 *         .run();
 * Recipe best = result.bestRecipe();
 * // after a crash or kill -9: Tuning.resume(Path.of("runs/tune-smallcnn")).run();
 * }</pre>
 *
 * <p>The study folder holds every trial as a normal run folder ({@code trial-NNN/}), the study's state
 * ({@code study.json}, {@code trials.tsv}, {@code base-recipe.json}, {@code space.json}), rewritten after every
 * change, and its report ({@code report.md}, charts, {@code best-recipe.json}). A search killed at any moment loses
 * at most the epochs its running trials were in: continued, those trials go on from their latest checkpoint and no
 * finished session is repeated. One search at a time holds a folder (a lock that the OS releases when the process
 * ends).
 *
 * <p>Written here rather than taken from a library: DL4J's Arbiter was removed after 1.0.0-beta7 and has no release
 * for 1.0.0-M2.1, DJL's {@code EasyHpo} is random search inside DJL's own trainer, Smile's search is GPL-licensed and
 * Tribuo has none; the schedulers here are small (random and grid sampling, ASHA's promotion rule).
 */
public final class Tuning {

    private final Search search;
    private final Path resume;
    private Path folder;
    private int parallel = 1;
    private PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    private boolean progressBar = System.console() != null;
    private TrialRunner runner = TrialRunner.engine();
    private TrialCluster cluster;

    private Tuning(Search search, Path resume) {
        this.search = search;
        this.resume = resume;
    }

    /**
     * A new study of {@code search}.
     *
     * @throws IllegalArgumentException when {@code search} is null
     */
    public static Tuning of(Search search) {
        if (search == null) {
            throw new IllegalArgumentException("search is null");
        }
        return new Tuning(search, null);
    }

    /**
     * Continues the study in {@code studyFolder} with the settings it began with: its running trials from their
     * latest checkpoints, then the rest.
     *
     * @throws IllegalArgumentException when {@code studyFolder} is null
     */
    public static Tuning resume(Path studyFolder) {
        if (studyFolder == null) {
            throw new IllegalArgumentException("resume: the study folder is null");
        }
        return new Tuning(null, studyFolder);
    }

    /**
     * The study folder of a new study (created if absent). Default: {@code runs/tune-<recipe>-<yyyyMMdd-HHmmss>}.
     *
     * @throws IllegalArgumentException when {@code dir} is null, or for a study being continued
     */
    public Tuning folder(Path dir) {
        if (dir == null || search == null) {
            throw new IllegalArgumentException(dir == null ? "folder is null"
                    : "folder: a continued study stays in its own folder");
        }
        this.folder = dir;
        return this;
    }

    /**
     * Trials trained at once, at least 1; default 1. They share this machine's cores: each runs ND4J on
     * {@code cores / parallel} threads.
     */
    public Tuning parallel(int trials) {
        this.parallel = trials;
        return this;
    }

    /**
     * Prints the progress lines (one per trial event) to {@code out} instead of standard output.
     *
     * @throws IllegalArgumentException when {@code out} is null
     */
    public Tuning printTo(PrintWriter out) {
        if (out == null) {
            throw new IllegalArgumentException("printTo is null");
        }
        this.out = out;
        return this;
    }

    /** Prints nothing: no progress lines, no progress bar. */
    public Tuning quiet() {
        this.out = new PrintWriter(OutputStream.nullOutputStream());
        this.progressBar = false;
        return this;
    }

    /**
     * Where trials train; default {@link TrialRunner#engine()}, regzoo's trainer in this JVM.
     *
     * @throws IllegalArgumentException when {@code runner} is null
     */
    public Tuning runner(TrialRunner runner) {
        if (runner == null) {
            throw new IllegalArgumentException("runner is null");
        }
        this.runner = runner;
        return this;
    }

    /**
     * Trains the trials on {@code cluster}, one task per session, and copies the study to the cluster's study folder
     * after every change. The study itself is kept in {@link TrialCluster#folder()}: give it to {@link #folder} or
     * {@link #resume}. That folder may be the cluster's local copy, removed when the cluster closes: the study stays
     * at {@link TrialCluster#location()}.
     *
     * @throws IllegalArgumentException when {@code cluster} is null
     */
    public Tuning on(TrialCluster cluster) {
        if (cluster == null) {
            throw new IllegalArgumentException("cluster is null");
        }
        this.cluster = cluster;
        this.runner = cluster.runner();
        return this;
    }

    /**
     * Runs the study until every trial is completed, pruned or failed.
     *
     * @throws IllegalArgumentException for a parallel count below 1, a new study in a folder that holds one, or a
     *                                  folder to continue that holds none
     * @throws IllegalStateException    when another search holds the folder
     */
    public TuningResult run() {
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel must be at least 1, got " + parallel);
        }
        if (resume != null && !Files.isRegularFile(resume.resolve(StudyFiles.STUDY))) {
            throw new IllegalArgumentException(resume + ": not a regzoo tune study folder (no " + StudyFiles.STUDY
                    + ")");
        }
        RunFolder dir = RunFolder.create(resume != null ? resume : folder != null ? folder
                : RunFolder.timestamped("tune-" + search.recipe().name()));
        try (StudyLock lock = StudyLock.take(dir.dir())) {
            if (resume != null) {
                StudyFiles.Study study = StudyFiles.read(dir);
                return new StudyRun(dir, StudyFiles.search(dir, study), study.trials(), study.seconds(), this)
                        .run();
            }
            if (StudyFiles.exists(dir)) {
                throw new IllegalArgumentException(dir.dir() + " holds a study already: continue it with --resume "
                        + dir.dir() + ", or give another folder");
            }
            List<Map<String, JsonNode>> drawn = search.draw();
            List<Trial> trials = IntStream.range(0, drawn.size()).mapToObj(i -> Trial.pending(i + 1, drawn.get(i)))
                    .toList();
            StudyFiles.begin(dir, search);
            StudyFiles.save(dir, search, trials, 0, false);
            changed();
            return new StudyRun(dir, search, trials, 0, this).run();
        }
    }

    int parallel() {
        return parallel;
    }

    PrintWriter out() {
        return out;
    }

    boolean progressBar() {
        return progressBar;
    }

    TrialRunner runner() {
        return runner;
    }

    /** Called after every change to the study folder {@code dir}'s files. */
    void changed() {
        if (cluster != null) {
            cluster.sync();
        }
    }

    /** The study folder {@code dir}, as messages name it. */
    String location(Path dir) {
        return cluster != null ? cluster.location() : dir.toString();
    }
}
