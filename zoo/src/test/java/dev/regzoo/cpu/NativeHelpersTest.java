package dev.regzoo.cpu;

import static dev.regzoo.cpu.HelperSwitches.gradient;
import static dev.regzoo.cpu.HelperSwitches.withProperty;
import static dev.regzoo.cpu.HelperSwitches.withoutHelpers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.zoo.RegularizationSpec;
import dev.regzoo.zoo.RegzooModel;
import dev.regzoo.zoo.ResNet18;
import dev.regzoo.zoo.SmallCnn;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The oneDNN layer helpers (and regzoo's faster BatchNorm helper on top of them) are switched on, and change speed
 * only: outputs, gradients and running statistics match DL4J's plain layers.
 */
class NativeHelpersTest {

    private static final int GRADIENT_BATCHES = 12;


    @BeforeEach
    void requireOneDnnBuild() {
        RegzooModel.class.getName(); // loading the model base class enables the helpers
        SmallCnn.builder();
        Assumptions.assumeTrue(NativeHelpers.oneDnnActive(),
                "skipped: libnd4j here is not the oneDNN build (e.g. -Pcuda or a non-x86 platform)");
    }

    @Test
    void stockLayersGetOneDnnHelpers() {
        MultiLayerNetwork net = SmallCnn.builder().inputShape(1, 28, 28).classes(10).build().init();
        assertTrue(((ConvolutionLayer) net.getLayer("block1_1_conv")).getHelper() instanceof MKLDNNConvHelper);
        assertTrue(((BatchNormalization) net.getLayer("block1_1_bn")).getHelper() instanceof FastBatchNormHelper fast
                && fast.vectorized(), "regzoo's BatchNorm helper, on the Vector API (the tests run with it)");
    }

    @Test
    void fastBatchNormBackwardCanBeSwitchedOff() {
        MultiLayerNetwork net = withProperty(NativeHelpers.FAST_BATCH_NORM_PROPERTY, "false",
                () -> SmallCnn.builder().inputShape(1, 28, 28).classes(10).build().init());
        assertEquals(MKLDNNBatchNormHelper.class,
                ((BatchNormalization) net.getLayer("block1_1_bn")).getHelper().getClass());
    }

    @Test
    void dl4jsOwnOneDnnBatchNormBackwardMatchesThePlainLayersToo() {
        compare(() -> withProperty(NativeHelpers.FAST_BATCH_NORM_PROPERTY, "false",
                () -> SmallCnn.builder().inputShape(1, 28, 28).classes(10)
                        .regularization(RegularizationSpec.builder().dropout(0).build()).build().init()));
    }

    /** Without the Vector API (or with it switched off), regzoo's BatchNorm runs on libnd4j's ops. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void libnd4jBatchNormPassesMatchThePlainLayersToo(boolean channelsLast) {
        compare(() -> withProperty(NativeHelpers.VECTOR_BATCH_NORM_PROPERTY, "false",
                () -> channelsLast ? SmallCnn.builder().inputShape(1, 28, 28).classes(10)
                        .regularization(RegularizationSpec.builder().dropout(0).build()).build().init()
                        : ResNet18.builder().inputShape(1, 28, 28).classes(10).width(8).channelsLast(false).build()
                                .init()));
    }

    @Test
    void smallCnnMatchesThePlainLayers() {
        compare(() -> SmallCnn.builder().inputShape(1, 28, 28).classes(10)
                .regularization(RegularizationSpec.builder().dropout(0).build()).build().init());
    }

    @Test
    void channelsLastSmallCnnMatchesThePlainLayers() {
        compare(() -> SmallCnn.builder().inputShape(1, 28, 28).classes(10).channelsLast(true)
                .regularization(RegularizationSpec.builder().dropout(0).build()).build().init());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void resNetMatchesThePlainLayers(boolean channelsLast) {
        compare(() -> ResNet18.builder().inputShape(1, 28, 28).classes(10).width(8).channelsLast(channelsLast).build()
                .init());
    }

    /** Channels-last convolutions and dense layers: the batch statistics run over other dimensions. */
    @ParameterizedTest
    @ValueSource(strings = {"NHWC", "dense"})
    void batchNormMatchesThePlainLayerForOtherLayouts(String layout) {
        boolean dense = layout.equals("dense");
        Supplier<MultiLayerNetwork> create = () -> {
            NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(5).list();
            list.layer(dense ? new DenseLayer.Builder().nOut(6).build()
                    : new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(3, 3).nOut(4)
                            .dataFormat(CNN2DFormat.NHWC).build());
            list.layer(new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder()
                    .dataFormat(dense ? CNN2DFormat.NCHW : CNN2DFormat.NHWC).build());
            list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                    .activation(Activation.SOFTMAX).build());
            list.setInputType(dense ? InputType.feedForward(7) : InputType.convolutional(6, 6, 2, CNN2DFormat.NHWC));
            MultiLayerNetwork net = new MultiLayerNetwork(list.build());
            net.init();
            return NativeHelpers.attach(net);
        };
        MultiLayerNetwork fast = create.get();
        MultiLayerNetwork plain = withoutHelpers(create);
        assertTrue(((BatchNormalization) fast.getLayer(1)).getHelper() instanceof FastBatchNormHelper);
        assertNull(((BatchNormalization) plain.getLayer(1)).getHelper());
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.randn(DataType.FLOAT, dense ? new long[] {8, 7} : new long[] {8, 6, 6, 2}).muli(3).addi(1);
        INDArray y = Nd4j.eye(3).repeat(0, 3).getRows(java.util.stream.IntStream.range(0, 8).toArray());
        INDArray gPlain = gradient(plain, new DataSet(x, y));
        INDArray gFast = gradient(fast, new DataSet(x, y));
        assertEquals(0, gPlain.sub(gFast).amaxNumber().doubleValue() / Math.max(1, gPlain.amaxNumber().doubleValue()),
                1e-4, "training gradients, running mean and variance included");
        assertEquals(0, helperFailures(fast.getLayer(1)), "DL4J fell back to its plain layer");
        assertEquals(dense || !Dnnl.engine().isPresent() ? 0 : 1,
                ((FastBatchNormHelper) ((BatchNormalization) fast.getLayer(1)).getHelper()).directShapes(),
                "channels-last values on oneDNN 2.5's passes");
    }

    /** DL4J counts (and logs) each time a helper throws and the layer falls back to its built-in implementation. */
    private static int helperFailures(org.deeplearning4j.nn.api.Layer layer) {
        try {
            java.lang.reflect.Field count = BatchNormalization.class.getDeclaredField("helperCountFail");
            count.setAccessible(true);
            return count.getInt(layer);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Same seed, so the same weights; dropout off, so training-mode passes are deterministic. Gradients are compared on
     * {@link #GRADIENT_BATCHES} small batches and must match on most of them: max pooling passes each window's
     * gradient to its largest value, and where two candidates lie within rounding (~1e-5) of each other the helpers'
     * and the plain layers' different summation orders can pick different winners, which moves thousands of gradient
     * entries of that batch (SmallCnn: 2 of 8 batches of 16 images, 2 of 12 batches of 8, with either of two correct
     * channel-sum implementations). A wrong gradient moves every batch.
     */
    private static <N extends NeuralNetwork> void compare(Supplier<N> create) {
        N fast = create.get();
        N plain = withoutHelpers(create);
        assertNull(firstConv(plain).getHelper(), "helpers off for the reference network");
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(new int[] {16, 1, 28, 28});
        assertEquals(0, output(plain, x).sub(output(fast, x)).amaxNumber().doubleValue(), 1e-4, "inference output");
        List<Double> differences = new ArrayList<>();
        for (int batch = 1; batch <= GRADIENT_BATCHES; batch++) {
            Nd4j.getRandom().setSeed(batch);
            DataSet data = new DataSet(Nd4j.rand(new int[] {4, 1, 28, 28}), Nd4j.eye(10).getRows(0, 3, 5, 9));
            INDArray gPlain = gradient(plain, data);
            INDArray gFast = gradient(fast, data);
            double scale = Math.max(1, gPlain.amaxNumber().doubleValue());
            differences.add(gPlain.sub(gFast).amaxNumber().doubleValue() / scale);
        }
        assertTrue(differences.stream().filter(d -> d <= 1e-4).count() > GRADIENT_BATCHES / 2,
                "training gradients, largest difference per batch relative to the largest gradient: " + differences);
    }

    private static ConvolutionLayer firstConv(NeuralNetwork net) {
        return (ConvolutionLayer) (net instanceof MultiLayerNetwork m ? m.getLayer(0)
                : ((ComputationGraph) net).getLayer("stem_conv"));
    }

    private static INDArray output(NeuralNetwork net, INDArray x) {
        return net instanceof MultiLayerNetwork m ? m.output(x) : ((ComputationGraph) net).outputSingle(x);
    }
}
