package dev.regzoo.zoo;

import dev.regzoo.cpu.NativeHelpers;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.dataset.api.preprocessor.serializer.NormalizerSerializer;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Reads DL4J model files ({@code ModelSerializer}'s zip format) as regzoo writes them: the network, typed by what the
 * file holds, with regzoo's fast CPU passes attached, its normalizer and the class names of files saved by 0.1.0
 * mapped ({@link LegacyClassNames}). Errors name the file and, for a damaged part, the zip entry. The normalizer is
 * read with DL4J's {@code NormalizerSerializer} alone: {@code ModelSerializer.restoreNormalizerFromFile} retries a
 * damaged entry with Java deserialization of the whole file, which regzoo never does.
 */
public final class ModelFiles {

    /** The zip entry holding the network's configuration. */
    static final String CONFIGURATION = "configuration.json";
    /** The zip entry holding the normalizer ({@code ModelSerializer.addNormalizerToModel}). */
    static final String NORMALIZER = "normalizer.bin";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The stream header and string record tag of Java serialization ({@code java.io.ObjectStreamConstants}). */
    private static final short JAVA_SERIALIZATION_MAGIC = (short) 0xACED;
    private static final short JAVA_SERIALIZATION_VERSION = 5;
    private static final byte JAVA_SERIALIZED_STRING = 0x74;

    private ModelFiles() {
    }

    /**
     * The {@code MultiLayerNetwork} or {@code ComputationGraph} in {@code file}.
     *
     * @param withUpdater also restore the updater state, to continue training
     * @throws IllegalArgumentException when the file is missing or not a DL4J model file
     */
    public static Model load(Path file, boolean withUpdater) {
        return read(bytes(file), file.toString(), withUpdater);
    }

    /**
     * The network in {@code file}, which must be a {@code type}.
     *
     * @throws IllegalArgumentException when the file is missing, not a DL4J model file or holds another type
     */
    public static <T extends Model> T load(Path file, Class<T> type, boolean withUpdater) {
        return as(type, load(file, withUpdater), file.toString());
    }

    /**
     * The network in the model file {@code zip}, read from {@code source} (named in errors).
     *
     * @throws IllegalArgumentException when {@code zip} is not a DL4J model file
     */
    public static Model read(byte[] zip, String source, boolean withUpdater) {
        byte[] mapped = LegacyClassNames.mapped(zip, CONFIGURATION);
        boolean graph = isGraph(entry(mapped, CONFIGURATION, source).orElseThrow(() ->
                new IllegalArgumentException(source + ": not a DL4J model file (no " + CONFIGURATION + " entry)")),
                source);
        NativeHelpers.enable(); // layers created while loading get the fast oneDNN helpers too
        try (InputStream in = new ByteArrayInputStream(mapped)) {
            Model model = graph ? ModelSerializer.restoreComputationGraph(in, withUpdater)
                    : ModelSerializer.restoreMultiLayerNetwork(in, withUpdater);
            return NativeHelpers.attach(model);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(source + ": cannot read the " + (graph ? "ComputationGraph" :
                    "MultiLayerNetwork") + " in it: " + e.getMessage(), e);
        }
    }

    /** The network in {@code zip}, which must be a {@code type}. */
    public static <T extends Model> T read(byte[] zip, Class<T> type, String source, boolean withUpdater) {
        return as(type, read(zip, source, withUpdater), source);
    }

    /**
     * The normalizer stored in the model file {@code file}.
     *
     * @throws IllegalArgumentException when the file is missing, holds no normalizer or a damaged one
     */
    public static NormalizerStandardize normalizer(Path file) {
        return normalizer(bytes(file), file.toString()).orElseThrow(() -> new IllegalArgumentException(file
                + ": the model file holds no normalizer (save it with ModelSerializer.addNormalizerToModel, as "
                + "regzoo's run folders do)"));
    }

    /**
     * The normalizer stored in the model file {@code zip}, if it has one.
     *
     * @throws IllegalArgumentException when the entry is damaged, naming {@code source} and the entry
     */
    public static Optional<NormalizerStandardize> normalizer(byte[] zip, String source) {
        return entry(zip, NORMALIZER, source).map(bytes -> {
            try {
                return NormalizerSerializer.getDefault().restore(new ByteArrayInputStream(bytes));
            } catch (Exception e) {
                throw new IllegalArgumentException(source + ": entry " + NORMALIZER + " is damaged and cannot be "
                        + "read as a normalizer (" + e.getMessage() + ")", e);
            }
        });
    }

    /**
     * The text stored in {@code file} under {@code key} by {@code ModelSerializer.addObjectToFile(file, key, text)}, if
     * any. DL4J stores the object Java-serialized; this reads a serialized {@code String} record ({@code TC_STRING})
     * directly and refuses anything else, so no Java deserialization runs on the file.
     *
     * @throws IllegalArgumentException when the entry exists but holds no serialized string
     */
    public static Optional<String> storedText(Path file, String key) {
        return storedText(bytes(file), file.toString(), key);
    }

    /** As {@link #storedText(Path, String)} for the model file {@code zip}, read from {@code source}. */
    public static Optional<String> storedText(byte[] zip, String source, String key) {
        String entry = "objects/" + key;
        return entry(zip, entry, source).map(bytes -> {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                if (in.readShort() != JAVA_SERIALIZATION_MAGIC || in.readShort() != JAVA_SERIALIZATION_VERSION
                        || in.readByte() != JAVA_SERIALIZED_STRING) {
                    throw new IOException("not a stored string");
                }
                return in.readUTF();
            } catch (IOException e) {
                throw new IllegalArgumentException(source + ": entry " + entry + " is damaged (" + e.getMessage()
                        + ")", e);
            }
        });
    }

    private static byte[] bytes(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": model file not found");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the model file", e);
        }
    }

    private static <T extends Model> T as(Class<T> type, Model model, String source) {
        if (!type.isInstance(model)) {
            throw new IllegalArgumentException(source + ": holds a " + model.getClass().getSimpleName() + ", not a "
                    + type.getSimpleName());
        }
        return type.cast(model);
    }

    private static boolean isGraph(byte[] configuration, String source) {
        try {
            return JSON.readTree(new String(configuration, StandardCharsets.UTF_8)).has("vertices");
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": entry " + CONFIGURATION + " is damaged (" + e.getMessage()
                    + ")", e);
        }
    }

    private static Optional<byte[]> entry(byte[] zip, String name, String source) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals(name)) {
                    return Optional.of(in.readAllBytes());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not a DL4J model file (not a readable zip: "
                    + e.getMessage() + ")", e);
        }
    }
}
