package dev.regzoo.spark;

import dev.regzoo.train.ExportManifest;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.input.PortableDataStream;
import org.nd4j.linalg.dataset.DataSet;
import scala.Tuple2;

/**
 * An export folder ({@code regzoo data export}) read as Spark RDDs of DL4J minibatches. Its manifest is checked on the
 * driver, so a missing file fails before any Spark job; the folder must be visible at the same path on the executors
 * (a shared file system).
 *
 * @param dir      the export folder
 * @param manifest its checked manifest
 */
record ExportedData(Path dir, ExportManifest manifest) {

    /** @throws IllegalArgumentException when the folder is not a complete export */
    static ExportedData open(Path dir) {
        return new ExportedData(dir.toAbsolutePath(), ExportManifest.read(dir));
    }

    /** The minibatches of {@code split} ({@link ExportManifest#TRAIN} and so on). */
    JavaRDD<DataSet> rdd(JavaSparkContext sc, String split) {
        String uri = dir.resolve(split).toUri().toString();
        return sc.binaryFiles(uri).map(new Load());
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
