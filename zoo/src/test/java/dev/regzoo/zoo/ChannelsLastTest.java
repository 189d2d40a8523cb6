package dev.regzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.zoo.layers.ChannelsLastPreProcessor;
import java.util.Collections;
import java.util.Map;
import java.util.function.Function;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
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

    private static MultiLayerNetwork smallCnn(boolean channelsLast) {
        return smallCnn(channelsLast, RegularizationSpec.builder().dropout(0).build());
    }

    private static MultiLayerNetwork smallCnn(boolean channelsLast, RegularizationSpec regularization) {
        return SmallCnn.builder().inputShape(1, 12, 12).classes(4).width(4).updater(new Sgd(0.1))
                .regularization(regularization).channelsLast(channelsLast).build().init();
    }

    /** Same seed, same initial weights, same outputs, and one SGD step moves both to the same weights. */
    private static void assertSameFunctionAndStep(NeuralNetwork first, NeuralNetwork last,
                                                  Function<INDArray, INDArray> firstOut,
                                                  Function<INDArray, INDArray> lastOut, int channels, int side) {
        assertEquals(first.params(), last.params(), "same seed, same initial weights");
        assertSameOutputsAndStep(first, last, firstOut, lastOut, channels, side);
    }

    /** Same outputs, and one SGD step moves both to the same weights (compared by name). */
    private static void assertSameOutputsAndStep(NeuralNetwork first, NeuralNetwork last,
                                                 Function<INDArray, INDArray> firstOut,
                                                 Function<INDArray, INDArray> lastOut, int channels, int side) {
        INDArray x = images(6, channels, side);
        assertEquals(0, firstOut.apply(x).sub(lastOut.apply(x)).amaxNumber().doubleValue(), 1e-5);

        DataSet batch = new DataSet(x, labels(6, 4));
        first.fit(batch);
        last.fit(batch);
        double scale = Math.max(1, first.params().amaxNumber().doubleValue());
        Map<String, INDArray> lastParams = parameters(last);
        parameters(first).forEach((name, p) -> assertEquals(0,
                p.sub(lastParams.get(name)).amaxNumber().doubleValue() / scale, 1e-4, name
                        + ": one SGD step moves both to the same weights (gradients and running statistics agree)"));
    }

    /**
     * A graph's parameters by vertex name; a MultiLayerNetwork's as one vector (its names are layer indices, which a
     * channels-last model's own ReLU layers shift).
     */
    private static Map<String, INDArray> parameters(NeuralNetwork net) {
        return net instanceof ComputationGraph graph ? graph.paramTable() : Map.of("parameters", net.params());
    }

    @Test
    void resNetGivesTheSameOutputsAndTrainsTheSameInBothLayouts() {
        ComputationGraph first = resNet(false);
        ComputationGraph last = resNet(true);
        assertSameFunctionAndStep(first, last, first::outputSingle, last::outputSingle, 3, 16);
    }

    /**
     * Every block type, stem and shortcut of the family, one block a stage (in float, deeper networks amplify the two
     * layouts' rounding differences through BatchNorm's backward pass; in double they agree to 1e-9 at ResNet-50's
     * depth); 20 px gives the last stages odd maps (padded strides). The channels-first network's weights are copied
     * by name: DL4J orders a larger graph's parameters by vertex index, which the channels-last input vertex shifts.
     */
    @ParameterizedTest
    @MethodSource("dev.regzoo.zoo.ResNetFamilyTest#members")
    void everyResNetFamilyMemberGivesTheSameOutputsAndTrainsTheSameInBothLayouts(String name) {
        ComputationGraph first = tinyMember(name, false);
        ComputationGraph last = tinyMember(name, true);
        last.setParamTable(first.paramTable());
        assertSameOutputsAndStep(first, last, first::outputSingle, last::outputSingle, 3, 20);
    }

    private static ComputationGraph tinyMember(String name, boolean channelsLast) {
        ResNetSpec spec = ResNetFamily.spec(name);
        ResNetSpec oneBlockAStage = spec.toBuilder().stageDepths(Collections.nCopies(spec.stageDepths().size(), 1))
                .build();
        return ResNet.builder(oneBlockAStage).width(Math.max(spec.minimumWidth(), spec.width() / 16))
                .inputShape(3, 20, 20).classes(4).updater(new Sgd(0.1))
                .regularization(RegularizationSpec.builder().dropout(0).build()).channelsLast(channelsLast).build()
                .init();
    }

    @Test
    void smallCnnGivesTheSameOutputsAndTrainsTheSameInBothLayouts() {
        MultiLayerNetwork first = smallCnn(false);
        MultiLayerNetwork last = smallCnn(true);
        assertSameFunctionAndStep(first, last, first::output, last::output, 1, 12);
    }

    @Test
    void smallCnnWithoutBatchNormTrainsTheSameInBothLayouts() {
        MultiLayerNetwork first = smallCnn(false, RegularizationSpec.none());
        MultiLayerNetwork last = smallCnn(true, RegularizationSpec.none());
        assertSameFunctionAndStep(first, last, first::output, last::output, 1, 12);
    }

    @Test
    void smallCnnWeightsCarryOverBetweenLayouts() {
        MultiLayerNetwork first = smallCnn(false);
        first.fit(new DataSet(images(6, 1, 12), labels(6, 4)));
        MultiLayerNetwork last = SmallCnn.builder().inputShape(1, 12, 12).classes(4).width(4).seed(99)
                .channelsLast(true).build().init();
        last.setParams(first.params());
        INDArray x = images(5, 1, 12);
        assertEquals(0, first.output(x).sub(last.output(x)).amaxNumber().doubleValue(), 1e-5,
                "the dense layer sees the features in channels-first order in both layouts");
    }

    @Test
    void eachModelHasItsDefaultLayoutAndSpatialDropoutFallsBackToChannelsFirst() {
        assertTrue(SmallCnn.builder().inputShape(1, 28, 28).classes(10).build().options().channelsLast());
        assertFalse(SmallCnn.builder().inputShape(1, 28, 28).classes(10).channelsLast(false).build().options()
                .channelsLast());
        assertFalse(SmallCnn.builder().inputShape(1, 28, 28).classes(10)
                .regularization(RegularizationSpec.builder().spatialDropout(0.1).build()).build().options()
                .channelsLast());
        assertTrue(ResNet18.builder().inputShape(3, 32, 32).classes(10).build().options().channelsLast());
        assertFalse(ResNet18.builder().inputShape(3, 32, 32).classes(10)
                .regularization(RegularizationSpec.builder().spatialDropout(0.1).build()).build().options()
                .channelsLast());
    }

    @Test
    void smallCnnSavesAndLoadsWithItsPreProcessor() {
        SmallCnn model = SmallCnn.builder().inputShape(1, 28, 28).classes(10).channelsLast(true).build();
        MultiLayerConfiguration conf = model.conf();
        assertTrue(conf.getInputPreProcess(0) instanceof ChannelsLastPreProcessor);
        assertEquals(conf, MultiLayerConfiguration.fromJson(conf.toJson()), "JSON round trip");

        MultiLayerNetwork net = model.init();
        INDArray x = images(5, 1, 28);
        MultiLayerNetwork loaded = SavedInMemory.reload(net);
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
