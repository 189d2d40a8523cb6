package dev.regzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/** Channels-last models compute the same function as channels-first ones and keep the channels-first interface. */
class ChannelsLastTest {

    private static INDArray images(int n, int channels, int side) {
        Nd4j.getRandom().setSeed(7);
        return Nd4j.rand(DataType.FLOAT, n, channels, side, side);
    }

    private static INDArray labels(int n, int classes) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, classes);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % classes, 1);
        }
        return y;
    }

    private static ComputationGraph resNet(boolean channelsLast) {
        return ResNet18.builder().inputShape(3, 16, 16).classes(4).width(4).updater(new Sgd(0.1))
                .regularization(RegularizationSpec.builder().dropout(0).build()).channelsLast(channelsLast).build()
                .init();
    }

    @Test
    void resNetGivesTheSameOutputsAndTrainsTheSameInBothLayouts() {
        ComputationGraph first = resNet(false);
        ComputationGraph last = resNet(true);
        assertEquals(first.params(), last.params(), "same seed, same initial weights");
        INDArray x = images(6, 3, 16);
        assertEquals(0, first.outputSingle(x).sub(last.outputSingle(x)).amaxNumber().doubleValue(), 1e-5);

        INDArray y = labels(6, 4);
        first.fit(new INDArray[] {x}, new INDArray[] {y});
        last.fit(new INDArray[] {x}, new INDArray[] {y});
        double scale = Math.max(1, first.params().amaxNumber().doubleValue());
        assertEquals(0, first.params().sub(last.params()).amaxNumber().doubleValue() / scale, 1e-4,
                "one SGD step moves both to the same weights (gradients and running statistics agree)");
    }

    @Test
    void smallCnnSavesAndLoadsWithItsPreProcessor() throws IOException {
        SmallCnn model = SmallCnn.builder().inputShape(1, 28, 28).classes(10).channelsLast(true).build();
        MultiLayerConfiguration conf = model.conf();
        assertTrue(conf.getInputPreProcess(0) instanceof ChannelsLastPreProcessor);
        assertEquals(conf, MultiLayerConfiguration.fromJson(conf.toJson()), "JSON round trip");

        MultiLayerNetwork net = model.init();
        INDArray x = images(5, 1, 28);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(
                new ByteArrayInputStream(bytes.toByteArray()), true);
        INDArray out = net.output(x);
        assertEquals(10, out.size(1));
        assertEquals(out, loaded.output(x));
        String summary = ModelSummary.of(net, new Shape(1, 28, 28)).toString();
        assertTrue(summary.contains("Total params: " + net.numParams()), summary);
    }

    @Test
    void spatialDropoutIsRefusedBecauseDl4jDropsChannelsFirstOnly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SmallCnn.builder()
                .inputShape(1, 28, 28).classes(10).channelsLast(true)
                .regularization(RegularizationSpec.builder().spatialDropout(0.1).build()).build());
        assertTrue(e.getMessage().contains("spatial dropout"), e.getMessage());
    }
}
