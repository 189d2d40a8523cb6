package dev.regzoo.train;

import dev.regzoo.zoo.ModelFiles;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.ScheduleSpec;
import dev.regzoo.recipes.StoppingSpec;
import dev.regzoo.zoo.ModelRegistry;
import dev.regzoo.zoo.Shape;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.termination.EpochTerminationCondition;
import org.deeplearning4j.earlystopping.termination.InvalidScoreIterationTerminationCondition;
import org.deeplearning4j.earlystopping.termination.IterationTerminationCondition;
import org.deeplearning4j.earlystopping.termination.MaxTimeIterationTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingGraphTrainer;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.earlystopping.trainer.IEarlyStoppingTrainer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Trains a {@link Recipe} with DL4J's own early stopping ({@code EarlyStoppingTrainer} /
 * {@code EarlyStoppingGraphTrainer}, or {@code EarlyStoppingParallelTrainer} with more than one worker), keeps the
 * best model by the monitored validation score, evaluates that model on the test set and leaves a {@link RunFolder}
 * behind. An interrupted run continues with {@link #resume}.
 */
public final class Trainer {

    private Trainer() {
    }

    /**
     * How a run ended.
     *
     * @param report   everything the run measured
     * @param diverged whether the loss became NaN or infinite
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
        return train(recipe, folder, out, ui, 1);
    }

    /**
     * As {@link #train(Recipe, RunFolder, PrintWriter, Optional)} on {@code workers} data-parallel threads
     * ({@link ParallelTraining}); 1 is the plain single-threaded trainer.
     *
     * @throws IllegalArgumentException when {@code workers} is below 1
     */
    public static Outcome train(Recipe recipe, RunFolder folder, PrintWriter out, Optional<TrainingUi> ui,
                                int workers) {
        return run(recipe, folder, out, ui, List.of(), ParallelTraining.checkWorkers(workers));
    }

    /**
     * Checks a worker count before anything is written.
     *
     * @throws IllegalArgumentException when {@code workers} is below 1
     */
    public static void checkWorkers(int workers) {
        ParallelTraining.checkWorkers(workers);
    }

    /**
     * Continues an interrupted run of {@code recipe} in {@code folder} from its latest checkpoint, with the epochs
     * done, the best score, the epochs without improvement and the learning rate (saved with the model) restored.
     *
     * @throws IllegalArgumentException when the folder has no checkpoint to continue from
     */
    public static Outcome resume(Recipe recipe, RunFolder folder, PrintWriter out, Optional<TrainingUi> ui) {
        return resume(recipe, folder, out, ui, 1);
    }

    /** As {@link #resume(Recipe, RunFolder, PrintWriter, Optional)} on {@code workers} data-parallel threads. */
    public static Outcome resume(Recipe recipe, RunFolder folder, PrintWriter out, Optional<TrainingUi> ui,
                                 int workers) {
        ParallelTraining.checkWorkers(workers);
        if (!Files.isRegularFile(folder.dir().resolve(AtomicModelSaver.LATEST))) {
            throw new IllegalArgumentException(folder.dir() + ": nothing to resume (no " + AtomicModelSaver.LATEST
                    + "; a run checkpoints after its first epoch)");
        }
        List<EpochRecord> history = EpochHistory.read(folder.dir());
        out.printf("Resuming %s after epoch %d%n", folder.dir(), history.size());
        return run(recipe, folder, out, ui, history, workers);
    }

    private static Outcome run(Recipe recipe, RunFolder folder, PrintWriter out, Optional<TrainingUi> ui,
                               List<EpochRecord> history, int workers) {
        // a resumed run's wall time includes the epochs of its earlier sessions
        double earlier = history.stream().mapToDouble(EpochRecord::seconds).sum();
        long start = System.nanoTime() - Math.round(earlier * 1e9);
        folder.writeRecipe(recipe);
        StatsStorage stats = TrainingUi.storage(folder.dir());
        ui.ifPresent(u -> u.attach(stats));
        try (TrainingData data = TrainingData.prepare(recipe, history.size())) {
            out.printf("%s: %s, %d train / %d validation images%s, input %s, batch %d, up to %d epochs%n",
                    recipe.name(), data.opened().location(), data.trainSize(), data.validationSize(),
                    data.test().map(t -> " / " + t.numExamples() + " test").orElse(""), data.shape(),
                    recipe.batchSize(), recipe.stopping().maxEpochs());
            if (workers > 1) {
                out.printf("%d data-parallel workers (DL4J ParallelWrapper, parameters averaged every %d "
                        + "iteration)%n", workers, ParallelTraining.AVERAGING_FREQUENCY);
            }
            out.flush();
            Model net = history.isEmpty() ? buildModel(recipe, data, workers)
                    : ModelFiles.load(folder.dir().resolve(AtomicModelSaver.LATEST), true);
            net.addListeners(UiStatistics.listener(stats));
            PartialReport partial = new PartialReport(recipe, folder, start, history);
            Optional<EarlyStoppingResult<? extends Model>> result = history.size() >= recipe.stopping().maxEpochs()
                    ? Optional.empty()
                    : Optional.of(net instanceof MultiLayerNetwork m
                    ? fit(m, MultiLayerNetwork.class, recipe, data, folder, history, out, partial, workers)
                    : fit((ComputationGraph) net, ComputationGraph.class, recipe, data, folder, history, out,
                    partial, workers));
            return finish(recipe, folder, data, result, partial.records(), start);
        } finally {
            TrainingUi.close(stats);
        }
    }

    private static Outcome finish(Recipe recipe, RunFolder folder, TrainingData data,
                                  Optional<EarlyStoppingResult<? extends Model>> result, List<EpochRecord> records,
                                  long start) {
        if (result.isPresent() && result.get().getTerminationReason() == EarlyStoppingResult.TerminationReason.Error) {
            throw new IllegalStateException("training failed: " + result.get().getTerminationDetails());
        }
        boolean diverged = result.map(r -> r.getTerminationDetails() != null && r.getTerminationDetails()
                .contains(InvalidScoreIterationTerminationCondition.class.getSimpleName())).orElse(false);
        BestEpoch best = BestEpoch.of(records, recipe.stopping().monitor());
        Path bestFile = folder.dir().resolve(AtomicModelSaver.BEST);
        if (!best.exists()) {
            deleteQuietly(bestFile);
        }
        Optional<TestReport> test = best.exists() ? data.test().map(t -> {
            t.reset();
            NeuralNetwork model = (NeuralNetwork) ModelFiles.load(bestFile, false);
            return TestReport.of(model.doEvaluation(t, new Evaluation(data.classNames()))[0], data.classNames());
        }) : Optional.empty();
        String termination = result.map(r -> describe(r, diverged))
                .orElse("MaxEpochsTerminationCondition: all epochs were already done");
        RunReport report = new RunReport(recipe, records, best.index() + 1, best.score(), termination, test,
                (System.nanoTime() - start) / 1e9);
        report.writeAll(folder);
        return new Outcome(report, diverged);
    }

    /** The recipe's model; with {@code workers} threads each replica steps through 1/workers of an epoch's batches. */
    private static Model buildModel(Recipe recipe, TrainingData data, int workers) {
        return buildModel(recipe, data.shape(), data.classNames().size(),
                (data.iterationsPerEpoch(recipe.batchSize()) + workers - 1) / workers);
    }

    /**
     * A new, initialised network for {@code recipe} (or the network it fine-tunes): its model, regularization and
     * optimizer, with the learning-rate schedule laid out over {@code iterationsPerEpoch} minibatch steps per epoch.
     */
    public static Model buildModel(Recipe recipe, Shape shape, int classes, int iterationsPerEpoch) {
        ISchedule schedule = recipe.schedule().toSchedule(recipe.optimizer().learningRate(),
                recipe.stopping().maxEpochs(), iterationsPerEpoch);
        if (recipe.transfer() != null) {
            return FineTuning.network(recipe.transfer(), shape, classes,
                    recipe.optimizer().toUpdater(schedule), recipe.seed());
        }
        return ModelRegistry.create(recipe.model(), b -> {
            b.inputShape(shape).classes(classes).seed(recipe.seed())
                    .regularization(recipe.regularization()).updater(recipe.optimizer().toUpdater(schedule));
            if (recipe.channelsLast() != null) {
                b.channelsLast(recipe.channelsLast());
            }
            if (recipe.width() != null) {
                b.width(recipe.width());
            }
        }).init();
    }

    /** ReduceLROnPlateau, if on, with the scores of earlier epochs replayed so that its patience continues. */
    private static Optional<PlateauReducer> plateau(Recipe recipe, List<EpochRecord> history) {
        ScheduleSpec s = recipe.schedule();
        StoppingSpec stop = recipe.stopping();
        if (!s.plateau()) {
            return Optional.empty();
        }
        PlateauReducer reducer = new PlateauReducer(recipe.optimizer().learningRate(), s.plateauFactor(),
                s.plateauPatience(), s.minLr(), stop.minDelta(), stop.monitor().maximize());
        for (double score : monitored(history, stop.monitor())) {
            reducer.update(score);
        }
        return Optional.of(reducer);
    }

    private static double[] monitored(List<EpochRecord> history, StoppingSpec.Monitor monitor) {
        return history.stream().mapToDouble(r -> monitor == StoppingSpec.Monitor.VAL_LOSS ? r.valLoss()
                : r.valAccuracy()).toArray();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Model> EarlyStoppingResult<T> fit(T net, Class<T> type, Recipe recipe,
                                                                TrainingData data, RunFolder folder,
                                                                List<EpochRecord> history, PrintWriter out,
                                                                PartialReport partial, int workers) {
        StoppingSpec stop = recipe.stopping();
        BestEpoch best = BestEpoch.of(history, stop.monitor());
        List<IterationTerminationCondition> iterationConditions = new ArrayList<>();
        iterationConditions.add(new InvalidScoreIterationTerminationCondition());
        if (stop.maxMinutes() > 0) {
            iterationConditions.add(new MaxTimeIterationTerminationCondition(
                    Math.round(stop.maxMinutes() * 60), TimeUnit.SECONDS));
        }
        List<EpochTerminationCondition> epochConditions = List.of(
                new RunEpochLimit(stop.maxEpochs(), history.size()),
                new ContinuedImprovementCondition(stop.patience(), stop.minDelta(), monitored(history, stop.monitor()),
                        !stop.monitor().maximize()));
        AtomicModelSaver<T> saver = new AtomicModelSaver<>(folder.dir(), data.normalizer(),
                new ModelManifest(data.shape(), data.classNames(), recipe.name(), data.opened().name(),
                        recipe.dataDir()), type,
                best.score(), !stop.monitor().maximize());
        int iterationsPerEpoch = data.iterationsPerEpoch(recipe.batchSize());
        ValidationScore<T> validation = new ValidationScore<>(data.validation(), stop.monitor());
        EpochTracker<T> tracker = new EpochTracker<>(validation, plateau(recipe, history),
                history, new EpochProgress(iterationsPerEpoch, EpochProgress.terminal()), out, partial::update);
        if (!best.exists()) {
            // DL4J's trainer calls getBestModel().score() when it stops; if the loss turns NaN before the first
            // epoch ends no best model exists and it throws a NullPointerException. The untrained network stands in
            // until an epoch's model replaces it, and finish() removes it if none ever does.
            saveStandIn(saver, net);
        }
        EarlyStoppingConfiguration<T> config = new EarlyStoppingConfiguration.Builder<T>()
                .modelSaver(saver)
                .saveLastModel(true)
                .evaluateEveryNEpochs(1)
                .scoreCalculator(workers > 1
                        ? saver.offeringScored(ParallelTraining.endingEpochs(validation, tracker)) : validation)
                .epochTerminationConditions(epochConditions)
                .iterationTerminationConditions(iterationConditions.toArray(new IterationTerminationCondition[0]))
                .build();
        net.addListeners(tracker);
        if (workers > 1) {
            return ParallelTraining.fit(config, net, data.train(), tracker, workers);
        }
        IEarlyStoppingTrainer<T> trainer = net instanceof MultiLayerNetwork m
                ? (IEarlyStoppingTrainer<T>) new EarlyStoppingTrainer(
                        (EarlyStoppingConfiguration<MultiLayerNetwork>) config, m, data.train())
                : (IEarlyStoppingTrainer<T>) new EarlyStoppingGraphTrainer(
                        (EarlyStoppingConfiguration<ComputationGraph>) config, (ComputationGraph) net, data.train());
        trainer.setListener(tracker);
        return trainer.fit();
    }

    private static <T extends Model> void saveStandIn(AtomicModelSaver<T> saver, T net) {
        try {
            saver.saveStandIn(net);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the stand-in " + file + ": " + e.getMessage(), e);
        }
    }

    private static String describe(EarlyStoppingResult<?> result, boolean diverged) {
        if (diverged) {
            return "diverged: the training loss became NaN or infinite (" + result.getTerminationDetails()
                    + "); lower the learning rate";
        }
        return result.getTerminationReason() + ": " + result.getTerminationDetails();
    }

    /** Keeps {@code metrics.json} current after every epoch, so an interrupted run keeps its curves and can resume. */
    private static final class PartialReport {
        private final Recipe recipe;
        private final RunFolder folder;
        private final long start;
        private List<EpochRecord> records;

        PartialReport(Recipe recipe, RunFolder folder, long start, List<EpochRecord> history) {
            this.recipe = recipe;
            this.folder = folder;
            this.start = start;
            this.records = List.copyOf(history);
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
