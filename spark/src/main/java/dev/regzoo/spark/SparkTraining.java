package dev.regzoo.spark;

import dev.regzoo.data.Datasets;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.StoppingSpec;
import dev.regzoo.train.AtomicModelSaver;
import dev.regzoo.train.BestEpoch;
import dev.regzoo.train.EarlyStopping;
import dev.regzoo.train.EpochRecord;
import dev.regzoo.train.ExportManifest;
import dev.regzoo.train.RunFolder;
import dev.regzoo.train.RunReport;
import dev.regzoo.train.TestReport;
import dev.regzoo.train.Trainer;
import dev.regzoo.train.TrainingUi;
import dev.regzoo.train.UiStatistics;
import dev.regzoo.zoo.ModelFiles;
import dev.regzoo.zoo.ModelManifest;
import dev.regzoo.zoo.Shape;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;

/**
 * Trains a recipe on Spark with DL4J's Spark early-stopping trainers ({@link SparkNetwork}: a
 * {@code MultiLayerNetwork} or a {@code ComputationGraph}) and {@link ParameterAveragingTrainingMaster}
 * (each executor core fits its own minibatches; parameters and updater state are averaged every
 * {@code averagingFrequency} minibatches), on an export's images, augmented on the executors every epoch
 * ({@link AugmentedEpoch}), with the early stopping and ReduceLROnPlateau
 * of a local run ({@link EarlyStopping}: epoch limit, patience, time limit, a stop on a NaN loss), and leaves the run
 * folder a local run leaves:
 * {@code bestModel.zip} and {@code latestModel.zip} with normalizer and manifest (written by the driver),
 * {@code recipe.json}, {@code metrics.json}, {@code report.md}, {@code curves.png} and {@code stats.bin} (the workers'
 * statistics, collected by the training master, for {@code regzoo ui}), and sends the statistics to a live training UI
 * when one is given.
 */
final class SparkTraining {

    private SparkTraining() {
    }

    /**
     * The iterations DL4J's parameter averaging counts on the driver's network in one epoch, over which the recipe's
     * learning-rate schedule (and DropBlock's ramp) is laid out so that it ends with the last epoch as in a local run.
     * {@code ParameterAveragingTrainingMaster} splits an epoch's {@code minibatches} into
     * {@code minibatches / (workers × averagingFrequency)} splits (rounded down, at least 1) and adds
     * {@code averagingFrequency} to the iteration count after each, whatever the workers fitted.
     */
    private static int countedIterationsPerEpoch(int minibatches, int workers, int averagingFrequency) {
        return Math.max(1, minibatches / (workers * averagingFrequency)) * averagingFrequency;
    }

    /**
     * Trains {@code asked} without its EMA of the weights, if it has one ({@link Trainer#withoutEma}).
     *
     * @return the report, and whether the loss, the weights or the validation outputs became NaN or infinite
     * @throws IllegalArgumentException when the recipe does not fit the export ({@link #check})
     * @throws IllegalStateException    when DL4J's trainer failed with an exception
     */
    static Trainer.Outcome run(JavaSparkContext sc, Recipe asked, ExportedData data, RunOutput output,
                               int averagingFrequency, Optional<StatsStorageRouter> liveUi, PrintWriter out) {
        check(asked, data);
        Recipe recipe = Trainer.withoutEma(asked, "in the Spark job", out);
        RunFolder folder = output.folder();
        long start = System.nanoTime();
        ExportManifest m = data.manifest();
        int cores = SparkMaster.cores(sc);
        Model model = Trainer.buildModel(recipe, m.shape(), m.classes().size(),
                countedIterationsPerEpoch(m.trainBatches(), cores, averagingFrequency));
        folder.writeRecipe(recipe);
        out.printf("%s on Spark %s (%d cores): %d train images in %d shards (%d minibatches of %d, augmented on the "
                        + "executors) / %d validation minibatches from %s, up to %d epochs, parameters averaged every "
                        + "%d minibatches%n", recipe.name(), sc.master(), cores, m.trainImages(), m.trainFiles(),
                m.trainBatches(), m.batchSize(), m.validationFiles(), data.location(), recipe.stopping().maxEpochs(),
                averagingFrequency);
        out.flush();
        // the worker count the schedule was laid out for, not DL4J's own later reading of the default parallelism
        TrainingMaster<?, ?> master = new ParameterAveragingTrainingMaster.Builder(cores, m.batchSize())
                .batchSizePerWorker(m.batchSize()).averagingFrequency(averagingFrequency)
                .workerPrefetchNumBatches(2).rddTrainingApproach(RDDTrainingApproach.Direct).rngSeed(recipe.seed())
                .build();
        FileStatsStorage stats = new FileStatsStorage(folder.dir().resolve(TrainingUi.STATS_FILE).toFile());
        master.setListeners(liveUi.<StatsStorageRouter>map(ui -> new TeeStatsRouter(List.of(stats, ui))).orElse(stats),
                List.of(UiStatistics.listener(null)));
        JavaRDD<DataSet> validation = data.rdd(sc, ExportManifest.VALIDATION).cache();
        try {
            Fitted fitted = fit(SparkNetwork.of(sc, model, master), sc, master, recipe, data, output, validation, out);
            String termination = EarlyStopping.termination(fitted.result());
            BestEpoch best = BestEpoch.of(fitted.records(), recipe.stopping().monitor());
            Optional<TestReport> test = best.exists() && m.testFiles() > 0
                    ? Optional.of(test(data, folder.dir().resolve(AtomicModelSaver.BEST)))
                    : Optional.empty();
            RunReport report = new RunReport(recipe, fitted.records(), best.index() + 1, best.score(), termination,
                    test, (System.nanoTime() - start) / 1e9);
            report.writeAll(folder);
            return new Trainer.Outcome(report, EarlyStopping.diverged(fitted.result()));
        } finally {
            validation.unpersist();
            stats.close();
        }
    }

    /** What DL4J's trainer returned, and the epochs it trained. */
    private record Fitted(EarlyStoppingResult<?> result, List<EpochRecord> records) {
    }

    private static <T extends Model> Fitted fit(SparkNetwork<T> network, JavaSparkContext sc,
                                                TrainingMaster<?, ?> master, Recipe recipe, ExportedData data,
                                                RunOutput output, JavaRDD<DataSet> validation, PrintWriter out) {
        StoppingSpec stop = recipe.stopping();
        ExportManifest m = data.manifest();
        SparkEpochs<T> epochs = new SparkEpochs<>(stop.monitor(), network, validation, m.trainImages(),
                EarlyStopping.plateau(recipe, recipe.optimizer().learningRate(), List.of()), output::checkpoint, out);
        AtomicModelSaver<T> saver = new AtomicModelSaver<>(output.folder().dir(), data.normalizer(),
                new ModelManifest(m.shape(), m.classes(), recipe.name(), m.dataset(), null), network.type(),
                Double.NaN, !stop.monitor().maximize());
        EarlyStoppingConfiguration<T> config = EarlyStopping.configuration(stop, saver,
                saver.offeringScored(epochs.timing()), List.of());
        EpochBatches batches = new EpochBatches(epoch -> data.trainEpoch(sc, recipe, epoch));
        EarlyStoppingResult<T> result = network.trainer(sc, master, config, batches, epochs).fit();
        return new Fitted(result, epochs.records());
    }

    /**
     * Checks that the job can train {@code recipe} on {@code data}, before anything starts.
     *
     * @throws IllegalArgumentException when the recipe trains on another dataset or input shape than the export holds
     */
    static void check(Recipe recipe, ExportedData data) {
        ExportManifest m = data.manifest();
        if (!m.dataset().equals(recipe.dataset())) {
            throw new IllegalArgumentException("recipe " + recipe.name() + " trains on " + recipe.dataset()
                    + ", the export in " + data.location() + " holds " + m.dataset() + " (exported for " + m.recipe()
                    + "); export the data for " + recipe.name());
        }
        Shape input = recipe.input() != null ? recipe.input()
                : Datasets.FOLDER.equalsIgnoreCase(recipe.dataset()) ? Recipe.DEFAULT_FOLDER_INPUT : m.shape();
        if (!input.equals(m.shape())) {
            throw new IllegalArgumentException("recipe " + recipe.name() + " takes input " + input + ", the export in "
                    + data.location() + " holds images of " + m.shape() + " (exported for " + m.recipe()
                    + "); export the data for " + recipe.name());
        }
    }

    /**
     * The best model on the test files, evaluated on the driver with DL4J's {@code ExistingDataSetIterator}:
     * {@code SparkDl4jMultiLayer.evaluate} (dl4j-spark M2) failed on a test split of several files with "Cannot merge
     * examples: features shape []".
     */
    private static TestReport test(ExportedData data, Path bestFile) {
        NeuralNetwork best = (NeuralNetwork) ModelFiles.load(bestFile, false);
        ExistingDataSetIterator files = new ExistingDataSetIterator(data.local(ExportManifest.TEST));
        List<String> classes = data.manifest().classes();
        return TestReport.of(best.doEvaluation(files, new Evaluation(classes))[0], classes);
    }
}
