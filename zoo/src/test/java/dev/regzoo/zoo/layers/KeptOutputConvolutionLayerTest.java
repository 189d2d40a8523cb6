package dev.regzoo.zoo.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.regzoo.cpu.NativeHelpers;
import dev.regzoo.zoo.SavedInMemory;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.profiler.OpProfiler;
import org.nd4j.linalg.profiler.ProfilerConfig;

/**
 * The convolution that keeps its training output: the stock layer's results, one forward convolution per step, no
 * channels-last input copy.
 */
class KeptOutputConvolutionLayerTest {

    @BeforeEach
    void requireOneDnnBuild() {
        NativeHelpers.enable();
        Assumptions.assumeTrue(NativeHelpers.oneDnnActive(),
                "skipped: libnd4j here is not the oneDNN build (e.g. -Pcuda or a non-x86 platform)");
    }

    /** conv (identity) - BN - ReLU - softmax, the zoo's block, with the stock or the kept-output convolution. */
    private static MultiLayerNetwork net(boolean kept, CNN2DFormat format) {
        return net(kept, format, ConvolutionMode.Same, 1, 0, true);
    }

    private static MultiLayerNetwork net(boolean kept, CNN2DFormat format, ConvolutionMode mode, int stride,
                                         int padding, boolean bias) {
        ConvolutionLayer.Builder conv = kept ? new KeptOutputConvolutionLayer.Builder(3, 3)
                : new ConvolutionLayer.Builder(3, 3);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(11).updater(new Sgd(0.1)).list()
                .layer(conv.nOut(6).convolutionMode(mode).stride(stride, stride).padding(padding, padding)
                        .hasBias(bias).dataFormat(format).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().dataFormat(format).build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(7, 7, 2, format)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DataSet batch(int n, CNN2DFormat format) {
        Nd4j.getRandom().setSeed(n);
        INDArray x = Nd4j.randn(DataType.FLOAT, format == CNN2DFormat.NCHW ? new long[] {n, 2, 7, 7}
                : new long[] {n, 7, 7, 2});
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 3, 1);
        }
        return new DataSet(x, y);
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void trainsExactlyLikeTheStockLayerOverStepsOfDifferentBatchSizes(CNN2DFormat format) {
        MultiLayerNetwork stock = net(false, format);
        MultiLayerNetwork kept = net(true, format);
        assertEquals(stock.params(), kept.params());
        for (int n : new int[] {8, 8, 5, 8}) {
            stock.fit(batch(n, format));
            kept.fit(batch(n, format));
        }
        assertEquals(0, stock.params().sub(kept.params()).amaxNumber().doubleValue(), 1e-6);
        DataSet test = batch(4, format);
        assertEquals(stock.output(test.getFeatures()), kept.output(test.getFeatures()));
    }

    /**
     * Same padding, strides 1 and 2, explicit padding and none, with and without bias: the shapes and the zero bias
     * it computes itself for channels last.
     */
    @ParameterizedTest
    @CsvSource({"Same, 1, 0, true", "Same, 2, 0, false", "Truncate, 2, 1, true", "Strict, 2, 0, true",
            "Truncate, 1, 0, false"})
    void channelsLastTrainsLikeTheStockLayerWithAnyPaddingAndStride(ConvolutionMode mode, int stride, int padding,
                                                                     boolean bias) {
        MultiLayerNetwork stock = net(false, CNN2DFormat.NHWC, mode, stride, padding, bias);
        MultiLayerNetwork kept = net(true, CNN2DFormat.NHWC, mode, stride, padding, bias);
        for (int n : new int[] {8, 5}) {
            stock.fit(batch(n, CNN2DFormat.NHWC));
            kept.fit(batch(n, CNN2DFormat.NHWC));
        }
        assertEquals(0, stock.params().sub(kept.params()).amaxNumber().doubleValue(), 1e-6);
        INDArray x = batch(4, CNN2DFormat.NHWC).getFeatures();
        assertEquals(stock.output(x), kept.output(x));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aChannelsLastForwardPassCopiesNothing(boolean bias) {
        assertEquals(List.of("old_assign"), legacyOpsOfOneForwardPass(net(false, CNN2DFormat.NHWC,
                ConvolutionMode.Same, 1, 0, bias)), "the stock layer copies its input to channels first, for contrast");
        assertEquals(List.of(), legacyOpsOfOneForwardPass(net(true, CNN2DFormat.NHWC, ConvolutionMode.Same, 1, 0,
                bias)));
    }

    /** The names of the legacy ND4J ops (copies among them) that the first layer's inference forward pass runs. */
    private static List<String> legacyOpsOfOneForwardPass(MultiLayerNetwork net) {
        INDArray x = batch(4, CNN2DFormat.NHWC).getFeatures();
        List<String> ops = new ArrayList<>();
        OpProfiler.OpProfilerListener listener = op -> ops.add(op.opName());
        Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().checkElapsedTime(true).build());
        OpProfiler.getInstance().addListener(listener);
        try {
            net.getLayer(0).activate(x, false, LayerWorkspaceMgr.noWorkspaces());
        } finally {
            OpProfiler.getInstance().clearListener(listener);
            Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().build());
        }
        return ops;
    }

    @Test
    void aTrainingStepRunsTheForwardConvolutionOnceInsteadOfTwice() {
        assertEquals(2, forwardConvolutionsPerStep(net(false, CNN2DFormat.NCHW)), "the stock layer, for contrast");
        assertEquals(1, forwardConvolutionsPerStep(net(true, CNN2DFormat.NCHW)));
    }

    @Test
    void savesAndLoadsAsItself() {
        MultiLayerNetwork net = net(true, CNN2DFormat.NHWC);
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        MultiLayerConfiguration fromJson = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf, fromJson);
        assertInstanceOf(KeptOutputConvolutionLayer.class, fromJson.getConf(0).getLayer());

        MultiLayerNetwork loaded = SavedInMemory.reload(net);
        assertInstanceOf(KeptOutputConvolutionLayer.Impl.class, loaded.getLayer(0));
        INDArray x = batch(3, CNN2DFormat.NHWC).getFeatures();
        assertEquals(net.output(x), loaded.output(x));
    }

    /** Counts the helper's forward convolutions during one {@code fit} step, through a counting proxy. */
    private static int forwardConvolutionsPerStep(MultiLayerNetwork net) {
        org.deeplearning4j.nn.layers.convolution.ConvolutionLayer layer =
                (org.deeplearning4j.nn.layers.convolution.ConvolutionLayer) net.getLayer(0);
        ConvolutionHelper helper = (ConvolutionHelper) layer.getHelper();
        AtomicInteger forward = new AtomicInteger();
        ConvolutionHelper counting = (ConvolutionHelper) Proxy.newProxyInstance(
                KeptOutputConvolutionLayerTest.class.getClassLoader(),
                new Class<?>[] {ConvolutionHelper.class}, (proxy, method, args) -> {
                    if (method.getName().equals("preOutput")) {
                        forward.incrementAndGet();
                    }
                    try {
                        return method.invoke(helper, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        setHelper(layer, counting);
        net.fit(batch(8, CNN2DFormat.NCHW));
        return forward.get();
    }

    private static void setHelper(org.deeplearning4j.nn.layers.convolution.ConvolutionLayer layer,
                                  ConvolutionHelper helper) {
        try {
            Field field = org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class.getDeclaredField("helper");
            field.setAccessible(true);
            field.set(layer, helper);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
