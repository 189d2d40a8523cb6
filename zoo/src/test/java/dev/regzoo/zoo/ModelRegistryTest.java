package dev.regzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every registered model, checked the same way. */
class ModelRegistryTest {

    /**
     * DL4J parameter counts for 1×28×28 input and 10 classes (PyTorch reference + BatchNorm running stats; the ResNet
     * family's from bench/resnet_family.py).
     */
    private static final Map<String, Long> PARAMS_28x28_10 = Map.ofEntries(Map.entry("smallcnn", 871_402L),
            Map.entry("resnet18", 11_182_410L), Map.entry("resnet34", 21_297_994L), Map.entry("resnet50", 23_572_810L),
            Map.entry("resnet18d", 11_182_410L), Map.entry("resnet50d", 23_572_810L),
            Map.entry("preact_resnet18", 11_178_826L), Map.entry("wrn16_2", 693_210L),
            Map.entry("wrn16_4", 2_752_218L), Map.entry("wrn28_10", 36_496_858L), Map.entry("wrn40_4", 8_959_706L));
    /** Features without the top at width 8 where they are not ResNet's 8w: SmallCnn's 2w, Bottlenecks' 4·8w, WRNs' 4w. */
    private static final Map<String, Integer> FEATURES_AT_WIDTH_8 = Map.of("smallcnn", 2 * 8, "resnet50", 4 * 8 * 8,
            "resnet50d", 4 * 8 * 8, "wrn16_2", 4 * 8, "wrn16_4", 4 * 8, "wrn28_10", 4 * 8, "wrn40_4", 4 * 8);

    static Stream<String> allModelNames() {
        return ModelRegistry.names().stream();
    }

    private static RegzooModel<?> small(String name, boolean includeTop) {
        return ModelRegistry.create(name, b -> b.inputShape(1, 16, 16).classes(5).includeTop(includeTop).width(8));
    }

    private static INDArray output(Model net, INDArray x) {
        return net instanceof MultiLayerNetwork m ? m.output(x) : ((ComputationGraph) net).outputSingle(x);
    }

    @ParameterizedTest
    @MethodSource("allModelNames")
    void classifierOutputsOneSoftmaxRowPerImage(String name) {
        Model net = small(name, true).init();
        INDArray out = output(net, Nd4j.rand(new int[] {2, 1, 16, 16}));
        assertArrayEquals(new long[] {2, 5}, out.shape());
        assertFalse(out.isNaN().any(), "no NaN");
        INDArray rowSums = out.sum(1);
        for (int i = 0; i < 2; i++) {
            assertEquals(1.0, rowSums.getDouble(i), 1e-5);
            assertTrue(out.getRow(i).minNumber().doubleValue() >= 0);
        }
    }

    @ParameterizedTest
    @MethodSource("allModelNames")
    void withoutTopTheModelEndsInGlobalPoolingFeatures(String name) {
        RegzooModel<?> model = small(name, false);
        INDArray out = output(model.init(), Nd4j.rand(new int[] {3, 1, 16, 16}));
        int expectedFeatures = FEATURES_AT_WIDTH_8.getOrDefault(name, 8 * 8); // last stage: 8w (ResNet-18)
        assertArrayEquals(new long[] {3, expectedFeatures}, out.shape());
        assertEquals(0, model.options().classes());
    }

    @ParameterizedTest
    @MethodSource("allModelNames")
    void classesOverrideChangesTheHead(String name) {
        Model net = ModelRegistry.create(name, b -> b.inputShape(1, 16, 16).classes(7).width(8)).init();
        assertArrayEquals(new long[] {1, 7}, output(net, Nd4j.rand(new int[] {1, 1, 16, 16})).shape());
    }

    @ParameterizedTest
    @MethodSource("allModelNames")
    void parameterCountMatchesThePyTorchReference(String name) {
        RegzooModel<?> model = ModelRegistry.create(name, b -> b.inputShape(1, 28, 28).classes(10));
        assertEquals(PARAMS_28x28_10.get(name), model.summary().totalParams());
    }

    @ParameterizedTest
    @MethodSource("allModelNames")
    void configurationSurvivesAJsonRoundTrip(String name) {
        RegzooModel<?> model = ModelRegistry.create(name, b -> b.inputShape(3, 32, 32).classes(10)
                .regularization(RegularizationSpec.builder().l2(1e-4).weightDecay(5e-4).dropout(0.3)
                        .spatialDropout(0.1).build()));
        if (model instanceof SmallCnn cnn) {
            MultiLayerConfiguration conf = cnn.conf();
            assertEquals(conf, MultiLayerConfiguration.fromJson(conf.toJson()));
        } else {
            ComputationGraphConfiguration conf = ((ResNet) model).conf();
            assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
        }
    }

    @ParameterizedTest
    @MethodSource("allModelNames")
    void isADl4jZooModelWhoseInitReturnsTheNetwork(String name) {
        org.deeplearning4j.zoo.ZooModel<?> zoo = small(name, true);
        Model net = zoo.init();
        assertEquals(zoo.modelType(), net.getClass());
        assertEquals(name, zoo.modelName());
        assertFalse(zoo.pretrainedAvailable(org.deeplearning4j.zoo.PretrainedType.IMAGENET));
    }

    @Test
    void narrowResNet18HasTheNarrowReferenceCount() {
        assertEquals(703_578L, ResNet18.builder().inputShape(1, 28, 28).classes(10).width(16).build()
                .summary().totalParams());
    }

    @Test
    void largeInputsGetTheImageNetStem() {
        ResNet model = ResNet18.builder().inputShape(3, 96, 96).classes(4).width(8).build();
        ComputationGraph net = model.init();
        assertEquals(7, ((org.deeplearning4j.nn.conf.layers.ConvolutionLayer) net.getLayer("stem_conv").conf()
                .getLayer()).getKernelSize()[0]);
        assertTrue(net.getConfiguration().getVertices().containsKey("stem_pool"));
        INDArray out = net.outputSingle(Nd4j.rand(new int[] {1, 3, 96, 96}));
        assertArrayEquals(new long[] {1, 4}, out.shape());
    }

    @Test
    void smallInputsGetTheCifarStem() {
        ComputationGraph net = ResNet18.builder().inputShape(1, 28, 28).classes(10).width(8).build().init();
        assertEquals(3, ((org.deeplearning4j.nn.conf.layers.ConvolutionLayer) net.getLayer("stem_conv").conf()
                .getLayer()).getKernelSize()[0]);
        assertFalse(net.getConfiguration().getVertices().containsKey("stem_pool"));
    }

    @Test
    void unknownNameIsRejectedWithTheKnownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelRegistry.builder("resnet99"));
        assertTrue(e.getMessage().contains("resnet99") && e.getMessage().contains("smallcnn"), e.getMessage());
    }

    @Test
    void summaryEndsWithTheTotalAndListsEveryLayer() {
        ModelSummary summary = SmallCnn.builder().inputShape(1, 28, 28).classes(10).build().summary();
        String text = summary.toString();
        String[] lines = text.split("\\R");
        assertEquals("Total params: 871402", lines[lines.length - 1]);
        assertTrue(text.contains("block1_1_conv") && text.contains("predictions"), text);
        assertEquals(summary.totalParams(), summary.rows().stream().mapToLong(ModelSummary.Row::params).sum());
        assertEquals(2 * (32 + 32 + 64 + 64), summary.bnStatistics());
    }
}
