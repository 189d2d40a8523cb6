package dev.regzoo.train.ui;

import dev.regzoo.train.RunMetrics;
import dev.regzoo.train.UiRuns;
import java.util.Optional;

/** Where a run stands, as the runs page shows it. */
enum RunStatus {
    /** Training: in this JVM, or in another process that wrote its folder lately ({@link UiRuns#FRESH}). */
    RUNNING("running"),
    /** Stopped before its end and not written since (resume it with {@code regzoo train --resume}). */
    INTERRUPTED("interrupted"),
    /** Trained all its epochs. */
    FINISHED("finished"),
    /** Stopped by early stopping (patience) or its time limit. */
    STOPPED_EARLY("stopped early"),
    /** Its training loss became NaN or infinite. */
    DIVERGED("diverged"),
    /** Its {@code metrics.json} cannot be read. */
    UNREADABLE("unreadable"),
    /** The folder holds no run. */
    NOT_A_RUN("not a run");

    private final String label;

    RunStatus(String label) {
        this.label = label;
    }

    /**
     * The status of a run with {@code metrics} (empty before its first epoch) that is or is not training in this JVM,
     * or, as far as can be told, in another process.
     */
    static RunStatus of(Optional<RunMetrics> metrics, boolean trainingHere, boolean trainingElsewhere) {
        Optional<RunMetrics.Ending> ending = metrics.flatMap(RunMetrics::ending);
        if (ending.isEmpty()) {
            return trainingHere || trainingElsewhere ? RUNNING : INTERRUPTED;
        }
        return switch (ending.get()) {
            case FINISHED -> FINISHED;
            case STOPPED_EARLY -> STOPPED_EARLY;
            case DIVERGED -> DIVERGED;
        };
    }

    /** The words shown. */
    String label() {
        return label;
    }
}
