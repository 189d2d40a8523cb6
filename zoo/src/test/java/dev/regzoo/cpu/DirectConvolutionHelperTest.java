package dev.regzoo.cpu;

import static dev.regzoo.cpu.HelperSwitches.gradient;
import static dev.regzoo.cpu.HelperSwitches.withProperty;
import static dev.regzoo.cpu.HelperSwitches.withoutHelpers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.regzoo.zoo.RegzooModel;
import dev.regzoo.zoo.ResNet18;
import dev.regzoo.zoo.SmallCnn;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The convolutions' passes on oneDNN 2.5 give DL4J's plain layers' outputs and gradients: weights, biases and, through
 * a second convolution, the input gradient, for the geometries the zoo uses and odd ones around them.
 */
class DirectConvolutionHelperTest {

    @BeforeEach
    void requireOneDnn() {
        RegzooModel.class.getName(); // loading the model base class enables DL4J's helpers
        SmallCnn.builder();
        Assumptions.assumeTrue(NativeHelpers.oneDnnActive(),
                "skipped: libnd4j here is not the oneDNN build (e.g. -Pcuda or a non-x86 platform)");
        Assumptions.assumeTrue(Dnnl.engine().isPresent(),
                "skipped: oneDNN 2.5's natives (org.bytedeco:dnnl) are not available for this platform");
    }

    @Test
    void zooConvolutionsGetIt() {
        ComputationGraph net = ResNet18.builder().inputShape(1, 28, 28).classes(10).width(8).build().init();
        assertEquals(DirectConvolutionHelper.class, ((ConvolutionLayer) net.getLayer("stem_conv")).getHelper()
                .getClass());
        assertEquals(DirectConvolutionHelper.class, ((ConvolutionLayer) net.getLayer("stage2_block1_0_conv"))
                .getHelper().getClass());
    }

    @Test
    void canBeSwitchedOff() {
        MultiLayerNetwork net = withProperty(NativeHelpers.DIRECT_CONVOLUTION_PROPERTY, "false",
                () -> SmallCnn.builder().inputShape(1, 28, 28).classes(10).build().init());
        assertEquals(MKLDNNConvHelper.class, ((ConvolutionLayer) net.getLayer("block1_1_conv")).getHelper()
                .getClass());
    }

    /**
     * Two channels-last convolutions of the given geometry and a classifier, against the same network on DL4J's plain
     * layers: the second convolution's input gradient reaches the first one's weight gradient.
     */
    @ParameterizedTest(name = "{0}x{0} kernel, stride {1}, {2}x{2} input, bias {3}")
    @CsvSource({
        "3, 1, 8, false", // ResNet's 3x3 convolutions
        "3, 2, 8, false", // ResNet's downsampling convolutions
        "1, 2, 7, false", // ResNet's projection shortcuts
        "3, 1, 7, true", // SmallCnn's convolutions (bias without BatchNorm), odd size
        "3, 2, 7, true", // odd size, stride 2: as much padding after as before
        "2, 2, 6, false"}) // even kernel
    void gradientsMatchThePlainLayers(int kernel, int stride, int size, boolean bias) {
        Supplier<MultiLayerNetwork> create = () -> twoConvolutions(kernel, stride, size, bias, ConvolutionMode.Same);
        MultiLayerNetwork direct = create.get();
        MultiLayerNetwork plain = withoutHelpers(create);
        assertNull(((ConvolutionLayer) plain.getLayer(0)).getHelper(), "helpers off for the reference network");
        assertMatch(plain, direct, size);
        DirectConvolutionHelper helper = (DirectConvolutionHelper) ((ConvolutionLayer) direct.getLayer(1)).getHelper();
        assertEquals(1, helper.directGeometries(), "the backward pass ran on oneDNN's direct algorithm");
        assertEquals(1, helper.directForwardGeometries(), "the forward pass ran on oneDNN 2.5");
    }

    /** Truncate mode can leave the last input row and column unread: negative padding after them. */
    @Test
    void truncatedGeometries() {
        Supplier<MultiLayerNetwork> create = () -> twoConvolutions(3, 2, 8, true, ConvolutionMode.Truncate);
        MultiLayerNetwork direct = create.get();
        assertMatch(withoutHelpers(create), direct, 8);
        DirectConvolutionHelper helper = (DirectConvolutionHelper) ((ConvolutionLayer) direct.getLayer(0)).getHelper();
        assertEquals(1, helper.directGeometries());
    }

    /** A new batch size is a new geometry; both give the plain layers' gradients. */
    @Test
    void batchSizesChange() {
        Supplier<MultiLayerNetwork> create = () -> twoConvolutions(3, 1, 6, false, ConvolutionMode.Same);
        MultiLayerNetwork direct = create.get();
        MultiLayerNetwork plain = withoutHelpers(create);
        for (int batch : new int[] {5, 2, 5}) {
            DataSet data = data(batch, 6, batch);
            INDArray expected = gradient(plain, data);
            assertEquals(0, relativeDifference(expected, gradient(direct, data)), 1e-4, "batch " + batch);
        }
        DirectConvolutionHelper helper = (DirectConvolutionHelper) ((ConvolutionLayer) direct.getLayer(0)).getHelper();
        assertEquals(2, helper.directGeometries());
    }

    private static void assertMatch(MultiLayerNetwork plain, MultiLayerNetwork direct, int size) {
        for (int seed = 1; seed <= 3; seed++) {
            DataSet data = data(4, size, seed);
            assertEquals(0, relativeDifference(plain.output(data.getFeatures()), direct.output(data.getFeatures())),
                    1e-4, "inference outputs, batch " + seed);
            INDArray expected = gradient(plain, data);
            INDArray actual = gradient(direct, data);
            assertEquals(0, relativeDifference(expected, actual), 1e-4, "gradients, batch " + seed);
        }
    }

    private static double relativeDifference(INDArray expected, INDArray actual) {
        return expected.sub(actual).amaxNumber().doubleValue() / Math.max(1e-3, expected.amaxNumber().doubleValue());
    }

    private static DataSet data(int batch, int size, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, batch, size, size, 3);
        INDArray y = Nd4j.eye(3).repeat(0, batch).getRows(IntStream.range(0, batch).toArray());
        return new DataSet(x, y);
    }

    private static MultiLayerNetwork twoConvolutions(int kernel, int stride, int size, boolean bias,
                                                     ConvolutionMode mode) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(7)
                .dataType(DataType.FLOAT).list();
        for (int i = 0; i < 2; i++) {
            list.layer(new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(kernel, kernel)
                    .stride(stride, stride).convolutionMode(mode).nOut(4 + i)
                    .hasBias(bias).activation(Activation.IDENTITY).dataFormat(CNN2DFormat.NHWC).build());
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX)
                .build());
        list.setInputType(InputType.convolutional(size, size, 3, CNN2DFormat.NHWC));
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return NativeHelpers.attach(net);
    }
}
