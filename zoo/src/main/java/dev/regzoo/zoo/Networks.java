package dev.regzoo.zoo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The calls regzoo makes on a trained or training network, for a {@code MultiLayerNetwork} and a single-input,
 * single-output {@code ComputationGraph} alike: DL4J gives the two no common interface for them. Written by hand
 * because DL4J's {@code Model} and {@code NeuralNetwork} interfaces have no inference, scoring or learning-rate
 * methods.
 */
public final class Networks {

    private Networks() {
    }

    /**
     * The network's output for {@code features}, in inference mode.
     *
     * @throws IllegalArgumentException for a model that is neither network type
     */
    public static INDArray output(Model network, INDArray features) {
        return network instanceof ComputationGraph graph ? graph.outputSingle(false, features)
                : multiLayer(network).output(features, false);
    }

    /** The loss on {@code batch} in inference mode, with the regularization penalty (DL4J's score). */
    public static double score(Model network, DataSet batch) {
        return network instanceof ComputationGraph graph ? graph.score(batch, false)
                : multiLayer(network).score(batch, false);
    }

    /** The regularization penalty (L1, L2) that the score includes. */
    public static double regularizationScore(Model network) {
        return network instanceof ComputationGraph graph ? graph.calcRegularizationScore(true)
                : multiLayer(network).calcRegularizationScore(true);
    }

    /** The (first) output layer. */
    public static Layer outputLayer(Model network) {
        return network instanceof ComputationGraph graph ? graph.getOutputLayer(0)
                : multiLayer(network).getOutputLayer();
    }

    /** A copy of the network's listeners (empty when it has none). */
    public static List<TrainingListener> listeners(Model network) {
        Collection<TrainingListener> own = network instanceof ComputationGraph graph ? graph.getListeners()
                : multiLayer(network).getListeners();
        return own == null ? new ArrayList<>() : new ArrayList<>(own);
    }

    /** The learning rate of the first layer with parameters (the schedule's present value), NaN when none has any. */
    public static double learningRate(Model network) {
        if (network instanceof ComputationGraph graph) {
            for (Layer layer : graph.getLayers()) {
                if (layer.numParams() > 0) {
                    return graph.getLearningRate(layer.conf().getLayer().getLayerName());
                }
            }
            return Double.NaN;
        }
        MultiLayerNetwork net = multiLayer(network);
        for (int i = 0; i < net.getnLayers(); i++) {
            if (net.getLayer(i).numParams() > 0) {
                return net.getLearningRate(i);
            }
        }
        return Double.NaN;
    }

    /** Sets a fixed learning rate on every layer (DL4J replaces any schedule). */
    public static void setLearningRate(Model network, double learningRate) {
        if (network instanceof ComputationGraph graph) {
            graph.setLearningRate(learningRate);
        } else {
            multiLayer(network).setLearningRate(learningRate);
        }
    }

    private static MultiLayerNetwork multiLayer(Model network) {
        if (network instanceof MultiLayerNetwork m) {
            return m;
        }
        throw new IllegalArgumentException("a MultiLayerNetwork or ComputationGraph is needed, got a "
                + network.getClass().getName());
    }
}
