package dev.regzoo.train;

import dev.regzoo.zoo.ModelFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;

/**
 * What {@link Training#fit()} returns: the best model, its epoch and score, the per-epoch history, why the run
 * stopped, the test report when a test iterator was given, and the run folder holding all of it.
 */
public final class TrainingResult {

    private final RunReport report;
    private final boolean diverged;
    private final Path runFolder;
    private Model bestModel;

    TrainingResult(Trainer.Outcome outcome, Path runFolder) {
        this.report = outcome.report();
        this.diverged = outcome.diverged();
        this.runFolder = runFolder;
    }

    /**
     * The network of the best epoch by the recipe's monitor, read from {@code bestModel.zip} (with its updater state,
     * so that it can train on) on the first call.
     *
     * @throws IllegalStateException when no epoch produced a model (the loss became NaN during the first epoch)
     */
    public synchronized Model bestModel() {
        if (bestModel == null) {
            if (bestEpoch() == 0) {
                throw new IllegalStateException("no best model: " + report.termination());
            }
            bestModel = ModelFiles.load(runFolder.resolve(AtomicModelSaver.BEST), true);
        }
        return bestModel;
    }

    /** The epoch of the best model (from 1), or 0 when there is none. */
    public int bestEpoch() {
        return report.bestEpoch();
    }

    /** The best model's monitored validation score (loss or accuracy, as the recipe's stopping says). */
    public double bestScore() {
        return report.bestScore();
    }

    /** One record per epoch trained. */
    public List<EpochRecord> history() {
        return report.epochs();
    }

    /** Why training stopped, e.g. {@code EpochTerminationCondition: ScoreImprovementEpochTerminationCondition(…)}. */
    public String termination() {
        return report.termination();
    }

    /** Whether training stopped because the loss became NaN or infinite. */
    public boolean diverged() {
        return diverged;
    }

    /** The best model on the test iterator, when one was given and a best model exists. */
    public Optional<TestReport> test() {
        return report.test();
    }

    /** The run folder. */
    public Path runFolder() {
        return runFolder;
    }

    /** Everything the run measured, as {@code metrics.json} and {@code report.md} hold it. */
    public RunReport report() {
        return report;
    }
}
