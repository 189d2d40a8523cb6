package dev.regzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.zoo.layers.KeptOutputConvolutionLayer;
import dev.regzoo.zoo.layers.ReluLayer;
import java.io.IOException;
import java.io.InputStream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PretrainedWeightsTest {

    @Test
    void shippedSmallCnnLoadsThroughTheBuilderAndTheZooEntryPoint() {
        TrainedModel<MultiLayerNetwork> p = SmallCnn.builder().pretrained();
        PretrainedWeights card = PretrainedWeights.named(p.manifest().recipe());
        assertEquals("fashion-smallcnn", card.name());
        assertEquals(new Shape(1, 28, 28), card.input());
        assertEquals(10, card.classes().size());
        assertEquals("Ankle boot", card.classes().get(9));
        int last = p.network().getnLayers() - 1;
        assertEquals(10, ((OutputLayer) p.network().getLayer(last).conf().getLayer()).getNOut());

        INDArray images = Nd4j.rand(3, 1, 28, 28).muli(255);
        INDArray copy = images.dup();
        INDArray probabilities = p.output(images);
        assertArrayEquals(new long[] {3, 10}, probabilities.shape());
        assertEquals(3.0, probabilities.sumNumber().doubleValue(), 1e-4);
        assertEquals(copy, images, "output() must not normalise the caller's array in place");

        MultiLayerNetwork viaZoo = SmallCnn.builder().inputShape(1, 28, 28).classes(10).build().initPretrained();
        assertEquals(p.network().params(), viaZoo.params());
    }

    @Test
    void shippedNarrowResNetLoadsAsAGraph() {
        TrainedModel<ComputationGraph> p = ResNet18.builder().width(16).pretrained();
        assertEquals("fashion-resnet18-narrow", p.manifest().recipe());
        INDArray probabilities = p.output(Nd4j.rand(2, 1, 28, 28).muli(255));
        assertEquals(2.0, probabilities.sumNumber().doubleValue(), 1e-4);
        IllegalArgumentException fullWidth = assertThrows(IllegalArgumentException.class,
                () -> ResNet18.builder().pretrained());
        assertTrue(fullWidth.getMessage().contains("resnet18 at width 64"), fullWidth.getMessage());
    }

    @Test
    void shippedFlagshipLoadsThroughTheFamilyBuilder() {
        TrainedModel<ComputationGraph> p = ResNet.builder(ResNetFamily.spec("wrn16_2")).pretrained();
        assertEquals("fashion-wrn16-2-long", p.manifest().recipe());
        INDArray probabilities = p.output(Nd4j.rand(2, 1, 28, 28).muli(255));
        assertArrayEquals(new long[] {2, 10}, probabilities.shape());
        assertEquals(2.0, probabilities.sumNumber().doubleValue(), 1e-4);
    }

    @Test
    void shippedWeightsUseTheZoosFasterConvolutionAndReluLayers() {
        for (String name : PretrainedWeights.names()) {
            Model network = PretrainedWeights.named(name).load().network();
            Layer[] layers = network instanceof MultiLayerNetwork m ? m.getLayers() : ((ComputationGraph) network)
                    .getLayers();
            for (Layer layer : layers) {
                var conf = layer.conf().getLayer();
                if (conf instanceof ConvolutionLayer) {
                    assertInstanceOf(KeptOutputConvolutionLayer.class, conf, name + " " + conf.getLayerName());
                }
                if (conf instanceof ActivationLayer) {
                    assertInstanceOf(ReluLayer.class, conf, name + " " + conf.getLayerName());
                }
            }
        }
    }

    @Test
    void damagedFileIsRefusedWithTheChecksums() throws IOException {
        PretrainedWeights card = PretrainedWeights.named("fashion-smallcnn");
        byte[] file;
        try (InputStream in = getClass().getResourceAsStream("/dev/regzoo/zoo/pretrained/fashion-smallcnn.zip")) {
            file = in.readAllBytes();
        }
        file[file.length / 2] ^= 1;
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> card.load(file, MultiLayerNetwork.class));
        assertTrue(e.getMessage().contains("damaged") && e.getMessage().contains(card.sha256()), e.getMessage());
    }

    @Test
    void optionsThatDoNotFitTheWeightsAreRejected() {
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> SmallCnn.builder().width(8).pretrained());
        assertTrue(width.getMessage().contains("width 8"), width.getMessage());
        IllegalArgumentException classes = assertThrows(IllegalArgumentException.class,
                () -> SmallCnn.builder().classes(5).pretrained());
        assertTrue(classes.getMessage().contains("--from pretrained:fashion-smallcnn"), classes.getMessage());
        IllegalArgumentException input = assertThrows(IllegalArgumentException.class,
                () -> SmallCnn.builder().inputShape(3, 32, 32).pretrained());
        assertTrue(input.getMessage().contains("1x28x28"), input.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> PretrainedWeights.named("imagenet"));
        assertTrue(unknown.getMessage().contains("fashion-smallcnn"), unknown.getMessage());
    }
}
