package dev.regzoo.zoo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/** Networks written by DL4J's {@code ModelSerializer} (with updater state) and read back, in memory. */
public final class SavedInMemory {

    private SavedInMemory() {
    }

    public static MultiLayerNetwork reload(MultiLayerNetwork net) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes(net)), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ComputationGraph reload(ComputationGraph net) {
        try {
            return ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes(net)), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(Model net) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        return bytes.toByteArray();
    }
}
