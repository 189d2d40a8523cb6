package dev.regzoo.cpu;

import java.lang.reflect.Field;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdDataAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdFilterAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.FwdAlgo;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's oneDNN convolution helper with channels-last single-precision layers on oneDNN 2.5 directly: the backward pass
 * on its direct algorithm ({@link DirectConvolutionBackward}) instead of libnd4j's {@code conv2d_bp}, which runs
 * Winograd kernels several times slower on ResNet-18's smaller feature maps, and the forward pass
 * ({@link DirectConvolutionForward}) without libnd4j's per-call costs. Channels-first and dilated layers, double
 * precision (gradient checks) and geometries oneDNN has only reference kernels for stay on DL4J's helper. The layer
 * stays a stock {@code ConvolutionLayer}: {@link #install} swaps only the helper object of live layers.
 */
final class DirectConvolutionHelper extends MKLDNNConvHelper {

    private static final Field HELPER = LayerHelpers.field(ConvolutionLayer.class, "helper");
    private final RecentPasses<ConvolutionGeometry, DirectConvolutionForward> forward =
            new RecentPasses<>();
    private final RecentPasses<ConvolutionGeometry, DirectConvolutionBackward> backward =
            new RecentPasses<>();

    DirectConvolutionHelper() {
        super(DataType.FLOAT);
    }

    /**
     * Gives every convolution of {@code model} that runs on DL4J's oneDNN helper this one, where oneDNN 2.5's natives
     * load on this platform; other layers and networks are left as they are.
     */
    static void install(Model model) {
        if (Dnnl.engine().isPresent()) {
            LayerHelpers.replace(model, ConvolutionLayer.class, HELPER, MKLDNNConvHelper.class,
                    DirectConvolutionHelper::new);
        }
    }

    @Override
    public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides, int[] pad,
                              AlgoMode mode, FwdAlgo fwdAlgo, ConvolutionMode convolutionMode, int[] dilation,
                              CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        Optional<ConvolutionGeometry> geometry = format == CNN2DFormat.NHWC && undilated(dilation)
                && allFloat(input, weights) && (bias == null || Dnnl.denseVector(bias))
                ? Optional.of(ConvolutionGeometry.of(input, ConvolutionUtils.getOutputSize(input, kernel, strides,
                        convolutionMode == ConvolutionMode.Same ? null : pad, convolutionMode, dilation,
                        CNN2DFormat.NHWC), weights.size(0), kernel, strides, pad, convolutionMode, bias != null))
                : Optional.empty();
        Optional<DirectConvolutionForward> direct = geometry.flatMap(g -> forward.get(g,
                DirectConvolutionForward::create));
        if (direct.isEmpty()) {
            return super.preOutput(input, weights, bias, kernel, strides, pad, mode, fwdAlgo, convolutionMode,
                    dilation, format, workspaceMgr);
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(),
                geometry.get().outputShape(), 'c');
        direct.get().run(dense(input), dense(weights), bias, out);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray weights, INDArray bias, INDArray delta,
                                                     int[] kernel, int[] strides, int[] pad, INDArray biasGradView,
                                                     INDArray weightGradView, IActivation afn, AlgoMode mode,
                                                     BwdFilterAlgo bwdFilterAlgo, BwdDataAlgo bwdDataAlgo,
                                                     ConvolutionMode convolutionMode, int[] dilation,
                                                     CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        Optional<DirectConvolutionBackward> direct = format == CNN2DFormat.NHWC && undilated(dilation)
                && allFloat(input, weights, delta) && Dnnl.denseFloat(weightGradView)
                && (biasGradView == null || Dnnl.denseVector(biasGradView))
                ? backward.get(ConvolutionGeometry.of(input, new int[] {(int) delta.size(1), (int) delta.size(2)},
                        delta.size(3), kernel, strides, pad, convolutionMode, biasGradView != null),
                        DirectConvolutionBackward::create)
                : Optional.empty();
        if (direct.isEmpty()) {
            return super.backpropGradient(input, weights, bias, delta, kernel, strides, pad, biasGradView,
                    weightGradView, afn, mode, bwdFilterAlgo, bwdDataAlgo, convolutionMode, dilation, format,
                    workspaceMgr);
        }
        INDArray gradAtInput = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(),
                input.shape(), 'c');
        direct.get().run(dense(input), dense(weights), dense(delta), gradAtInput, weightGradView, biasGradView);
        Gradient g = new DefaultGradient();
        if (biasGradView != null) {
            g.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        }
        g.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView);
        return new Pair<>(g, gradAtInput);
    }

    /** How many geometries this layer's backward pass has run on oneDNN's direct algorithm for (kept ones). */
    int directGeometries() {
        return backward.served();
    }

    /** How many geometries this layer's forward pass has run on oneDNN 2.5 for (kept ones). */
    int directForwardGeometries() {
        return forward.served();
    }

    private static boolean undilated(int[] dilation) {
        return dilation[0] == 1 && dilation[1] == 1;
    }

    private static boolean allFloat(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a.dataType() != DataType.FLOAT) {
                return false;
            }
        }
        return true;
    }

    private static INDArray dense(INDArray a) {
        return Dnnl.denseFloat(a) ? a : a.dup('c');
    }
}
