package dev.regzoo.zoo;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * A network with shipped weights, the normalizer it was trained with and its card.
 *
 * @param network    the network, ready for inference or fine-tuning
 * @param normalizer standardizes raw pixel values (0–255) as in training
 * @param weights    the card: classes, input shape, accuracy, how it was trained
 * @param <T>        {@code MultiLayerNetwork} or {@code ComputationGraph}
 */
public record Pretrained<T extends Model>(T network, NormalizerStandardize normalizer, PretrainedWeights weights) {

    /**
     * Class probabilities for a batch of raw images shaped like {@link PretrainedWeights#input()} (NCHW, pixel values
     * 0–255); {@code images} is left unchanged.
     */
    public INDArray output(INDArray images) {
        INDArray x = images.dup();
        normalizer.transform(x);
        return network instanceof ComputationGraph graph ? graph.outputSingle(x)
                : ((MultiLayerNetwork) network).output(x);
    }
}
