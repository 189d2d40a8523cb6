package dev.regzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.zoo.ResNetSpec.Block;
import dev.regzoo.zoo.ResNetSpec.Shortcut;
import dev.regzoo.zoo.ResNetSpec.Stem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;

/** Every member of the ResNet family ({@link ResNetFamily}), checked the same way, and the family's block library. */
class ResNetFamilyTest {

    /**
     * A trainable-parameter count (PyTorch's {@code sum(p.numel() for p in model.parameters())}) and where it comes
     * from.
     */
    private record Reference(Shape input, int classes, long trainable, String source) {
    }

    private static final Shape IMAGENET = new Shape(3, 224, 224);
    private static final Shape CIFAR = new Shape(3, 32, 32);
    private static final Map<String, Reference> REFERENCES = Map.of(
            "resnet18", new Reference(IMAGENET, 1000, 11_689_512L, "torchvision.models.resnet18()"),
            "resnet34", new Reference(IMAGENET, 1000, 21_797_672L, "torchvision.models.resnet34()"),
            "resnet50", new Reference(IMAGENET, 1000, 25_557_032L, "torchvision.models.resnet50()"),
            "resnet18d", new Reference(IMAGENET, 1000, 11_708_744L, "timm resnet18d (deep stem 32-32-64, avg_down)"),
            "resnet50d", new Reference(IMAGENET, 1000, 25_576_264L, "timm resnet50d"),
            "preact_resnet18", new Reference(CIFAR, 10, 11_172_170L,
                    "He et al. 2016 with the final BN (kuangliu/pytorch-cifar's PreActResNet18, 11,171,146, + 1,024)"),
            "wrn16_2", new Reference(CIFAR, 10, 691_674L, "bench/resnet_family.py, Zagoruyko & Komodakis' WRN"),
            "wrn16_4", new Reference(CIFAR, 10, 2_748_890L, "Zagoruyko & Komodakis' WRN without conv biases"),
            "wrn28_10", new Reference(CIFAR, 10, 36_479_194L, "Zagoruyko & Komodakis: 36.5M; without conv biases"),
            "wrn40_4", new Reference(CIFAR, 10, 8_949_210L, "Zagoruyko & Komodakis: 8.9M; bench/resnet_family.py"));

    static Stream<String> members() {
        return ResNetFamily.members().stream().map(ResNetFamily.Member::name);
    }

    /** The member at a quarter of its width (at least its minimum): fast, every layer still there. */
    private static ResNet.Builder narrow(String name) {
        ResNetSpec spec = ResNetFamily.spec(name);
        return ResNet.builder(spec).width(Math.max(spec.minimumWidth(), spec.width() / 4));
    }

    @Test
    void everyMemberHasAReferenceCount() {
        assertEquals(Set.copyOf(members().toList()), REFERENCES.keySet());
    }

    @ParameterizedTest
    @MethodSource("members")
    void trainableParametersEqualTheReference(String name) {
        Reference ref = REFERENCES.get(name);
        ModelSummary summary = ResNet.builder(ResNetFamily.spec(name)).inputShape(ref.input()).classes(ref.classes())
                .build().summary();
        assertEquals(ref.trainable(), summary.totalParams() - summary.bnStatistics(), ref.source());
        assertTrue(summary.bnStatistics() > 0, "DL4J's count adds BatchNorm's running mean and variance");
    }

    /** Final feature map side: the stem keeps small inputs and quarters large ones, each stage after the first halves. */
    @ParameterizedTest
    @MethodSource("members")
    void buildsForSmallMediumAndImageNetInputs(String name) {
        ResNetSpec spec = ResNetFamily.spec(name);
        int halvings = spec.stageDepths().size() - 1;
        for (Shape input : List.of(new Shape(1, 28, 28), new Shape(3, 64, 64), IMAGENET)) {
            ComputationGraphConfiguration conf = ResNet.builder(spec).inputShape(input).classes(7).build().conf();
            Map<String, InputType> types = conf.getLayerActivationTypes(input.toInputType());
            boolean largeStem = input.minSide() > ResNetSpec.SMALL_INPUT_MAX_SIDE && spec.stem() != Stem.CIFAR;
            int side = ceilDiv(input.height(), (largeStem ? 4 : 1) << halvings);
            InputType.InputTypeConvolutional features =
                    (InputType.InputTypeConvolutional) types.get(conf.getVertexInputs().get("avg_pool").get(0));
            assertEquals(side, features.getHeight(), name + " at " + input);
            assertEquals(spec.featureChannels(), features.getChannels(), name + " at " + input);
            assertEquals(7, ((InputType.InputTypeFeedForward) types.get("predictions")).getSize());
        }
    }

    @ParameterizedTest
    @MethodSource("members")
    void classifiesAndExtractsFeaturesAt64Pixels(String name) {
        ResNet model = narrow(name).inputShape(3, 64, 64).classes(6).build();
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 64, 64);
        INDArray out = model.init().outputSingle(x);
        assertArrayEquals(new long[] {2, 6}, out.shape());
        assertEquals(1.0, out.getRow(0).sumNumber().doubleValue(), 1e-5);
        assertEquals(1.0, out.getRow(1).sumNumber().doubleValue(), 1e-5);
        assertTrue(out.minNumber().doubleValue() >= 0);

        ResNet features = narrow(name).inputShape(3, 64, 64).includeTop(false).pooling(Pooling.MAX).build();
        int channels = features.spec().scaled(features.spec().featureChannels(), features.options().width());
        assertArrayEquals(new long[] {2, channels}, features.init().outputSingle(x).shape());
    }

    @ParameterizedTest
    @MethodSource("members")
    void savesAndLoadsWithItsWeightsAndStatistics(String name) {
        ResNetSpec spec = ResNetFamily.spec(name);
        ComputationGraph net = ResNet.builder(spec).width(Math.max(spec.minimumWidth(), spec.width() / 16))
                .inputShape(1, 12, 12).classes(3).build().init();
        DataSet batch = randomlyLabelled(8, 12, 3);
        net.fit(batch);
        ComputationGraph loaded = SavedInMemory.reload(net);
        assertEquals(net.params(), loaded.params());
        assertEquals(net.outputSingle(batch.getFeatures()), loaded.outputSingle(batch.getFeatures()));
    }

    /**
     * Each member memorises 64 images with random labels: only working gradients through every layer, the residual
     * additions and shortcuts included, get training accuracy to 95%.
     */
    @ParameterizedTest
    @MethodSource("members")
    void overfitsRandomLabels(String name) {
        ResNetSpec spec = ResNetFamily.spec(name);
        ComputationGraph net = ResNet.builder(spec).width(Math.max(spec.minimumWidth(), spec.width() / 8))
                .inputShape(1, 8, 8).classes(4).updater(new Adam(3e-3)).build().init();
        DataSet data = randomlyLabelled(64, 8, 4);
        double accuracy = 0;
        for (int step = 0; step < 150 && accuracy < 0.95; step++) {
            net.fit(data);
            if (step % 5 == 4) {
                accuracy = net.evaluate(new ListDataSetIterator<>(data.asList(), 64)).accuracy();
            }
        }
        assertTrue(accuracy >= 0.95, name + ": training accuracy " + accuracy);
    }

    /**
     * Analytic gradients of a tiny network of each block type match numeric ones, in double precision. Without
     * BatchNorm: DL4J 1.0.0-M2.1's gradient check cannot leave BatchNorm's running statistics out of a branching graph
     * (see {@code GradientCheckTest}, which checks BatchNorm in a block without projection). Two stages of one block;
     * a 5×5 input gives the second stage an odd map, so strided convolutions and ResNet-D's average pooling pad.
     */
    @ParameterizedTest
    @MethodSource("blockTypes")
    void tinyBlockGradientsAreCorrect(String blockType, ResNetSpec spec, String signatureLayer) {
        GradientChecks.inDoublePrecision(() -> {
            ComputationGraph net = ResNet.builder(spec).inputShape(1, 5, 5).classes(3)
                    .regularization(RegularizationSpec.none()).updater(new NoOp())
                    .dataType(DataType.DOUBLE).seed(12345).build().init();
            assertTrue(net.getConfiguration().getVertices().containsKey(signatureLayer), blockType);
            DataSet batch = randomlyLabelled(4, 5, 3);
            GradientChecks.assertGradientsCorrect(net, batch.getFeatures().castTo(DataType.DOUBLE),
                    batch.getLabels().castTo(DataType.DOUBLE), Set.of());
        });
    }

    /** Each block type, two channels wide (one channel can leave a ReLU dead and the next one at its kink). */
    static Stream<Arguments> blockTypes() {
        ResNetSpec basic = ResNetSpec.builder().stageDepths(List.of(1, 1)).width(2).stemWidth(2).build();
        return Stream.of(
                Arguments.of("BasicBlock", basic, "stage2_block1_out"),
                Arguments.of("Bottleneck", basic.toBuilder().block(Block.BOTTLENECK).build(), "stage2_block1_3_conv"),
                Arguments.of("pre-activation (wide) BasicBlock", basic.toBuilder().preActivation(true).build(),
                        "stage2_block1_preact_relu"),
                Arguments.of("average-pool shortcut", basic.toBuilder().shortcut(Shortcut.AVG_POOL).build(),
                        "stage2_block1_0_pool"));
    }

    @Test
    void wideResNetDropoutGoesBetweenTheConvolutionsNotBeforeTheClassifier() {
        ComputationGraphConfiguration conf = ResNet.builder(ResNetFamily.spec("wrn16_2")).inputShape(1, 28, 28)
                .classes(10).regularization(RegularizationSpec.builder().dropout(0.3).build()).build().conf();
        assertEquals(List.of("stage1_block1_1_relu"), conf.getVertexInputs().get("stage1_block1_dropout"));
        assertEquals(List.of("stage1_block1_dropout"), conf.getVertexInputs().get("stage1_block1_2_conv"));
        assertEquals(0.7, dropoutOf(conf, "stage3_block2_dropout"), 1e-12, "DL4J's retain probability");
        assertEquals(null, layer(conf, "predictions").getIDropout());

        ComputationGraphConfiguration resnet = ResNet18.builder().inputShape(1, 28, 28).classes(10)
                .regularization(RegularizationSpec.builder().dropout(0.3).build()).build().conf();
        assertEquals(0.7, ((org.deeplearning4j.nn.conf.dropout.Dropout) layer(resnet, "predictions").getIDropout())
                .getP(), 1e-12);
        assertFalse(resnet.getVertices().keySet().stream().anyMatch(v -> v.endsWith("_dropout")));
    }

    @Test
    void widthScalesEveryChannelCountStemIncluded() {
        ComputationGraphConfiguration wrn = ResNet.builder(ResNetFamily.spec("wrn16_4")).width(32)
                .inputShape(1, 28, 28).classes(10).build().conf();
        assertEquals(8, nOut(wrn, "stem_conv"), "16 x 32/64");
        assertEquals(32, nOut(wrn, "stage1_block1_1_conv"));
        assertEquals(128, nOut(wrn, "stage3_block2_2_conv"));
        ComputationGraphConfiguration d = ResNet.builder(ResNetFamily.spec("resnet50d")).width(16)
                .inputShape(3, 96, 96).classes(10).build().conf();
        assertEquals(8, nOut(d, "stem_1_conv"), "the deep stem's half width, 32 x 16/64");
        assertEquals(16, nOut(d, "stem_3_conv"));
        assertEquals(512, nOut(d, "stage4_block3_3_conv"), "bottleneck output: 4 x 8 x 16");
        assertEquals(2, ResNetFamily.spec("wrn16_4").minimumWidth(), "16 x 2/64 = 0.5 rounds to 1 channel");
        assertEquals(1, ResNetFamily.spec("resnet50d").minimumWidth());
    }

    @Test
    void resNetDAveragesBeforeItsShortcutProjection() {
        ComputationGraphConfiguration conf = ResNet.builder(ResNetFamily.spec("resnet18d")).inputShape(3, 224, 224)
                .classes(10).build().conf();
        assertEquals(List.of("stage2_block1_0_pool"), conf.getVertexInputs().get("stage2_block1_0_conv"));
        assertEquals(1, ((ConvolutionLayer) layer(conf, "stage2_block1_0_conv")).getStride()[0]);
        assertEquals(2, ((ConvolutionLayer) layer(conf, "stage2_block1_1_conv")).getStride()[0]);
        assertFalse(conf.getVertices().containsKey("stage1_block1_0_conv"), "no projection where the shape stays");
        assertEquals(List.of("stem_2_relu"), conf.getVertexInputs().get("stem_3_conv"));
    }

    @Test
    void bottlenecksStrideOnTheirThreeByThreeConvolutionAsTorchvisionV15() {
        ComputationGraphConfiguration conf = ResNet.builder(ResNetFamily.spec("resnet50")).inputShape(3, 224, 224)
                .classes(10).build().conf();
        assertEquals(1, ((ConvolutionLayer) layer(conf, "stage3_block1_1_conv")).getStride()[0]);
        assertEquals(2, ((ConvolutionLayer) layer(conf, "stage3_block1_2_conv")).getStride()[0]);
        assertEquals(3, ((ConvolutionLayer) layer(conf, "stage3_block1_2_conv")).getKernelSize()[0]);
        assertEquals(1024, nOut(conf, "stage3_block1_3_conv"));
    }

    /**
     * ResNet-18 builds the graph 0.1.0 saved: the same vertices in the same order (which fixes the parameters' flat
     * layout), the same inputs and the same layers, so saved and shipped weights fit it.
     */
    @Test
    void resNet18BuildsTheGraphThatVersion010Saved() throws IOException {
        ComputationGraph saved;
        try (InputStream in = getClass().getResourceAsStream("saved-by-0.1.0/resnet18w4-0.1.0.zip")) {
            saved = (ComputationGraph) ModelFiles.read(in.readAllBytes(), "resnet18w4", false);
        }
        ComputationGraphConfiguration expected = saved.getConfiguration();
        ComputationGraphConfiguration built = ResNet18.builder().inputShape(1, 28, 28).classes(10).width(4).build()
                .conf();
        assertEquals(List.copyOf(expected.getVertices().keySet()), List.copyOf(built.getVertices().keySet()));
        assertEquals(expected.getVertexInputs(), built.getVertexInputs());
        for (Map.Entry<String, GraphVertex> v : expected.getVertices().entrySet()) {
            GraphVertex other = built.getVertices().get(v.getKey());
            assertEquals(v.getValue().getClass(), other.getClass(), v.getKey());
            if (v.getValue() instanceof LayerVertex lv) {
                Layer savedLayer = lv.getLayerConf().getLayer();
                Layer builtLayer = ((LayerVertex) other).getLayerConf().getLayer();
                assertEquals(savedLayer.getClass(), builtLayer.getClass(), v.getKey());
                if (savedLayer instanceof FeedForwardLayer ff) {
                    assertEquals(ff.getNIn(), ((FeedForwardLayer) builtLayer).getNIn(), v.getKey());
                    assertEquals(ff.getNOut(), ((FeedForwardLayer) builtLayer).getNOut(), v.getKey());
                }
                if (savedLayer instanceof ConvolutionLayer conv) {
                    ConvolutionLayer b = (ConvolutionLayer) builtLayer;
                    assertArrayEquals(conv.getKernelSize(), b.getKernelSize(), v.getKey());
                    assertArrayEquals(conv.getStride(), b.getStride(), v.getKey());
                    assertEquals(conv.hasBias(), b.hasBias(), v.getKey());
                }
            }
        }
        ComputationGraph net = new ComputationGraph(built);
        net.init(saved.params(), true);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28);
        assertEquals(saved.outputSingle(x), net.outputSingle(x), "the saved weights give the saved outputs");
    }

    private static DataSet randomlyLabelled(int n, int side, int classes) {
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 1, side, side);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, classes);
        for (int i = 0; i < n; i++) {
            labels.putScalar(i, Nd4j.getRandom().nextInt(classes), 1.0);
        }
        return new DataSet(x, labels);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static org.deeplearning4j.nn.conf.layers.BaseLayer layer(ComputationGraphConfiguration conf,
                                                                     String name) {
        return (org.deeplearning4j.nn.conf.layers.BaseLayer) ((LayerVertex) conf.getVertices().get(name))
                .getLayerConf().getLayer();
    }

    private static double dropoutOf(ComputationGraphConfiguration conf, String name) {
        Layer l = ((LayerVertex) conf.getVertices().get(name)).getLayerConf().getLayer();
        return ((org.deeplearning4j.nn.conf.dropout.Dropout) l.getIDropout()).getP();
    }

    private static long nOut(ComputationGraphConfiguration conf, String name) {
        return ((FeedForwardLayer) layer(conf, name)).getNOut();
    }
}
