package dev.regzoo.recipes.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.regzoo.zoo.NativeHelpers;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/** Loading regzoo model files (for {@code eval}, {@code predict} and resuming), with errors that name the file. */
public final class SavedModels {

    private SavedModels() {
    }

    /** A {@code MultiLayerNetwork} or {@code ComputationGraph} from {@code file}, without its updater state. */
    public static Model load(Path file) {
        return load(file, false);
    }

    /** A {@code MultiLayerNetwork} or {@code ComputationGraph} from {@code file}; with the updater to train on. */
    public static Model load(Path file, boolean withUpdater) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": model file not found");
        }
        NativeHelpers.enable(); // layers created while loading get the fast oneDNN helpers too
        try {
            return NativeHelpers.attach(ModelSerializer.restoreMultiLayerNetwork(file.toFile(), withUpdater));
        } catch (Exception notMln) {
            try {
                return NativeHelpers.attach(ModelSerializer.restoreComputationGraph(file.toFile(), withUpdater));
            } catch (Exception notGraph) {
                throw new IllegalArgumentException(file + ": not a DL4J model file (as a MultiLayerNetwork: "
                        + notMln.getMessage() + "; as a ComputationGraph: " + notGraph.getMessage() + ")");
            }
        }
    }

    /** The normalizer stored in {@code file}. */
    public static NormalizerStandardize normalizer(Path file) {
        try {
            NormalizerStandardize n = ModelSerializer.restoreNormalizerFromFile(file.toFile());
            if (n == null) {
                throw new IllegalArgumentException(file + ": the model file holds no normalizer (save it with "
                        + "ModelSerializer.addNormalizerToModel, as regzoo's run folders do)");
            }
            return n;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read its normalizer: " + e.getMessage(), e);
        }
    }
}
