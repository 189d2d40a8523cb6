package dev.regzoo.train;

import dev.regzoo.data.labels.SoftLabelIterator;
import dev.regzoo.recipes.EmaSpec;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.StoppingSpec;
import dev.regzoo.zoo.ModelFiles;
import dev.regzoo.zoo.ModelRegistry;
import dev.regzoo.zoo.Networks;
import dev.regzoo.zoo.Shape;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingModelSaver;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingGraphTrainer;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.earlystopping.trainer.IEarlyStoppingTrainer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Trains a {@link Recipe} with DL4J's own early stopping ({@code EarlyStoppingTrainer} /
 * {@code EarlyStoppingGraphTrainer}, or {@code EarlyStoppingParallelTrainer} with more than one worker, configured by
 * {@link EarlyStopping}), keeps the best model by the monitored validation score, evaluates that model on the test set
 * and leaves a {@link RunFolder} behind. {@link #train} and {@link #resume} open the recipe's dataset by name (the
 * command line); {@link Training} hands the same engine a user's own iterators and network.
 */
public final class Trainer {

    /** Why data-parallel workers (ParallelWrapper, the Spark job) cannot keep an EMA of the weights. */
    public static final String WHY_NO_EMA_ON_WORKERS = "the workers' weights are averaged without the network's "
            + "listeners seeing them, so no EMA step would see them";

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
     * ({@link ParallelTraining}); 1 is the plain single-threaded trainer, several train without the recipe's EMA
     * ({@link #forWorkers}).
     *
     * @throws IllegalArgumentException when {@code workers} is below 1
     */
    public static Outcome train(Recipe recipe, RunFolder folder, PrintWriter out, Optional<TrainingUi> ui,
                                int workers) {
        checkWorkers(workers);
        Recipe trained = forWorkers(recipe, workers, out);
        return run(trained, folder, out, ui, List.of(), workers, EpochProgress.terminal(),
                trained.stopping().maxEpochs());
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
     * {@code recipe} as {@code workers} data-parallel ParallelWrapper threads train it: on several, without its EMA of
     * the weights (said on {@code out}; the run's {@code recipe.json} records the recipe trained), which they could
     * not keep: ParallelWrapper averages its workers' weights without telling the network's listeners, so no EMA step
     * would see them. The command line refuses an explicit {@code --ema-decay} with several workers instead.
     */
    public static Recipe forWorkers(Recipe recipe, int workers, PrintWriter out) {
        return workers > 1 ? withoutEma(recipe, "on " + workers + " ParallelWrapper workers", out) : recipe;
    }

    /**
     * {@code recipe} without its EMA of the weights, if it has one, with a note on {@code out} that it trains so
     * {@code where} ("on 2 ParallelWrapper workers": a trainer that averages its workers' weights without telling
     * the network's listeners).
     */
    public static Recipe withoutEma(Recipe recipe, String where, PrintWriter out) {
        if (!recipe.ema().enabled()) {
            return recipe;
        }
        out.printf("Note: %s trains without its EMA of the weights (decay %s) %s: %s (one worker, 'regzoo train', "
                + "keeps it)%n", recipe.name(), recipe.ema().decay(), where, WHY_NO_EMA_ON_WORKERS);
        out.flush();
        return recipe.toBuilder().ema(EmaSpec.OFF).build();
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
        checkWorkers(workers);
        if (!Files.isRegularFile(folder.dir().resolve(AtomicModelSaver.LATEST))) {
            throw new IllegalArgumentException(folder.dir() + ": nothing to resume (no " + AtomicModelSaver.LATEST
                    + "; a run checkpoints after its first epoch)");
        }
        List<EpochRecord> history = RunMetrics.read(folder.dir()).map(RunMetrics::epochs).orElse(List.of());
        out.printf("Resuming %s after epoch %d%n", folder.dir(), history.size());
        Recipe trained = forWorkers(recipe, workers, out);
        return run(trained, folder, out, ui, history, workers, EpochProgress.terminal(),
                trained.stopping().maxEpochs());
    }

    /**
     * Trains {@code recipe} in {@code folder} up to epoch {@code untilEpoch} and pauses there, or, when the folder
     * holds a checkpoint, continues that paused or interrupted run up to it. The learning-rate schedule, the
     * patience and the epoch count still run over the recipe's {@code maxEpochs}, so a run paused and continued trains
     * as one that was not; a paused run's best model is evaluated on the test set only when the run ends. Progress
     * lines go to {@code out}, without a progress bar. The hyperparameter search continues its promoted trials so.
     *
     * @param untilEpoch the epoch to pause after, from 1 to the recipe's {@code maxEpochs} (which ends the run)
     * @throws IllegalArgumentException when {@code untilEpoch} is outside that range
     */
    public static Outcome trainUntil(Recipe recipe, RunFolder folder, PrintWriter out, int untilEpoch) {
        int epochs = recipe.stopping().maxEpochs();
        if (untilEpoch < 1 || untilEpoch > epochs) {
            throw new IllegalArgumentException("untilEpoch must be from 1 to the recipe's " + epochs
                    + " epochs, got " + untilEpoch);
        }
        boolean continuing = Files.isRegularFile(folder.dir().resolve(AtomicModelSaver.LATEST));
        List<EpochRecord> history = continuing
                ? RunMetrics.read(folder.dir()).map(RunMetrics::epochs).orElse(List.of()) : List.of();
        if (continuing) {
            out.printf("Continuing %s after epoch %d%n", folder.dir(), history.size());
        }
        return run(recipe, folder, out, Optional.empty(), history, 1, false, untilEpoch);
    }

    private static Outcome run(Recipe recipe, RunFolder folder, PrintWriter out, Optional<TrainingUi> ui,
                               List<EpochRecord> history, int workers, boolean progressBar, int untilEpoch) {
        // a resumed run's wall time includes the epochs of its earlier sessions
        double earlier = history.stream().mapToDouble(EpochRecord::seconds).sum();
        long start = System.nanoTime() - Math.round(earlier * 1e9);
        try (TrainingData data = TrainingData.prepare(recipe, history.size())) {
            // with several workers each replica steps through 1/workers of an epoch's batches
            Model net = history.isEmpty() ? buildModel(recipe, data.shape(), data.classNames().size(),
                    (data.iterationsPerEpoch() + workers - 1) / workers)
                    : ModelFiles.load(folder.dir().resolve(AtomicModelSaver.LATEST), true);
            Settings settings = new Settings(recipe, folder, out, progressBar, ui, workers,
                    recipe.optimizer().learningRate(), untilEpoch);
            return run(settings, data, net, history, start);
        }
    }

    /**
     * How the engine runs.
     *
     * @param recipe       the recipe: stopping, plateau, and what {@code recipe.json} and the reports name
     * @param folder       the run folder
     * @param out          progress lines
     * @param progressBar  whether a progress bar is drawn per epoch
     * @param ui           the live training UI, if any
     * @param workers      1 for the plain trainer, more for ParallelWrapper threads
     * @param learningRate the learning rate ReduceLROnPlateau starts from
     * @param untilEpoch   the epoch this session stops after: the recipe's {@code maxEpochs}, or fewer to pause
     */
    record Settings(Recipe recipe, RunFolder folder, PrintWriter out, boolean progressBar, Optional<TrainingUi> ui,
                    int workers, double learningRate, int untilEpoch) {
    }

    /**
     * The engine: trains {@code net} on {@code data} with early stopping after the {@code history} of an interrupted
     * run, evaluates the best model on the test data and leaves the run folder. {@code net}'s own training listeners
     * are restored when it returns.
     *
     * @param start {@code System.nanoTime()} when the run started
     */
    static Outcome run(Settings s, RunData data, Model net, List<EpochRecord> history, long start) {
        Recipe recipe = s.recipe();
        s.folder().writeRecipe(recipe);
        StatsStorage stats = TrainingUi.storage(s.folder().dir());
        s.ui().ifPresent(u -> u.attach(s.folder().dir(), stats));
        Collection<TrainingListener> own = Networks.listeners(net);
        try {
            s.out().printf("%s: %s, up to %d epochs%n", recipe.name(), data.summary(),
                    recipe.stopping().maxEpochs());
            if (s.workers() > 1) {
                s.out().printf("%d data-parallel workers (DL4J ParallelWrapper, parameters averaged every %d "
                        + "iteration)%n", s.workers(), ParallelTraining.AVERAGING_FREQUENCY);
            }
            s.out().flush();
            net.addListeners(UiStatistics.listener(stats));
            PartialReport partial = new PartialReport(recipe, s.folder(), start, history);
            Optional<EarlyStoppingResult<? extends Model>> result = history.size() >= s.untilEpoch()
                    ? Optional.empty()
                    : Optional.of(net instanceof MultiLayerNetwork m
                    ? fit(m, MultiLayerNetwork.class, s, data, history, partial)
                    : fit((ComputationGraph) net, ComputationGraph.class, s, data, history, partial));
            return finish(recipe, s.folder(), data, result, partial.records(), start, s.untilEpoch());
        } finally {
            net.setListeners(own);
            s.ui().ifPresentOrElse(u -> u.release(s.folder().dir(), stats), () -> TrainingUi.close(stats));
        }
    }

    private static Outcome finish(Recipe recipe, RunFolder folder, RunData data,
                                  Optional<EarlyStoppingResult<? extends Model>> result, List<EpochRecord> records,
                                  long start, int untilEpoch) {
        int epochs = recipe.stopping().maxEpochs();
        String termination = result.map(EarlyStopping::termination).orElse(
                RunEpochLimit.describe(epochs, untilEpoch) + ": its epochs were already done");
        boolean diverged = result.map(EarlyStopping::diverged).orElse(false);
        boolean paused = !diverged && untilEpoch < epochs && records.size() >= untilEpoch;
        BestEpoch best = BestEpoch.of(records, recipe.stopping().monitor());
        Path bestFile = folder.dir().resolve(AtomicModelSaver.BEST);
        if (!best.exists()) {
            deleteQuietly(bestFile);
        }
        Optional<TestReport> test = best.exists() && !paused ? data.test().map(t -> {
            t.reset();
            NeuralNetwork model = (NeuralNetwork) ModelFiles.load(bestFile, false);
            return TestReport.of(model.doEvaluation(t, new Evaluation(data.classNames()))[0], data.classNames());
        }) : Optional.empty();
        RunReport report = new RunReport(recipe, records, best.index() + 1, best.score(), termination, test,
                (System.nanoTime() - start) / 1e9);
        report.writeAll(folder);
        return new Outcome(report, diverged);
    }

    /**
     * A new, initialised network for {@code recipe} (or the network it fine-tunes): its model, regularization and
     * optimizer, with the learning-rate schedule (and DropBlock's ramp) laid out over {@code iterationsPerEpoch}
     * minibatch steps per epoch.
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
                    .regularization(recipe.regularization()).updater(recipe.optimizer().toUpdater(schedule))
                    .trainingIterations((int) Math.min(Integer.MAX_VALUE,
                            (long) recipe.stopping().maxEpochs() * iterationsPerEpoch));
            if (recipe.channelsLast() != null) {
                b.channelsLast(recipe.channelsLast());
            }
            if (recipe.width() != null) {
                b.width(recipe.width());
            }
            if (recipe.weightInit() != null) {
                b.weightInit(recipe.weightInit());
            }
        }).init();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Model> EarlyStoppingResult<T> fit(T net, Class<T> type, Settings s, RunData data,
                                                                List<EpochRecord> history, PartialReport partial) {
        Recipe recipe = s.recipe();
        StoppingSpec stop = recipe.stopping();
        BestEpoch best = BestEpoch.of(history, stop.monitor());
        AtomicModelSaver<T> files = new AtomicModelSaver<>(s.folder().dir(), data.normalizer(),
                data.manifest(recipe), type, best.score(), !stop.monitor().maximize());
        ValidationScore<T> validation = new ValidationScore<>(data.validation(), stop.monitor());
        DataSetIterator train = SoftLabelIterator.wrap(data.train(), recipe.softLabels(), recipe.seed(),
                history.size());
        EpochTracker<T> tracker = new EpochTracker<>(validation,
                EarlyStopping.plateau(s.recipe(), s.learningRate(), history), history,
                new EpochProgress(data.iterationsPerEpoch(), s.progressBar()), s.out(), partial::update);
        if (!best.exists()) {
            // DL4J's trainer calls getBestModel().score() when it stops; if the loss turns NaN before the first
            // epoch ends no best model exists and it throws a NullPointerException. The untrained network stands in
            // until an epoch's model replaces it, and finish() removes it if none ever does.
            saveStandIn(files, net);
        }
        ScoreCalculator<T> score = validation;
        EarlyStoppingModelSaver<T> saver = files;
        if (recipe.ema().enabled()) {
            EmaWeights<T> ema = ema(net, type, s, history);
            net.addListeners(ema);
            score = ema.scoring(validation);
            saver = ema.saving(files);
        }
        EarlyStoppingConfiguration<T> config = EarlyStopping.configuration(stop, saver, s.workers() > 1
                ? files.offeringScored(ParallelTraining.endingEpochs(score, tracker)) : score, history,
                s.untilEpoch());
        net.addListeners(tracker);
        if (s.workers() > 1) {
            return ParallelTraining.fit(config, net, train, tracker, s.workers());
        }
        IEarlyStoppingTrainer<T> trainer = net instanceof MultiLayerNetwork m
                ? (IEarlyStoppingTrainer<T>) new EarlyStoppingTrainer(
                        (EarlyStoppingConfiguration<MultiLayerNetwork>) config, m, train)
                : (IEarlyStoppingTrainer<T>) new EarlyStoppingGraphTrainer(
                        (EarlyStoppingConfiguration<ComputationGraph>) config, (ComputationGraph) net, train);
        trainer.setListener(tracker);
        return trainer.fit();
    }

    /**
     * The EMA of {@code net}'s weights: from its present weights in a new run, else as saved beside the checkpoint
     * it was loaded from (or from its weights, said in a line, when the run folder has none).
     */
    private static <T extends Model> EmaWeights<T> ema(T net, Class<T> type, Settings s, List<EpochRecord> history) {
        Path saved = s.folder().dir().resolve(EmaWeights.FILE);
        if (history.isEmpty()) {
            return EmaWeights.startingAt(net, s.recipe().ema());
        }
        if (!Files.isRegularFile(saved)) {
            s.out().printf("No %s in %s: the EMA of the weights restarts from the checkpoint's%n", EmaWeights.FILE,
                    s.folder().dir());
            return EmaWeights.startingAt(net, s.recipe().ema());
        }
        return EmaWeights.restore(saved, net, type, s.recipe().ema());
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
            new RunReport(recipe, latest, 0, Double.NaN, RunMetrics.RUNNING, Optional.empty(),
                    (System.nanoTime() - start) / 1e9).writeMetrics(folder);
        }

        List<EpochRecord> records() {
            return records;
        }
    }
}
