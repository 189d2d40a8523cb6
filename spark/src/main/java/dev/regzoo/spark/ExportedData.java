package dev.regzoo.spark;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.train.ExportManifest;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
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
 * training minibatches ({@link AugmentedEpoch}), the fixed evaluation ones. The folder is on a Hadoop file system
 * ({@link HadoopFolder}: {@code hdfs://…}, {@code file://…}, or a plain path on a file system every executor shares);
 * its manifest and every file it names are checked on the driver, so a missing or unreadable file fails before any
 * Spark job.
 */
final class ExportedData {

    private final HadoopFolder folder;
    private final ExportManifest manifest;

    private ExportedData(HadoopFolder folder, ExportManifest manifest) {
        this.folder = folder;
        this.manifest = manifest;
    }

    /**
     * @param location a plain path or a Hadoop URI ({@code hdfs://…}, {@code file://…})
     * @param hadoop   the cluster's Hadoop configuration
     * @throws IllegalArgumentException when no file system serves the location, or the folder is not a complete,
     *                                  readable export
     */
    static ExportedData open(String location, Configuration hadoop) {
        HadoopFolder folder = HadoopFolder.of("--data", location, hadoop);
        return new ExportedData(folder, ExportManifest.read(new HadoopExport(folder)));
    }

    /** The folder, as messages name it. */
    String location() {
        return folder.location();
    }

    /** Its checked manifest. */
    ExportManifest manifest() {
        return manifest;
    }

    /** The minibatches of an evaluation split ({@link ExportManifest#VALIDATION}, {@link ExportManifest#TEST}). */
    JavaRDD<DataSet> rdd(JavaSparkContext sc, String split) {
        return sc.binaryFiles(folder.resolve(split).toString()).map(new Load());
    }

    /**
     * The training minibatches of epoch {@code epoch} (from 0), augmented as {@code recipe} says on the executors,
     * one task per shard.
     */
    JavaRDD<DataSet> trainEpoch(JavaSparkContext sc, Recipe recipe, int epoch) {
        return sc.binaryFiles(folder.resolve(ExportManifest.TRAIN).toString(), manifest.trainFiles())
                .flatMap(new AugmentedEpoch(recipe, manifest.batchSize(), normalizerFile(), epoch));
    }

    /** The minibatches of an evaluation split, read one by one on the driver. */
    Iterable<DataSet> local(String split) {
        List<String> files = manifest.files(split);
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < files.size();
            }

            @Override
            public DataSet next() {
                DataSet batch = new DataSet();
                batch.load(new ByteArrayInputStream(read(files.get(next++))));
                return batch;
            }
        };
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
            throw new IllegalArgumentException("cannot read the normalizer of " + location() + ": " + e.getMessage(),
                    e);
        }
    }

    private byte[] normalizerFile() {
        return read(ExportManifest.NORMALIZER);
    }

    private byte[] read(String name) {
        try (InputStream in = folder.fs().open(folder.resolve(name))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location() + "/" + name + ": " + e.getMessage(), e);
        }
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
