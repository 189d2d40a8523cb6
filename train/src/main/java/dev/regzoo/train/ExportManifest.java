package dev.regzoo.train;

import dev.regzoo.zoo.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * What {@code regzoo data export} wrote: a recipe's training split as {@code ImageShard}s ({@code train/shard-NNNNN.bin}:
 * unaugmented images under their dataset indices, which the Spark executors augment and normalize each epoch), the
 * validation and test splits as DL4J {@code DataSet} minibatch files ({@code validation/}, {@code test/}, each
 * {@code batch-NNNNN.bin}, already normalized), the normalizer ({@value #NORMALIZER}) and this manifest
 * ({@value #FILE}), which a Spark job reads to find them.
 *
 * @param format           the layout's version, {@value #FORMAT}; exports of older regzoo versions have none (0)
 * @param recipe           the recipe whose data this is
 * @param dataset          dataset name
 * @param channels         input channels
 * @param height           input height
 * @param width            input width
 * @param classes          class names, in label order
 * @param batchSize        images per training minibatch (a shard holds a whole number of them, the last shard
 *                         excepted; evaluation files hold up to 256 images)
 * @param trainFiles       training image shards
 * @param validationFiles  validation minibatch files
 * @param testFiles        test minibatch files (0 when the dataset has no test set)
 * @param trainImages      training images
 */
public record ExportManifest(@JsonProperty("format") int format, @JsonProperty("recipe") String recipe, @JsonProperty("dataset") String dataset,
                             @JsonProperty("channels") int channels, @JsonProperty("height") int height,
                             @JsonProperty("width") int width, @JsonProperty("classes") List<String> classes,
                             @JsonProperty("batchSize") int batchSize, @JsonProperty("trainFiles") int trainFiles,
                             @JsonProperty("validationFiles") int validationFiles,
                             @JsonProperty("testFiles") int testFiles, @JsonProperty("trainImages") int trainImages) {

    /** The version of the layout this regzoo writes and reads. */
    public static final int FORMAT = 2;
    /** The manifest's file name. */
    public static final String FILE = "export.json";
    /** The normalizer's file name (DL4J {@code NormalizerSerializer} format). */
    public static final String NORMALIZER = "normalizer.bin";
    /** The split folders. */
    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";
    public static final String TEST = "test";

    /** The input shape. */
    public Shape shape() {
        return new Shape(channels, height, width);
    }

    /** The minibatch files of {@code split}, relative to the export folder. */
    public List<String> files(String split) {
        int n = switch (split) {
            case TRAIN -> trainFiles;
            case VALIDATION -> validationFiles;
            case TEST -> testFiles;
            default -> throw new IllegalArgumentException("no split " + split);
        };
        return IntStream.range(0, n).mapToObj(i -> file(split, i)).toList();
    }

    /** Training minibatches per epoch: a shard holds a whole number of them, the last one excepted. */
    public int trainBatches() {
        return (trainImages + batchSize - 1) / batchSize;
    }

    /** File names of the evaluation splits' minibatches, as a {@code String.format} pattern of the batch index. */
    public static final String BATCH_FILE_PATTERN = "batch-%05d.bin";
    /** File names of the training split's image shards, as a {@code String.format} pattern of the shard index. */
    public static final String SHARD_FILE_PATTERN = "shard-%05d.bin";

    static String file(String split, int index) {
        return split + "/" + String.format(Locale.ROOT, TRAIN.equals(split) ? SHARD_FILE_PATTERN : BATCH_FILE_PATTERN,
                index);
    }

    void write(Path dir) throws IOException {
        Files.writeString(dir.resolve(FILE), RunFolder.JSON.writeValueAsString(this));
    }

    /**
     * Reads the manifest of an export folder and checks that every file it names is there.
     *
     * @throws IllegalArgumentException naming the folder and the missing files
     */
    public static ExportManifest read(Path dir) {
        return read(ExportFiles.local(dir));
    }

    /**
     * Reads the manifest of an export folder and checks that every file it names is there and readable.
     *
     * @throws IllegalArgumentException naming the folder and the missing or unreadable files
     */
    public static ExportManifest read(ExportFiles export) {
        String dir = export.location();
        if (!export.isReadableFile(FILE)) {
            throw new IllegalArgumentException(dir + " is not a regzoo data export (no readable " + FILE
                    + "); write one with 'regzoo data export RECIPE --out " + dir + "'");
        }
        ExportManifest manifest;
        try (InputStream in = export.open(FILE)) {
            manifest = RunFolder.JSON.readValue(in, ExportManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + "/" + FILE + ": " + e.getMessage(), e);
        }
        if (manifest.format != FORMAT) {
            throw new IllegalArgumentException(dir + " is an export of an older regzoo (fixed training minibatches); "
                    + "export it again with 'regzoo data export " + manifest.recipe + " --out " + dir + "'");
        }
        List<String> missing = new ArrayList<>();
        List<String> expected = new ArrayList<>(List.of(NORMALIZER));
        for (String split : List.of(TRAIN, VALIDATION, TEST)) {
            expected.addAll(manifest.files(split));
        }
        for (String name : expected) {
            if (!export.isReadableFile(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(dir + " is incomplete: " + missing.size() + " of the files " + FILE
                    + " names are missing or unreadable ("
                    + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                    + (missing.size() > 5 ? ", ..." : "") + "); export it again");
        }
        if (manifest.trainFiles < 1 || manifest.validationFiles < 1) {
            throw new IllegalArgumentException(dir + ": the export has no training or no validation batches");
        }
        return manifest;
    }
}
