package dev.regzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The oneDNN layer helpers (and regzoo's faster BatchNorm backward on top of them) are switched on, and change speed
 * only: outputs and gradients match DL4J's plain layers.
 */
class NativeHelpersTest {

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
        assertTrue(((BatchNormalization) net.getLayer("block1_1_bn")).getHelper() instanceof FastBatchNormHelper);
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

    @Test
    void smallCnnMatchesThePlainLayers() {
        compare(() -> SmallCnn.builder().inputShape(1, 28, 28).classes(10)
                .regularization(RegularizationSpec.builder().dropout(0).build()).build().init());
    }

    @Test
    void resNetMatchesThePlainLayers() {
        compare(() -> ResNet18.builder().inputShape(1, 28, 28).classes(10).width(8).build().init());
    }

    /** Same seed, so the same weights; dropout off, so training-mode passes are deterministic. */
    private static <N extends NeuralNetwork> void compare(Supplier<N> create) {
        N fast = create.get();
        N plain = withoutHelpers(create);
        assertNull(firstConv(plain).getHelper(), "helpers off for the reference network");
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(new int[] {16, 1, 28, 28});
        INDArray y = Nd4j.eye(10).repeat(0, 2).getRows(java.util.stream.IntStream.range(0, 16).toArray());
        assertEquals(0, output(plain, x).sub(output(fast, x)).amaxNumber().doubleValue(), 1e-4, "inference output");
        INDArray gPlain = gradient(plain, new DataSet(x, y));
        INDArray gFast = gradient(fast, new DataSet(x, y));
        double scale = Math.max(1, gPlain.amaxNumber().doubleValue());
        assertEquals(0, gPlain.sub(gFast).amaxNumber().doubleValue() / scale, 1e-4, "training gradients");
    }

    private static <N extends NeuralNetwork> N withoutHelpers(Supplier<N> create) {
        return withProperty(NativeHelpers.HELPERS_DISABLE_PROPERTY, "true", create);
    }

    private static <N> N withProperty(String name, String value, Supplier<N> create) {
        String previous = System.getProperty(name);
        System.setProperty(name, value);
        try {
            return create.get();
        } finally {
            if (previous == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, previous);
            }
        }
    }

    private static ConvolutionLayer firstConv(NeuralNetwork net) {
        return (ConvolutionLayer) (net instanceof MultiLayerNetwork m ? m.getLayer(0)
                : ((ComputationGraph) net).getLayer("stem_conv"));
    }

    private static INDArray output(NeuralNetwork net, INDArray x) {
        return net instanceof MultiLayerNetwork m ? m.output(x) : ((ComputationGraph) net).outputSingle(x);
    }

    private static INDArray gradient(NeuralNetwork net, DataSet data) {
        if (net instanceof MultiLayerNetwork m) {
            m.setInput(data.getFeatures());
            m.setLabels(data.getLabels());
            m.computeGradientAndScore();
            return m.gradient().gradient().dup();
        }
        ComputationGraph g = (ComputationGraph) net;
        g.setInputs(data.getFeatures());
        g.setLabels(data.getLabels());
        g.computeGradientAndScore();
        return g.gradient().gradient().dup();
    }
}
