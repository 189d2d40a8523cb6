package dev.regzoo.train;

import dev.regzoo.zoo.ModelFiles;
import dev.regzoo.recipes.Recipes;
import dev.regzoo.zoo.Pretrained;
import dev.regzoo.zoo.PretrainedWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * A trained model ready for use on raw images: the network, its normalizer and its {@link ModelManifest}. Opened from
 * a regzoo model file ({@code bestModel.zip}) or from weights shipped in the zoo ({@code pretrained:NAME}).
 *
 * @param network    {@code MultiLayerNetwork} or {@code ComputationGraph}, without updater state
 * @param normalizer the normalizer it was trained with
 * @param manifest   input shape, classes, recipe and dataset
 * @param source     what it was opened from, as given
 */
public record TrainedModel(Model network, NormalizerStandardize normalizer, ModelManifest manifest, String source) {

    /** Prefix that names shipped weights instead of a file, e.g. {@code pretrained:fashion-smallcnn}. */
    public static final String PRETRAINED = "pretrained:";

    /**
     * Opens {@code pretrained:NAME} or a model file.
     *
     * @throws IllegalArgumentException for unknown weights or a file that is missing or not a regzoo model
     * @throws IllegalStateException    for shipped weights that fail their checksum
     */
    public static TrainedModel open(String source) {
        if (source.startsWith(PRETRAINED)) {
            ModelManifest manifest = manifestOf(source);
            Pretrained<?> p = PretrainedWeights.named(manifest.recipe()).load();
            return new TrainedModel(p.network(), p.normalizer(), manifest, source);
        }
        Path file = Path.of(source);
        Model network = ModelFiles.load(file, false);
        return new TrainedModel(network, ModelFiles.normalizer(file), manifestOf(source), source);
    }

    /**
     * The manifest of {@code pretrained:NAME} (from its card) or of a model file, without loading the network.
     *
     * @throws IllegalArgumentException for unknown weights or a file that is missing or not a regzoo model
     */
    public static ModelManifest manifestOf(String source) {
        if (source.startsWith(PRETRAINED)) {
            PretrainedWeights weights = PretrainedWeights.named(source.substring(PRETRAINED.length()));
            return new ModelManifest(weights.input(), weights.classes(), weights.name(),
                    Recipes.get(weights.name()).dataset(), null);
        }
        Path file = Path.of(source);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": model file not found");
        }
        return ModelManifest.readFrom(file.toFile());
    }

    /** Class probabilities for a batch of raw images (NCHW, the manifest's shape); normalises {@code images} in place. */
    public INDArray output(INDArray images) {
        normalizer.transform(images);
        return network instanceof MultiLayerNetwork m ? m.output(images)
                : ((ComputationGraph) network).outputSingle(images);
    }
}
