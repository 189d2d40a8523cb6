package dev.regzoo.spark;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.train.ExportManifest;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.input.PortableDataStream;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.dataset.api.preprocessor.serializer.NormalizerSerializer;
import scala.Tuple2;

/**
 * An export folder ({@code regzoo data export}) read as Spark RDDs of DL4J minibatches: each epoch's augmented
 * training minibatches ({@link AugmentedEpoch}), the fixed evaluation ones. Its manifest is checked on the driver, so
 * a missing file fails before any Spark job; the folder must be visible at the same path on the executors (a shared
 * file system).
 *
 * @param dir      the export folder
 * @param manifest its checked manifest
 */
record ExportedData(Path dir, ExportManifest manifest) {

    /** @throws IllegalArgumentException when the folder is not a complete export */
    static ExportedData open(Path dir) {
        return new ExportedData(dir.toAbsolutePath(), ExportManifest.read(dir));
    }

    /** The minibatches of an evaluation split ({@link ExportManifest#VALIDATION}, {@link ExportManifest#TEST}). */
    JavaRDD<DataSet> rdd(JavaSparkContext sc, String split) {
        return sc.binaryFiles(uri(split)).map(new Load());
    }

    /**
     * The training minibatches of epoch {@code epoch} (from 0), augmented as {@code recipe} says on the executors,
     * one task per shard.
     */
    JavaRDD<DataSet> trainEpoch(JavaSparkContext sc, Recipe recipe, int epoch) {
        return sc.binaryFiles(uri(ExportManifest.TRAIN), manifest.trainFiles())
                .flatMap(new AugmentedEpoch(recipe, manifest.batchSize(), normalizerFile(), epoch));
    }

    /**
     * The normalizer fitted on the training split.
     *
     * @throws IllegalArgumentException when its file cannot be read
     */
    NormalizerStandardize normalizer() {
        try {
            return NormalizerSerializer.getDefault().restore(new ByteArrayInputStream(normalizerFile()));
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot read the normalizer of " + dir + ": " + e.getMessage(), e);
        }
    }

    private byte[] normalizerFile() {
        Path file = dir.resolve(ExportManifest.NORMALIZER);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private String uri(String split) {
        return dir.resolve(split).toUri().toString();
    }

    /** Reads one minibatch file (a class, not a lambda: Spark ships it to the executors). */
    private static final class Load implements Function<Tuple2<String, PortableDataStream>, DataSet> {
        @Override
        public DataSet call(Tuple2<String, PortableDataStream> file) throws IOException {
            DataSet batch = new DataSet();
            try (DataInputStream in = file._2().open()) {
                batch.load(in);
            }
            return batch;
        }
    }
}
