package dev.regzoo.train;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.zoo.Networks;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Trains on your own data from Java, as Keras' {@code fit()} does: a recipe (named, read from a file or built), your
 * training and validation {@link DataSetIterator}s, and optionally your own network. The run is the command line's:
 * the recipe's early stopping (monitor, patience, minimum improvement, epoch and time limits, a stop on a NaN loss),
 * ReduceLROnPlateau, the best model kept by the monitored validation score, a run folder ({@code recipe.json},
 * {@code metrics.json}, {@code report.md}, {@code curves.png}, {@code bestModel.zip} and {@code latestModel.zip} with
 * normalizer and manifest, {@code stats.bin} for {@code regzoo ui}) and, when given a test iterator, the best model's
 * test report.
 *
 * <pre>{@code
 * Recipe recipe = Recipes.get("fashion-smallcnn");
 * recipe = recipe.toBuilder().stopping(s -> s.maxEpochs(5)).build();
 * TrainingResult result = Training.of(recipe)
 *         .model(myNetwork)                          // optional: default, the recipe's zoo model
 *         .data(trainIterator, validationIterator)   // labels one-hot, features [batch, channels, height, width]
 *         .runFolder(Path.of("runs/mine"))           // optional: default, runs/<recipe>-<timestamp>
 *         .fit();
 * Model best = result.bestModel();
 * int epoch = result.bestEpoch();
 * }</pre>
 *
 * <p>What the recipe decides:
 * <ul>
 * <li>With the recipe's zoo model (no {@link #model}): the model is built for the input shape and class count of the
 * first training batch, with the recipe's model, width, layout, regularization, seed, optimizer and learning-rate
 * schedule (laid out over the training iterator's minibatches, counted in one pass before training), or fine-tuned
 * from the recipe's {@code transfer} network.</li>
 * <li>With your own network: it keeps its own configuration, i.e. its layers, regularization, updater, learning rate
 * and schedule; regzoo rewrites no part of a network it did not build. The recipe's stopping applies, and so does its
 * ReduceLROnPlateau, starting from the network's learning rate (DL4J's {@code setLearningRate} replaces a schedule
 * with the reduced fixed rate when the plateau lowers it). The network is trained in place (DL4J's
 * {@code init()} is called first, which does nothing to an initialised one): when {@link #fit} returns it holds the
 * last epoch's parameters, and its own training listeners again; {@link TrainingResult#bestModel()} is the best
 * epoch's.</li>
 * <li>With either: the recipe's soft labels (label smoothing, mixup, CutMix) on your training iterator's batches,
 * whose labels must then be one-hot (validation and test batches stay as they are), and its EMA of the weights, which
 * is then validated and kept as the best model.</li>
 * <li>Never, since the iterators are yours: the recipe's dataset, data folder, input shape, validation fraction,
 * training limit, augmentation and batch size.</li>
 * </ul>
 *
 * <p>A builder: set what you need, then call {@link #fit()}; not for use by several threads.
 */
public final class Training {

    private final Recipe recipe;
    private Model model;
    private DataSetIterator train;
    private DataSetIterator validation;
    private DataSetIterator test;
    private NormalizerStandardize normalizer;
    private Path runFolder;
    private TrainingUi ui;
    private PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    private boolean progressBar = EpochProgress.terminal();

    private Training(Recipe recipe) {
        this.recipe = recipe;
    }

    /**
     * Training by {@code recipe}, e.g. {@code Recipes.get("fashion-smallcnn")} or {@code RecipeFiles.read(path)}.
     *
     * @throws IllegalArgumentException when {@code recipe} is null
     */
    public static Training of(Recipe recipe) {
        return new Training(nonNull(recipe, "recipe"));
    }

    /**
     * Trains {@code network} (a {@code MultiLayerNetwork} or a {@code ComputationGraph} with one input and one output
     * layer) instead of the recipe's zoo model; see the class comment for what of the recipe applies to it.
     *
     * @throws IllegalArgumentException when {@code network} is null
     */
    public Training model(Model network) {
        this.model = nonNull(network, "model");
        return this;
    }

    /**
     * The data: labels one-hot {@code [batch, classes]}, features images {@code [batch, channels, height, width]}
     * (vectors {@code [batch, n]} with your own network), both iterators resettable. Apply any normalization as the
     * iterators' pre-processor; see {@link #normalizer}.
     *
     * @throws IllegalArgumentException when an iterator is null
     */
    public Training data(DataSetIterator train, DataSetIterator validation) {
        this.train = nonNull(train, "data: the training iterator");
        this.validation = nonNull(validation, "data: the validation iterator");
        return this;
    }

    /**
     * Test data: the best model is evaluated on it at the end ({@link TrainingResult#test()}, {@code report.md}).
     *
     * @throws IllegalArgumentException when {@code test} is null
     */
    public Training test(DataSetIterator test) {
        this.test = nonNull(test, "test");
        return this;
    }

    /**
     * The normalizer saved in the run's model files, so that they can be used on raw data ({@code regzoo predict}
     * and {@code regzoo eval} apply it). It is not applied here: the iterators apply it as their pre-processor.
     * Default: the training iterator's pre-processor when that is a {@code NormalizerStandardize}.
     *
     * @throws IllegalArgumentException when {@code normalizer} is null
     */
    public Training normalizer(NormalizerStandardize normalizer) {
        this.normalizer = nonNull(normalizer, "normalizer");
        return this;
    }

    /**
     * Where the run's files go (created if absent). Default: {@code runs/<recipe>-<yyyyMMdd-HHmmss>}.
     *
     * @throws IllegalArgumentException when {@code dir} is null
     */
    public Training runFolder(Path dir) {
        this.runFolder = nonNull(dir, "runFolder");
        return this;
    }

    /**
     * Shows the run live in the training UI (regzoo's pages and DL4J's), e.g. {@code TrainingUi.start(9000)}; it
     * stays there after training.
     *
     * @throws IllegalArgumentException when {@code ui} is null
     */
    public Training ui(TrainingUi ui) {
        this.ui = nonNull(ui, "ui");
        return this;
    }

    /**
     * Prints the progress lines (one per epoch) to {@code out} instead of standard output.
     *
     * @throws IllegalArgumentException when {@code out} is null
     */
    public Training printTo(PrintWriter out) {
        this.out = nonNull(out, "printTo");
        return this;
    }

    /** Prints nothing: no progress lines, no progress bar. */
    public Training quiet() {
        this.out = new PrintWriter(OutputStream.nullOutputStream());
        this.progressBar = false;
        return this;
    }

    /**
     * Trains until the recipe's early stopping ends the run.
     *
     * @throws IllegalArgumentException before training, for missing or unusable data, or a network that does not fit
     *                                  it (one line naming what to change)
     * @throws IllegalStateException    when DL4J's trainer failed with an exception
     */
    public TrainingResult fit() {
        if (train == null) {
            throw new IllegalArgumentException("data: no iterators; call data(train, validation) before fit()");
        }
        NormalizerStandardize saved = normalizer != null ? normalizer
                : train.getPreProcessor() instanceof NormalizerStandardize n ? n : null;
        IteratorData data = IteratorData.inspect(train, validation, Optional.ofNullable(test), saved);
        Model net = model != null ? checked(model, data) : zooModel(data);
        double learningRate = model != null ? Networks.learningRate(net)
                : recipe.optimizer().learningRate();
        RunFolder folder = RunFolder.create(runFolder != null ? runFolder : RunFolder.timestamped(recipe.name()));
        Trainer.Settings settings = new Trainer.Settings(recipe, folder, out, progressBar, Optional.ofNullable(ui),
                1, learningRate, recipe.stopping().maxEpochs());
        return new TrainingResult(Trainer.run(settings, data, net, List.of(), System.nanoTime()), folder.dir());
    }

    private Model zooModel(IteratorData data) {
        INDArray features = firstFeatures(data);
        if (features.rank() != 4) {
            throw new IllegalArgumentException("data: the recipe's model " + recipe.model() + " takes images [batch, "
                    + "channels, height, width], got features of shape " + Arrays.toString(features.shape())
                    + "; give your own network with model(...)");
        }
        return Trainer.buildModel(recipe, data.shape(), data.classNames().size(), data.iterationsPerEpoch());
    }

    /** The user's network, initialised, after checking that it takes the data and predicts its classes. */
    private static Model checked(Model net, IteratorData data) {
        if (!(net instanceof MultiLayerNetwork || net instanceof ComputationGraph)) {
            throw new IllegalArgumentException("model: a MultiLayerNetwork or ComputationGraph is trained, got a "
                    + net.getClass().getName());
        }
        net.init();
        if (net instanceof ComputationGraph g && (g.getNumInputArrays() != 1 || g.getNumOutputArrays() != 1)) {
            throw new IllegalArgumentException("model: the ComputationGraph has " + g.getNumInputArrays()
                    + " inputs and " + g.getNumOutputArrays() + " outputs; one of each is trained");
        }
        Layer output = Networks.outputLayer(net);
        if (!(output.conf().getLayer() instanceof BaseOutputLayer layer)) {
            throw new IllegalArgumentException("model: the last layer must be an output layer with a loss function "
                    + "(e.g. OutputLayer), got " + output.conf().getLayer().getClass().getSimpleName());
        }
        int classes = data.classNames().size();
        if (layer.getNOut() != classes) {
            throw new IllegalArgumentException("model: the output layer has nOut " + layer.getNOut()
                    + " but the labels have " + classes + " classes; build it with nOut(" + classes + ")");
        }
        INDArray one = firstFeatures(data);
        one = one.get(NDArrayIndex.interval(0, 1));
        try {
            Networks.output(net, one);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("model: the network does not take features of shape "
                    + Arrays.toString(one.shape()) + ": " + firstLine(e.getMessage()), e);
        }
        return net;
    }

    private static INDArray firstFeatures(IteratorData data) {
        data.train().reset();
        INDArray features = data.train().next().getFeatures();
        data.train().reset();
        return features;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static <T> T nonNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        return value;
    }
}
