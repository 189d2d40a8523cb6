package dev.regzoo.train;

import dev.regzoo.recipes.StoppingSpec;
import dev.regzoo.zoo.Networks;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Scores an epoch on the validation set for early stopping: the validation loss (as DL4J's
 * {@code DataSetLossCalculator} defines it: mean loss per example plus the regularization terms) and the accuracy,
 * from one inference pass per batch. The monitored one is the score; the other is kept for {@link #lastLoss()} /
 * {@link #lastAccuracy()}.
 *
 * <p>Written by hand because DL4J's calculators cost three forward passes per batch (the loss calculator runs
 * {@code output()} and then {@code score()}, and accuracy needs another), and because
 * {@code ComputationGraph.score()} keeps every layer's activations outside workspaces: each validation batch of
 * {@code resnet18} at width 16 left ~140 MB for the garbage collector, which let one validation pass grow the process
 * by 6 GB (docs/benchmarks.md). {@code output()} runs in workspaces; for a softmax output layer the loss is computed
 * from its probabilities with the layer's own loss function ({@code softmax(log p) = p}); other output layers fall back
 * to {@code score()}. A network whose weights or outputs are NaN or infinite is not evaluated: its score is NaN
 * ({@link Divergence}), which ends the run as diverged.
 *
 * @param <T> the network type
 */
final class ValidationScore<T extends Model> implements ScoreCalculator<T> {

    /** Probabilities are clipped here before the logarithm, as DL4J's {@code LossMCXENT} clips softmax outputs. */
    private static final double MIN_PROBABILITY = 1e-10;

    private final DataSetIterator validation;
    private final StoppingSpec.Monitor monitor;
    private double lastLoss = Double.NaN;
    private double lastAccuracy = Double.NaN;

    ValidationScore(DataSetIterator validation, StoppingSpec.Monitor monitor) {
        this.validation = validation;
        this.monitor = monitor;
    }

    @Override
    public synchronized double calculateScore(T network) {
        if (Divergence.nonFinite(network)) {
            return diverged();
        }
        BaseOutputLayer output = outputLayer(network);
        boolean softmax = output.getActivationFn() instanceof ActivationSoftmax;
        Evaluation evaluation = new Evaluation();
        double lossSum = 0;
        long examples = 0;
        validation.reset();
        while (validation.hasNext()) {
            DataSet batch = validation.next();
            INDArray probabilities = Networks.output(network, batch.getFeatures());
            if (Divergence.nonFinite(probabilities)) {
                return diverged();
            }
            evaluation.eval(batch.getLabels(), probabilities);
            lossSum += softmax
                    ? output.getLossFn().computeScore(batch.getLabels(),
                            Transforms.log(Transforms.max(probabilities, MIN_PROBABILITY, false), false),
                            output.getActivationFn(), batch.getLabelsMaskArray(), false)
                    : Networks.score(network, batch) * batch.numExamples();
            examples += batch.numExamples();
        }
        double regularization = softmax ? Networks.regularizationScore(network) : 0;
        lastLoss = lossSum / examples + regularization;
        lastAccuracy = evaluation.accuracy();
        return monitor == StoppingSpec.Monitor.VAL_LOSS ? lastLoss : lastAccuracy;
    }

    private double diverged() {
        lastLoss = Double.NaN;
        lastAccuracy = Double.NaN;
        return Double.NaN;
    }

    @Override
    public boolean minimizeScore() {
        return !monitor.maximize();
    }

    /** The validation loss of the last scored epoch. */
    synchronized double lastLoss() {
        return lastLoss;
    }

    /** The validation accuracy of the last scored epoch. */
    synchronized double lastAccuracy() {
        return lastAccuracy;
    }

    private static BaseOutputLayer outputLayer(Model network) {
        Layer layer = Networks.outputLayer(network);
        if (!(layer.conf().getLayer() instanceof BaseOutputLayer o)) {
            throw new IllegalArgumentException("the network's last layer is no output layer with a loss function: "
                    + layer.conf().getLayer().getClass().getSimpleName());
        }
        return o;
    }

}
