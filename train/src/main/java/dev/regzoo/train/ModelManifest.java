package dev.regzoo.train;

import dev.regzoo.zoo.Shape;
import java.io.File;
import java.io.IOException;
import java.util.List;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * What a model file needs beside the network to be used on raw images: input shape, class names in label order and
 * where it came from. Stored as JSON inside regzoo's model zips (DL4J keeps neither the input type of a
 * {@code MultiLayerNetwork} nor the labels).
 *
 * @param channels input channels
 * @param height   input height
 * @param width    input width
 * @param classes  class names, in label order
 * @param recipe   the recipe that trained it
 * @param dataset  the dataset it was trained on
 * @param dataDir  the folder it was read from when one was given (absolute), else null
 */
public record ModelManifest(@JsonProperty("channels") int channels, @JsonProperty("height") int height,
                            @JsonProperty("width") int width, @JsonProperty("classes") List<String> classes,
                            @JsonProperty("recipe") String recipe, @JsonProperty("dataset") String dataset,
                            @JsonProperty("dataDir") String dataDir) {

    /** Entry name inside the model zip. */
    static final String ENTRY = "regzoo-manifest.json";

    /** A manifest for a model of input {@code shape} trained by {@code recipe} on {@code dataset}. */
    public ModelManifest(Shape shape, List<String> classes, String recipe, String dataset, java.nio.file.Path dataDir) {
        this(shape.channels(), shape.height(), shape.width(), List.copyOf(classes), recipe, dataset,
                dataDir == null ? null : dataDir.toAbsolutePath().toString());
    }

    /** The input shape. */
    public Shape shape() {
        return new Shape(channels, height, width);
    }

    void addTo(File modelFile) throws IOException {
        ModelSerializer.addObjectToFile(modelFile, ENTRY, RunFolder.JSON.writeValueAsString(this));
    }

    /**
     * Reads the manifest of a regzoo model file.
     *
     * @throws IllegalArgumentException naming the file when it has none
     */
    public static ModelManifest readFrom(File modelFile) {
        try {
            String json = ModelSerializer.getObjectFromFile(modelFile, ENTRY);
            return RunFolder.JSON.readValue(json, ModelManifest.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(modelFile + ": not a regzoo model file (no " + ENTRY + " inside: "
                    + e.getMessage() + ")", e);
        }
    }
}
