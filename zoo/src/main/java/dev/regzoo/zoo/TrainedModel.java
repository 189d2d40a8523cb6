package dev.regzoo.zoo;

import java.nio.file.Path;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * A trained network ready for raw images: the network, the normalizer it was trained with and its
 * {@link ModelManifest} (input shape, class names, recipe, dataset). The shipped weights ({@code pretrained:NAME},
 * {@link PretrainedWeights}; typed by the zoo's {@code pretrained()}) and regzoo's model files ({@code bestModel.zip})
 * open as this one type.
 *
 * <pre>{@code
 * TrainedModel<MultiLayerNetwork> shipped = SmallCnn.builder().pretrained();
 * INDArray probabilities = shipped.output(images);   // raw 0..255 pixels, normalized by the shipped normalizer
 * TrainedModel<Model> mine = TrainedModel.open("runs/fashion-smallcnn-20261206-101500/bestModel.zip");
 * }</pre>
 *
 * @param network    the network ({@code MultiLayerNetwork} or {@code ComputationGraph}), without updater state
 * @param normalizer standardizes raw pixel values as in training
 * @param manifest   input shape, classes, recipe and dataset
 * @param <T>        the network's type
 */
public record TrainedModel<T extends Model>(T network, NormalizerStandardize normalizer, ModelManifest manifest) {

    /** Prefix that names shipped weights instead of a file, e.g. {@code pretrained:fashion-smallcnn}. */
    public static final String PRETRAINED = "pretrained:";

    /**
     * Opens {@code pretrained:NAME} or a regzoo model file.
     *
     * @throws IllegalArgumentException for unknown weights or a file that is missing or not a regzoo model
     * @throws IllegalStateException    for shipped weights that fail their checksum
     */
    public static TrainedModel<Model> open(String source) {
        if (source.startsWith(PRETRAINED)) {
            TrainedModel<?> shipped = pretrained(source).load();
            return new TrainedModel<>(shipped.network(), shipped.normalizer(), shipped.manifest());
        }
        Path file = Path.of(source);
        return new TrainedModel<>(ModelFiles.load(file, false), ModelFiles.normalizer(file),
                ModelManifest.readFrom(file));
    }

    /**
     * The manifest of {@code pretrained:NAME} or of a model file, without building the network.
     *
     * @throws IllegalArgumentException for unknown weights or a file that is missing or not a regzoo model
     */
    public static ModelManifest manifestOf(String source) {
        return source.startsWith(PRETRAINED) ? pretrained(source).manifest()
                : ModelManifest.readFrom(Path.of(source));
    }

    private static PretrainedWeights pretrained(String source) {
        return PretrainedWeights.named(source.substring(PRETRAINED.length()));
    }

    /**
     * Class probabilities for a batch of raw images shaped like the manifest's input (NCHW); {@code images} is left
     * unchanged.
     */
    public INDArray output(INDArray images) {
        INDArray x = images.dup();
        normalizer.transform(x);
        return Networks.output(network, x);
    }
}
