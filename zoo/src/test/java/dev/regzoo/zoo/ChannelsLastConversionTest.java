package dev.regzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.zoo.layers.ChannelsLastPreProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.BiFunction;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

/** {@link ChannelsLast} turns a channels-first network into the channels-last one the zoo builds, weights kept. */
class ChannelsLastConversionTest {

    private static SmallCnn.Builder smallCnn(RegularizationSpec regularization) {
        return SmallCnn.builder().inputShape(1, 12, 12).classes(4).width(4).updater(new Nesterovs(0.05, 0.9))
                .regularization(regularization);
    }

    private static DataSet batch(int n) {
        Nd4j.getRandom().setSeed(3);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 4);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 4, 1);
        }
        return new DataSet(Nd4j.rand(DataType.FLOAT, n, 1, 12, 12), y);
    }

    @Test
    void convertedSmallCnnIsTheZoosChannelsLastNetworkWithTheTrainedState() {
        RegularizationSpec reg = RegularizationSpec.builder().dropout(0.3).l2(1e-4).build();
        MultiLayerNetwork first = smallCnn(reg).channelsLast(false).build().init();
        first.fit(batch(8)); // moves weights, BatchNorm statistics and momentum away from their initial values
        INDArray paramsBefore = first.params().dup();

        MultiLayerNetwork converted = ChannelsLast.convert(first);

        MultiLayerConfiguration expected = smallCnn(reg).channelsLast(true).build().conf();
        MultiLayerConfiguration actual = converted.getLayerWiseConfigurations();
        assertEquals(expected.getInputPreProcessors(), actual.getInputPreProcessors());
        assertEquals(expected.getConfs().size(), actual.getConfs().size());
        for (int i = 0; i < expected.getConfs().size(); i++) {
            assertEquals(expected.getConf(i).getLayer(), actual.getConf(i).getLayer(), "the zoo's channels-last layer");
        }
        assertEquals(paramsBefore, first.params(), "the original is left unchanged");
        assertSameStateAndFunction(first, converted, MultiLayerNetwork::output);
        assertSame(converted, ChannelsLast.convert(converted), "a channels-last network is returned as is");
    }

    @Test
    void aChannelsLastSmallCnnTurnsBackIntoTheZoosChannelsFirstNetworkWithTheTrainedState() {
        RegularizationSpec reg = RegularizationSpec.builder().dropout(0.3).l2(1e-4).build();
        MultiLayerNetwork last = smallCnn(reg).channelsLast(true).build().init();
        last.fit(batch(8));

        MultiLayerNetwork first = ChannelsLast.toChannelsFirst(last);

        assertSameStateAndFunction(last, first, MultiLayerNetwork::output);
        RegularizationSpec dropBlock = RegularizationSpec.builder().dropBlock(0.1).build();
        for (RegularizationSpec spec : List.of(reg, dropBlock)) {
            MultiLayerConfiguration expected = smallCnn(spec).channelsLast(false).build().conf();
            MultiLayerConfiguration actual = ChannelsLast.toChannelsFirst(smallCnn(spec).channelsLast(true).build()
                    .init()).getLayerWiseConfigurations();
            assertEquals(expected.getInputPreProcessors(), actual.getInputPreProcessors());
            for (int i = 0; i < expected.getConfs().size(); i++) {
                assertEquals(expected.getConf(i).getLayer(), actual.getConf(i).getLayer(), "the zoo's layer " + spec);
            }
        }
        assertSame(first, ChannelsLast.toChannelsFirst(first), "a channels-first network is returned as is");
    }

    @Test
    void convertedResNetComputesTheSameAndTrainsOnFromTheSameState() {
        ResNet.Builder resNet = ResNet18.builder().inputShape(1, 12, 12).classes(4).width(4)
                .updater(new Nesterovs(0.05, 0.9)).regularization(RegularizationSpec.builder().dropout(0.3).build());
        ComputationGraph first = resNet.channelsLast(false).build().init();
        first.fit(batch(8));
        INDArray paramsBefore = first.params().dup();

        ComputationGraph converted = ChannelsLast.convert(first);

        assertEquals(paramsBefore, first.params(), "the original is left unchanged");
        for (String layer : List.of("stem_conv", "stage1_block1_1_bn", "stage2_block1_0_conv")) {
            assertTrue(converted.getLayer(layer).conf().toJson().contains("NHWC"), layer + " channels-last");
        }
        assertSameStateAndFunction(first, converted, (graph, x) -> graph.outputSingle(x));
        assertSame(converted, ChannelsLast.convert(converted), "a converted graph is returned as is");
        ComputationGraph built = resNet.channelsLast(true).build().init();
        assertSame(built, ChannelsLast.convert(built), "the zoo's channels-last graph is returned as is");
    }

    /**
     * {@code converted} holds {@code first}'s parameters and updater state, computes the same outputs and trains on
     * from there as {@code first} does, momentum included.
     */
    private static <N extends NeuralNetwork> void assertSameStateAndFunction(N first, N converted,
                                                                          BiFunction<N, INDArray, INDArray> output) {
        assertEquals(first.params(), converted.params());
        assertEquals(first.updaterState(), converted.updaterState());
        INDArray x = batch(5).getFeatures();
        assertEquals(0, output.apply(first, x).sub(output.apply(converted, x)).amaxNumber().doubleValue(), 1e-5);

        first.fit(batch(8));
        converted.fit(batch(8));
        assertEquals(0, first.params().sub(converted.params()).amaxNumber().doubleValue(), 1e-4,
                "training goes on from the same state, momentum included");
    }

    @Test
    void layersItCannotConvertAreNamed() {
        MultiLayerNetwork noBatchNorm = smallCnn(RegularizationSpec.none()).channelsLast(false).build().init();
        IllegalArgumentException activation = assertThrows(IllegalArgumentException.class,
                () -> ChannelsLast.convert(noBatchNorm));
        assertTrue(activation.getMessage().contains("block1_1_conv") && activation.getMessage().contains("relu"),
                activation.getMessage());

        MultiLayerNetwork spatial = smallCnn(RegularizationSpec.builder().spatialDropout(0.1).build()).build().init();
        IllegalArgumentException dropout = assertThrows(IllegalArgumentException.class,
                () -> ChannelsLast.convert(spatial));
        assertTrue(dropout.getMessage().contains("block1_2_conv") && dropout.getMessage().contains("spatial dropout"),
                dropout.getMessage());
    }

    @Test
    void graphVerticesItCannotConvertAreNamed() {
        ComputationGraph merged = new ComputationGraph(new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(6, 6, 1))
                .addLayer("a", new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.IDENTITY).build(), "in")
                .addLayer("b", new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.IDENTITY).build(), "in")
                .addVertex("concat", new MergeVertex(), "a", "b")
                .addLayer("out", new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build(), "concat")
                .setOutputs("out").build());
        merged.init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChannelsLast.convert(merged));
        assertTrue(e.getMessage().contains("'concat'") && e.getMessage().contains("MergeVertex"), e.getMessage());
    }

    @Test
    void shippedSmallCnnLoadsInEitherLayoutWithTheSavedOutputs() throws IOException {
        TrainedModel<MultiLayerNetwork> p = SmallCnn.builder().pretrained();
        MultiLayerNetwork saved;
        try (InputStream in = getClass().getResourceAsStream("/dev/regzoo/zoo/pretrained/fashion-smallcnn.zip")) {
            saved = ModelFiles.read(in.readAllBytes(), MultiLayerNetwork.class, "fashion-smallcnn.zip", false);
        }
        assertEquals(saved.getLayerWiseConfigurations().toJson(), p.network().getLayerWiseConfigurations().toJson(),
                "trained and saved channels-last, SmallCnn's default: loaded as saved");
        assertTrue(p.network().getLayerWiseConfigurations().getInputPreProcess(0) instanceof ChannelsLastPreProcessor);

        MultiLayerNetwork channelsFirst = SmallCnn.builder().channelsLast(false).pretrained().network();
        assertFalse(channelsFirst.getLayerWiseConfigurations().toJson().contains("NHWC"), "channelsLast(false)");
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 1, 28, 28).muli(255);
        p.normalizer().transform(x);
        assertEquals(0, saved.output(x).sub(channelsFirst.output(x)).amaxNumber().doubleValue(), 1e-5);
        assertTrue(PretrainedWeights.named("fashion-smallcnn").load().network() instanceof MultiLayerNetwork m
                && m.getLayerWiseConfigurations().getInputPreProcess(0) instanceof ChannelsLastPreProcessor,
                "the CLI's loader takes the model's default layout");
        assertTrue(ResNet18.builder().width(16).pretrained().network() instanceof ComputationGraph);
    }

    @Test
    void shippedResNetLoadsChannelsLastWithTheSavedOutputs() {
        TrainedModel<ComputationGraph> saved = ResNet18.builder().width(16).pretrained();
        TrainedModel<ComputationGraph> fast = ResNet18.builder().width(16).channelsLast(true).pretrained();
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 1, 28, 28).muli(255);
        saved.normalizer().transform(x);
        assertEquals(0, saved.network().outputSingle(x).sub(fast.network().outputSingle(x)).amaxNumber().doubleValue(),
                1e-5);
    }
}
