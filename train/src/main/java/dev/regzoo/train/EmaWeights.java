package dev.regzoo.train;

import dev.regzoo.cpu.NativeHelpers;
import dev.regzoo.recipes.EmaSpec;
import dev.regzoo.zoo.ModelFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.earlystopping.EarlyStoppingModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * The exponential moving average of a network's weights ({@link EmaSpec}), as a DL4J training listener: after every
 * training step, {@code ema ← d·ema + (1 − d)·w} over all of the network's parameters, which in DL4J include
 * BatchNorm's running mean and variance (timm's {@code ModelEmaV2} averages its buffers alike). The average lives in
 * a second network of the same configuration, which early stopping scores ({@link #scoring}) and keeps as the best
 * model ({@link #saving}); the network being trained is never touched.
 *
 * <p>Its state is saved beside each checkpoint as {@value #FILE}: the averaged network as a regzoo model file (usable
 * as it is), with the number of updates and the training iteration it belongs to, so that {@code --resume} continues
 * the average and its warm-up where they were.
 *
 * @param <T> {@code MultiLayerNetwork} or {@code ComputationGraph}
 */
final class EmaWeights<T extends Model> extends BaseTrainingListener {

    /** File name of the average beside {@code latestModel.zip}. */
    static final String FILE = AtomicModelSaver.LATEST_EMA;
    /** Entry of {@value #FILE} holding the updates and the iteration, as JSON. */
    static final String STATE = "regzoo-ema.json";

    private final EmaSpec spec;
    private final T average;
    private long updates;

    private EmaWeights(EmaSpec spec, T average, long updates) {
        this.spec = spec;
        this.average = average;
        this.updates = updates;
    }

    /** An average of {@code net}'s weights from now on, starting at their present values. */
    static <T extends Model> EmaWeights<T> startingAt(T net, EmaSpec spec) {
        return new EmaWeights<>(spec, copyOf(net), 0);
    }

    /**
     * The average saved in {@code file} beside the checkpoint {@code net} was loaded from.
     *
     * @throws IllegalArgumentException when the file is damaged or belongs to another checkpoint
     */
    static <T extends Model> EmaWeights<T> restore(Path file, T net, Class<T> type, EmaSpec spec) {
        JsonNode state = ModelFiles.storedText(file, STATE).map(EmaWeights::json).orElseThrow(() ->
                new IllegalArgumentException(file + ": not an EMA checkpoint (no " + STATE + " inside)"));
        long iteration = state.path("iteration").asLong(-1);
        if (iteration != iterations(net)) {
            throw new IllegalArgumentException(file + " holds the average at training iteration " + iteration
                    + ", the checkpoint is at " + iterations(net) + " (the run stopped between writing the two); "
                    + "delete " + file.getFileName() + " to restart the average from the checkpoint's weights");
        }
        T average = ModelFiles.load(file, type, false);
        if (average.numParams() != net.numParams()) {
            throw new IllegalArgumentException(file + " averages " + average.numParams() + " parameters, the "
                    + "checkpoint has " + net.numParams());
        }
        return new EmaWeights<>(spec, average, state.path("updates").asLong());
    }

    /** Averages in the weights {@code model} has after a training step. */
    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        update(model.params());
    }

    /** {@code ema ← d·ema + (1 − d)·weights}, with the decay of this update ({@link EmaSpec#decayAfter}). */
    void update(INDArray weights) {
        double decay = spec.decayAfter(updates++);
        INDArray ema = average.params();
        ema.muli(decay);
        Nd4j.getBlasWrapper().level1().axpy(ema.length(), 1 - decay, weights, ema);
    }

    /** The network holding the average. */
    T network() {
        return average;
    }

    /** Updates so far. */
    long updates() {
        return updates;
    }

    /** {@code calculator}, scoring the average instead of the network being trained. */
    ScoreCalculator<T> scoring(ScoreCalculator<T> calculator) {
        return new ScoreCalculator<>() {
            @Override
            public double calculateScore(T network) {
                return calculator.calculateScore(average);
            }

            @Override
            public boolean minimizeScore() {
                return calculator.minimizeScore();
            }
        };
    }

    /**
     * {@code files}, saving the average as the best model, and the trained network as the latest with the average
     * beside it (written first: a run stopped between the two writes is told by {@link #restore}).
     */
    EarlyStoppingModelSaver<T> saving(AtomicModelSaver<T> files) {
        return new EarlyStoppingModelSaver<>() {
            @Override
            public void saveBestModel(T net, double score) throws IOException {
                files.saveBestModel(average, score);
            }

            @Override
            public void saveLatestModel(T net, double score) throws IOException {
                if (AtomicModelSaver.keepsLatest(net, score)) {
                    files.saveBeside(average, FILE, Map.of(STATE, RunFolder.toJson(Map.of("updates", updates,
                            "iteration", iterations(net)))));
                }
                files.saveLatestModel(net, score);
            }

            @Override
            public T getBestModel() throws IOException {
                return files.getBestModel();
            }

            @Override
            public T getLatestModel() throws IOException {
                return files.getLatestModel();
            }
        };
    }

    /** A network of {@code net}'s configuration holding a copy of its parameters, with regzoo's faster passes. */
    @SuppressWarnings("unchecked")
    private static <T extends Model> T copyOf(T net) {
        INDArray params = net.params().dup();
        if (net instanceof MultiLayerNetwork m) {
            MultiLayerNetwork copy = new MultiLayerNetwork(m.getLayerWiseConfigurations().clone());
            copy.init(params, false);
            return (T) NativeHelpers.attach(copy);
        }
        ComputationGraph copy = new ComputationGraph(((ComputationGraph) net).getConfiguration().clone());
        copy.init(params, false);
        return (T) NativeHelpers.attach(copy);
    }

    private static long iterations(Model net) {
        return net instanceof MultiLayerNetwork m ? m.getIterationCount()
                : ((ComputationGraph) net).getIterationCount();
    }

    private static JsonNode json(String text) {
        try {
            return RunFolder.JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("damaged EMA state " + STATE + ": " + e.getMessage(), e);
        }
    }
}
