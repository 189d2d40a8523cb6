package dev.regzoo.train;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.ScheduleSpec;
import dev.regzoo.recipes.StoppingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingModelSaver;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.earlystopping.termination.InvalidScoreIterationTerminationCondition;
import org.deeplearning4j.earlystopping.termination.IterationTerminationCondition;
import org.deeplearning4j.earlystopping.termination.MaxTimeIterationTerminationCondition;
import org.deeplearning4j.nn.api.Model;

/**
 * The early stopping of every regzoo trainer: the plain one ({@code EarlyStoppingTrainer} /
 * {@code EarlyStoppingGraphTrainer}), ParallelWrapper's ({@link ParallelTraining}) and the Spark job's. One
 * {@link StoppingSpec} gives one DL4J configuration: the epoch limit, patience with a minimum improvement, the
 * wall-time limit, and an immediate stop on a NaN or infinite training loss or validation score (a score calculator
 * returns NaN, rather than evaluating, for a network whose weights or outputs are: {@link Divergence}); a resumed run
 * counts the epochs and the patience
 * from the run's start. The same goes for ReduceLROnPlateau ({@link #plateau}) and the reading of the result
 * ({@link #termination}, {@link #diverged}).
 */
public final class EarlyStopping {

    /** How the termination of a run whose loss or weights became NaN or infinite begins. */
    static final String DIVERGED = "diverged";

    private EarlyStopping() {
    }

    /**
     * DL4J's early-stopping configuration for {@code stop}: {@code saver} keeps the best and the latest model,
     * {@code score} scores every epoch on the validation data.
     *
     * @param history the epochs an interrupted run has done already (empty for a new run): the epoch limit and the
     *                patience count from the run's first epoch
     */
    public static <T extends Model> EarlyStoppingConfiguration<T> configuration(StoppingSpec stop,
                                                                              EarlyStoppingModelSaver<T> saver,
                                                                              ScoreCalculator<T> score,
                                                                              List<EpochRecord> history) {
        return configuration(stop, saver, score, history, stop.maxEpochs());
    }

    /**
     * As {@link #configuration(StoppingSpec, EarlyStoppingModelSaver, ScoreCalculator, List)}, pausing after epoch
     * {@code untilEpoch} (at most {@code stop.maxEpochs()}) of the run.
     */
    static <T extends Model> EarlyStoppingConfiguration<T> configuration(StoppingSpec stop,
                                                                       EarlyStoppingModelSaver<T> saver,
                                                                       ScoreCalculator<T> score,
                                                                       List<EpochRecord> history, int untilEpoch) {
        List<IterationTerminationCondition> iterationConditions = new ArrayList<>();
        iterationConditions.add(new InvalidScoreIterationTerminationCondition());
        if (stop.maxMinutes() > 0) {
            // milliseconds: DL4J rejects a limit of 0, which whole seconds would make of a few seconds' limit
            iterationConditions.add(new MaxTimeIterationTerminationCondition(
                    Math.max(1, Math.round(stop.maxMinutes() * 60_000)), TimeUnit.MILLISECONDS));
        }
        return new EarlyStoppingConfiguration.Builder<T>()
                .modelSaver(saver)
                .saveLastModel(true)
                .evaluateEveryNEpochs(1)
                .scoreCalculator(score)
                .epochTerminationConditions(new DivergedEpochCondition(),
                        new RunEpochLimit(stop.maxEpochs(), history.size(), untilEpoch),
                        new ContinuedImprovementCondition(stop.patience(), stop.minDelta(),
                                monitored(history, stop.monitor()), !stop.monitor().maximize()))
                .iterationTerminationConditions(iterationConditions.toArray(new IterationTerminationCondition[0]))
                .build();
    }

    /**
     * ReduceLROnPlateau when {@code recipe}'s schedule asks for it, starting from {@code learningRate}, with the
     * scores of {@code history} replayed so that its patience continues after a resume.
     */
    public static Optional<PlateauReducer> plateau(Recipe recipe, double learningRate, List<EpochRecord> history) {
        ScheduleSpec s = recipe.schedule();
        StoppingSpec stop = recipe.stopping();
        if (!s.plateau()) {
            return Optional.empty();
        }
        PlateauReducer reducer = new PlateauReducer(learningRate, s.plateauFactor(), s.plateauPatience(), s.minLr(),
                stop.minDelta(), stop.monitor().maximize());
        for (double score : monitored(history, stop.monitor())) {
            reducer.update(score);
        }
        return Optional.of(reducer);
    }

    /**
     * Why a run stopped, as its report says it.
     *
     * @throws IllegalStateException when DL4J's trainer failed with an exception
     */
    public static String termination(EarlyStoppingResult<?> result) {
        if (result.getTerminationReason() == EarlyStoppingResult.TerminationReason.Error) {
            throw new IllegalStateException("training failed: " + result.getTerminationDetails());
        }
        if (diverged(result)) {
            return DIVERGED + ": the loss became NaN or infinite (" + result.getTerminationDetails()
                    + "); lower the learning rate";
        }
        return result.getTerminationReason() + ": " + result.getTerminationDetails();
    }

    /** Whether the run stopped because the training loss, the weights or the outputs became NaN or infinite. */
    public static boolean diverged(EarlyStoppingResult<?> result) {
        String details = result.getTerminationDetails();
        return details != null && (details.contains(InvalidScoreIterationTerminationCondition.class.getSimpleName())
                || details.contains(DivergedEpochCondition.class.getSimpleName()));
    }

    private static double[] monitored(List<EpochRecord> history, StoppingSpec.Monitor monitor) {
        return history.stream().mapToDouble(r -> monitor == StoppingSpec.Monitor.VAL_LOSS ? r.valLoss()
                : r.valAccuracy()).toArray();
    }
}
