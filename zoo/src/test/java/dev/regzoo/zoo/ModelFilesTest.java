package dev.regzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.zoo.layers.AddVertex;
import dev.regzoo.zoo.layers.KeptOutputConvolutionLayer;
import dev.regzoo.zoo.layers.MatmulDenseLayer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Model files: those saved by 0.1.0, before the module split, load with today's class names; damaged parts are named. */
class ModelFilesTest {

    private static final String SAVED_BY_0_1_0 = "saved-by-0.1.0/";

    @Test
    void multiLayerNetworkSavedBeforeTheMoveLoadsWithItsWeights() throws IOException {
        byte[] zip = resource("smallcnn-0.1.0.zip");
        MultiLayerNetwork net = ModelFiles.read(zip, MultiLayerNetwork.class, "smallcnn", true);
        assertEquals(storedParameters(zip), net.params());
        assertTrue(net.getLayerWiseConfigurations().getConfs().stream()
                .anyMatch(c -> c.getLayer() instanceof KeptOutputConvolutionLayer), "regzoo's convolution layer");
        assertTrue(net.getLayerWiseConfigurations().getConfs().stream()
                .anyMatch(c -> c.getLayer() instanceof MatmulDenseLayer), "regzoo's dense layer");
        assertTrue(net.getUpdater().getStateViewArray().length() > 0, "the updater state, to resume");
        INDArray out = net.output(Nd4j.rand(2, 1, 28, 28));
        assertEquals(10, out.size(1));
        assertTrue(ModelFiles.normalizer(zip, "smallcnn").isPresent());
    }

    @Test
    void computationGraphSavedBeforeTheMoveLoadsWithItsWeights() throws IOException {
        byte[] zip = resource("resnet18w4-0.1.0.zip");
        Model loaded = ModelFiles.read(zip, "resnet", false);
        ComputationGraph net = assertInstanceOf(ComputationGraph.class, loaded);
        assertEquals(storedParameters(zip), net.params());
        assertTrue(net.getConfiguration().getVertices().values().stream().anyMatch(v -> v instanceof AddVertex),
                "regzoo's residual sum");
        assertTrue(net.getConfiguration().getVertices().values().stream().anyMatch(v -> v instanceof LayerVertex lv
                && lv.getLayerConf().getLayer() instanceof KeptOutputConvolutionLayer), "regzoo's convolutions");
        assertEquals(10, net.outputSingle(Nd4j.rand(2, 1, 28, 28)).size(1));
    }

    @Test
    void mapsEveryMovedClassNameAndNothingElse() {
        String json = "{\"@class\":\"dev.regzoo.zoo.ReluLayer\",\"x\":\"dev.regzoo.zoo.ReluLayerX\","
                + "\"s\":\"dev.regzoo.zoo.WarmupCosineSchedule\"}";
        assertEquals("{\"@class\":\"dev.regzoo.zoo.layers.ReluLayer\",\"x\":\"dev.regzoo.zoo.ReluLayerX\","
                + "\"s\":\"dev.regzoo.zoo.layers.WarmupCosineSchedule\"}", LegacyClassNames.mapped(json));
        LegacyClassNames.MOVED.forEach((from, to) -> {
            try {
                Class.forName(to);
            } catch (ClassNotFoundException e) {
                throw new AssertionError(from + " maps to " + to + ", which does not exist");
            }
        });
    }

    @Test
    void aDamagedNormalizerIsNamedWithItsFileAndEntry(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bestModel.zip");
        Files.write(file, withEntry(resource("smallcnn-0.1.0.zip"), ModelFiles.NORMALIZER,
                "PK\3\4 not a normalizer".getBytes()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.normalizer(file));
        assertTrue(e.getMessage().startsWith(file + ": entry normalizer.bin is damaged"), e.getMessage());
        assertFalse(e.getMessage().contains("StreamCorrupted"), e.getMessage());
    }

    @Test
    void textStoredWithTheModelIsReadWithoutJavaDeserialization(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("m.zip"), resource("smallcnn-0.1.0.zip"));
        String manifest = ModelFiles.storedText(file, "regzoo-manifest.json").orElseThrow();
        assertTrue(manifest.contains("\"recipe\" : \"fashion-smallcnn\""), manifest);
        assertTrue(ModelFiles.storedText(file, "absent.json").isEmpty());
        List<String> note = new ArrayList<>(List.of("a list, not a string"));
        ModelSerializer.addObjectToFile(file.toFile(), "list", note);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFiles.storedText(file, "list"));
        assertTrue(e.getMessage().startsWith(file + ": entry objects/list is damaged"), e.getMessage());
    }

    @Test
    void filesThatAreNotModelsAreRefusedWithTheirName(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("notes.zip"), "hello");
        IllegalArgumentException notZip = assertThrows(IllegalArgumentException.class,
                () -> ModelFiles.load(text, false));
        assertTrue(notZip.getMessage().startsWith(text + ": not a DL4J model file"), notZip.getMessage());
        Path missing = dir.resolve("missing.zip");
        assertEquals(missing + ": model file not found",
                assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(missing, false)).getMessage());
        byte[] smallCnn = resource("smallcnn-0.1.0.zip");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ModelFiles.read(smallCnn, ComputationGraph.class, "smallcnn", false)).getMessage()
                .contains("holds a MultiLayerNetwork, not a ComputationGraph"));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ModelFilesTest.class.getResourceAsStream(SAVED_BY_0_1_0 + name)) {
            if (in == null) {
                throw new IOException(SAVED_BY_0_1_0 + name + " is missing");
            }
            return in.readAllBytes();
        }
    }

    /** The parameters as stored in the file's {@code coefficients.bin}, read without DL4J's model loading. */
    private static INDArray storedParameters(byte[] zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals("coefficients.bin")) {
                    return Nd4j.read(new DataInputStream(new ByteArrayInputStream(in.readAllBytes())));
                }
            }
        }
        throw new IOException("no coefficients.bin");
    }

    private static byte[] withEntry(byte[] zip, String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(e.getName().equals(name) ? content : in.readAllBytes());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
