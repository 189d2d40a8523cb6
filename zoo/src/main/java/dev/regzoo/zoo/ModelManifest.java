package dev.regzoo.zoo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.nd4j.shade.jackson.annotation.PropertyAccessor;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

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

    /** Entry name inside the model zip (under DL4J's {@code objects/}). */
    static final String ENTRY = "regzoo-manifest.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** A manifest for a model of input {@code shape} trained by {@code recipe} on {@code dataset}. */
    public ModelManifest(Shape shape, List<String> classes, String recipe, String dataset, Path dataDir) {
        this(shape.channels(), shape.height(), shape.width(), List.copyOf(classes), recipe, dataset,
                dataDir == null ? null : dataDir.toAbsolutePath().toString());
    }

    /** The input shape. */
    public Shape shape() {
        return new Shape(channels, height, width);
    }

    /** Stores this manifest in the model file {@code modelFile}. */
    public void addTo(File modelFile) throws IOException {
        ModelSerializer.addObjectToFile(modelFile, ENTRY, JSON.writeValueAsString(this));
    }

    /**
     * Reads the manifest of a regzoo model file.
     *
     * @throws IllegalArgumentException naming the file when it is missing or has no manifest
     */
    public static ModelManifest readFrom(Path modelFile) {
        return parse(ModelFiles.storedText(modelFile, ENTRY).orElseThrow(() -> new IllegalArgumentException(modelFile
                + ": not a regzoo model file (no " + ENTRY + " inside)")), modelFile.toString());
    }

    /** Reads the manifest of the regzoo model file {@code zip}, read from {@code source} (named in errors). */
    static ModelManifest readFrom(byte[] zip, String source) {
        return parse(ModelFiles.storedText(zip, source, ENTRY).orElseThrow(() -> new IllegalArgumentException(source
                + ": not a regzoo model file (no " + ENTRY + " inside)")), source);
    }

    private static ModelManifest parse(String json, String source) {
        try {
            return JSON.readValue(json, ModelManifest.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": entry objects/" + ENTRY + " is damaged (" + e.getMessage()
                    + ")", e);
        }
    }
}
