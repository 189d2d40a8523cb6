package dev.regzoo.recipes.train;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.ScheduleSpec;
import dev.regzoo.recipes.StoppingSpec;
import dev.regzoo.zoo.ModelRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.scorecalc.ClassificationScoreCalculator;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.earlystopping.termination.EpochTerminationCondition;
import org.deeplearning4j.earlystopping.termination.InvalidScoreIterationTerminationCondition;
import org.deeplearning4j.earlystopping.termination.IterationTerminationCondition;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.MaxTimeIterationTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingGraphTrainer;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.earlystopping.trainer.IEarlyStoppingTrainer;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Trains a {@link Recipe} with DL4J's own early stopping ({@code EarlyStoppingTrainer} /
 * {@code EarlyStoppingGraphTrainer}), keeps the best model by the monitored validation score, evaluates that model
 * on the test set and leaves a {@link RunFolder} behind.
 */
public final class Trainer {

    /** How often the UI's statistics are recorded: every this many iterations. */
    static final int STATS_EVERY_ITERATIONS = 10;

    private Trainer() {
    }

    /**
     * Why and how a run ended.
     *
     * @param report    everything the run measured
     * @param diverged  whether the loss became NaN or infinite
     */
    public record Outcome(RunReport report, boolean diverged) {
    }

    /**
     * Runs {@code recipe}, writing into {@code folder} and printing progress to {@code out}.
     *
     * @throws IllegalArgumentException for bad data or settings (before training starts)
     * @throws IllegalStateException    when DL4J's trainer failed with an exception
     */
    public static Outcome train(Recipe recipe, RunFolder folder, PrintWriter out) {
        return train(recipe, folder, out, Optional.empty());
    }

    /** As {@link #train(Recipe, RunFolder, PrintWriter)}, showing live statistics in {@code ui} when given. */
    public static Outcome train(Recipe recipe, RunFolder folder, PrintWriter out, Optional<TrainingUi> ui) {
        long start = System.nanoTime();
        folder.writeRecipe(recipe);
        StatsStorage stats = TrainingUi.storage(folder.dir());
        ui.ifPresent(u -> u.attach(stats));
        try (TrainingData data = TrainingData.prepare(recipe)) {
            out.printf("%s: %s, %d train / %d validation images%s, input %s, batch %d, up to %d epochs%n",
                    recipe.name(), data.opened().location(), data.trainSize(), data.validationSize(),
                    data.test().map(t -> " / " + t.numExamples() + " test").orElse(""), data.shape(),
                    recipe.batchSize(), recipe.stopping().maxEpochs());
            out.flush();
            Model net = buildModel(recipe, data);
            net.addListeners(new StatsListener(stats, STATS_EVERY_ITERATIONS));
            Optional<PlateauReducer> plateau = plateau(recipe);
            List<EpochRecord> none = new ArrayList<>();
            PartialReport partial = new PartialReport(recipe, folder, start);
            EarlyStoppingResult<? extends Model> result = net instanceof MultiLayerNetwork m
                    ? fit(m, MultiLayerNetwork.class, recipe, data, folder, plateau, none, out, partial)
                    : fit((ComputationGraph) net, ComputationGraph.class, recipe, data, folder, plateau, none, out,
                    partial);
            if (result.getTerminationReason() == EarlyStoppingResult.TerminationReason.Error) {
                throw new IllegalStateException("training failed: " + result.getTerminationDetails());
            }
            boolean diverged = result.getTerminationDetails() != null
                    && result.getTerminationDetails().contains(InvalidScoreIterationTerminationCondition.class
                    .getSimpleName());
            Model best = result.getBestModelEpoch() < 0 ? null : result.getBestModel();
            if (best == null) {
                deleteQuietly(folder.dir().resolve(AtomicModelSaver.BEST));
            }
            int bestEpoch = best == null ? 0 : result.getBestModelEpoch() + 1;
            double bestScore = best == null ? Double.NaN : result.getScoreVsEpoch().get(result.getBestModelEpoch());
            Optional<TestReport> test = best == null ? Optional.empty() : data.test().map(t -> {
                t.reset();
                return TestReport.of(((NeuralNetwork) best).doEvaluation(t, new Evaluation(data.classNames()))[0],
                        data.classNames());
            });
            RunReport report = new RunReport(recipe, partial.records(), bestEpoch, bestScore,
                    describe(result, diverged), test, (System.nanoTime() - start) / 1e9);
            report.writeAll(folder);
            return new Outcome(report, diverged);
        } finally {
            TrainingUi.close(stats);
        }
    }

    private static Model buildModel(Recipe recipe, TrainingData data) {
        int iterationsPerEpoch = (data.trainSize() + recipe.batchSize() - 1) / recipe.batchSize();
        ISchedule schedule = recipe.schedule().toSchedule(recipe.optimizer().learningRate(),
                recipe.stopping().maxEpochs(), iterationsPerEpoch);
        return ModelRegistry.create(recipe.model(), b -> {
            b.inputShape(data.shape()).classes(data.classNames().size()).seed(recipe.seed())
                    .regularization(recipe.regularization()).updater(recipe.optimizer().toUpdater(schedule));
            if (recipe.width() != null) {
                b.width(recipe.width());
            }
        }).init();
    }

    private static Optional<PlateauReducer> plateau(Recipe recipe) {
        ScheduleSpec s = recipe.schedule();
        StoppingSpec stop = recipe.stopping();
        return s.plateau() ? Optional.of(new PlateauReducer(recipe.optimizer().learningRate(), s.plateauFactor(),
                s.plateauPatience(), s.minLr(), stop.minDelta(), stop.monitor().maximize())) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Model> EarlyStoppingResult<T> fit(T net, Class<T> type, Recipe recipe,
                                                                TrainingData data, RunFolder folder,
                                                                Optional<PlateauReducer> plateau,
                                                                List<EpochRecord> previous, PrintWriter out,
                                                                PartialReport partial) {
        StoppingSpec stop = recipe.stopping();
        List<IterationTerminationCondition> iterationConditions = new ArrayList<>();
        iterationConditions.add(new InvalidScoreIterationTerminationCondition());
        if (stop.maxMinutes() > 0) {
            iterationConditions.add(new MaxTimeIterationTerminationCondition(
                    Math.round(stop.maxMinutes() * 60), TimeUnit.SECONDS));
        }
        List<EpochTerminationCondition> epochConditions = List.of(
                new MaxEpochsTerminationCondition(stop.maxEpochs()),
                new ScoreImprovementEpochTerminationCondition(stop.patience(), stop.minDelta()));
        AtomicModelSaver<T> saver = new AtomicModelSaver<>(folder.dir(), data.normalizer(),
                new ModelManifest(data.shape(), data.classNames(), recipe.name(), data.opened().name()), type);
        // DL4J's trainer calls getBestModel().score() when it stops; if the loss turns NaN before the first epoch
        // ends no best model exists and it throws a NullPointerException. The untrained network stands in until the
        // first epoch's model replaces it (and is removed again if no epoch ever does: see train()).
        saveUntrained(saver, net);
        EarlyStoppingConfiguration<T> config = new EarlyStoppingConfiguration.Builder<T>()
                .modelSaver(saver)
                .saveLastModel(true)
                .evaluateEveryNEpochs(1)
                .scoreCalculator(calculator(stop.monitor(), data))
                .epochTerminationConditions(epochConditions)
                .iterationTerminationConditions(iterationConditions.toArray(new IterationTerminationCondition[0]))
                .build();
        int iterationsPerEpoch = (data.trainSize() + recipe.batchSize() - 1) / recipe.batchSize();
        EpochTracker<T> tracker = new EpochTracker<>(stop.monitor(), data.validation(), plateau, previous,
                new EpochProgress(iterationsPerEpoch, EpochProgress.terminal()), out, partial::update);
        IEarlyStoppingTrainer<T> trainer;
        if (net instanceof MultiLayerNetwork m) {
            m.addListeners(tracker);
            trainer = (IEarlyStoppingTrainer<T>) new EarlyStoppingTrainer(
                    (EarlyStoppingConfiguration<MultiLayerNetwork>) config, m, data.train());
        } else {
            ComputationGraph g = (ComputationGraph) net;
            g.addListeners(tracker);
            trainer = (IEarlyStoppingTrainer<T>) new EarlyStoppingGraphTrainer(
                    (EarlyStoppingConfiguration<ComputationGraph>) config, g, data.train());
        }
        trainer.setListener(tracker);
        return trainer.fit();
    }

    private static <T extends Model> void saveUntrained(AtomicModelSaver<T> saver, T net) {
        try {
            saver.saveBestModel(net, Double.NaN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint: " + e.getMessage(), e);
        }
    }

    private static ScoreCalculator<?> calculator(StoppingSpec.Monitor monitor, TrainingData data) {
        return monitor == StoppingSpec.Monitor.VAL_LOSS
                ? new DataSetLossCalculator(data.validation(), true)
                : new ClassificationScoreCalculator(Evaluation.Metric.ACCURACY, data.validation());
    }

    private static void deleteQuietly(java.nio.file.Path file) {
        try {
            java.nio.file.Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the placeholder " + file + ": " + e.getMessage(), e);
        }
    }

    private static String describe(EarlyStoppingResult<?> result, boolean diverged) {
        if (diverged) {
            return "diverged: the training loss became NaN or infinite (" + result.getTerminationDetails()
                    + "); lower the learning rate";
        }
        return result.getTerminationReason() + ": " + result.getTerminationDetails();
    }

    /** Keeps {@code metrics.json} current after every epoch, so an interrupted run still has its curves. */
    private static final class PartialReport {
        private final Recipe recipe;
        private final RunFolder folder;
        private final long start;
        private List<EpochRecord> records = List.of();

        PartialReport(Recipe recipe, RunFolder folder, long start) {
            this.recipe = recipe;
            this.folder = folder;
            this.start = start;
        }

        void update(List<EpochRecord> latest) {
            records = latest;
            new RunReport(recipe, latest, 0, Double.NaN, "running", Optional.empty(),
                    (System.nanoTime() - start) / 1e9).writeMetrics(folder);
        }

        List<EpochRecord> records() {
            return records;
        }
    }
}
