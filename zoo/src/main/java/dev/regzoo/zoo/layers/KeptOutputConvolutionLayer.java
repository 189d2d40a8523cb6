package dev.regzoo.zoo.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's {@link ConvolutionLayer} without its second forward pass and without its channels-last input copy. With a
 * layer helper (oneDNN here), DL4J 1.0.0-M2.1's convolution
 * <ul>
 *   <li>recomputes its whole forward convolution in every backward pass, whatever the cache mode, only to hand the
 *   result to its activation's derivative. With the identity activation (a convolution followed by BatchNorm, or by a
 *   ReLU layer of its own) that derivative never reads the values, so this layer hands it the output of the training
 *   forward pass instead;</li>
 *   <li>copies a channels-last (NHWC) input into channels-first order in every forward pass only to read its height
 *   and width, then hands the helper the original input. This layer reads them from the input as it is.</li>
 * </ul>
 * Without a helper (double precision, platforms without oneDNN), DL4J's channels-last backward pass hands its input
 * dropout the gradient still in channels-first order, which fails against the channels-last mask of any element-wise
 * dropout (DropBlock among them); this layer applies the dropout's backward pass to the gradient it returns, in the
 * layer's own layout, on both paths.
 * Same configuration, parameters, JSON and results as the stock layer; only the implementation class differs.
 * Written by hand because DL4J has no switch for it.
 */
public class KeptOutputConvolutionLayer extends ConvolutionLayer {

    private static final long serialVersionUID = 1L;

    /** For JSON deserialization. */
    public KeptOutputConvolutionLayer() {
    }

    private KeptOutputConvolutionLayer(Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("ConvolutionLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new Impl(conf, networkDataType), initializer(), conf, listeners, layerIndex,
                layerParamsView, initializeParams);
    }

    /** DL4J's convolution builder, building this layer. */
    public static final class Builder extends ConvolutionLayer.Builder {
        /** A convolution with this kernel size (height, width), as {@link ConvolutionLayer.Builder#Builder(int...)}. */
        public Builder(int... kernelSize) {
            super(kernelSize);
        }

        @Override
        public KeptOutputConvolutionLayer build() {
            ConvolutionUtils.validateConvolutionModePadding(convolutionMode, padding);
            ConvolutionUtils.validateCnnKernelStridePadding(kernelSize, stride, padding);
            return new KeptOutputConvolutionLayer(this);
        }
    }

    /** The layer implementation: keeps the training forward output for the backward pass. */
    static final class Impl extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {

        private static final long serialVersionUID = 1L;
        private INDArray keptOutput;
        private INDArray keptFor;

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop,
                                                     LayerWorkspaceMgr workspaceMgr) {
            if (forBackprop && keptOutput != null && keptFor == input) {
                INDArray kept = keptOutput;
                forget();
                return new Pair<>(kept, null);
            }
            forget();
            Pair<INDArray, INDArray> result = forBackprop ? null : channelsLastHelperOutput(training, workspaceMgr);
            if (result == null) {
                result = super.preOutput(training, forBackprop, workspaceMgr);
            }
            if (training && !forBackprop && helper != null
                    && layerConf().getActivationFn() instanceof ActivationIdentity) {
                keptOutput = result.getFirst();
                keptFor = input;
            }
            return result;
        }

        /**
         * The helper's output for a channels-last input, computed as DL4J's {@code preOutput} computes it less the
         * input copy; {@code null} where DL4J's own path applies (no helper, channels first, a failed helper).
         */
        private Pair<INDArray, INDArray> channelsLastHelperOutput(boolean training, LayerWorkspaceMgr workspaceMgr) {
            ConvolutionLayer conf = layerConf();
            if (helper == null || helperCountFail > 0 || conf.getCnn2dDataFormat() != CNN2DFormat.NHWC
                    || input == null) {
                return null;
            }
            validateInputRank();
            INDArray weights = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, training, workspaceMgr);
            INDArray bias = hasBias() ? getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, training,
                    workspaceMgr) : zeroBias();
            validateInputDepth(weights.size(1));
            INDArray in = input.castTo(dataType);
            int[] kernel = conf.getKernelSize();
            int[] strides = conf.getStride();
            int[] dilation = conf.getDilation();
            int[] pad = conf.getPadding();
            int[] outSize = ConvolutionUtils.getOutputSize(in, kernel, strides,
                    convolutionMode == ConvolutionMode.Same ? null : pad, convolutionMode, dilation, CNN2DFormat.NHWC);
            if (convolutionMode == ConvolutionMode.Same) {
                pad = ConvolutionUtils.getSameModeTopLeftPadding(outSize, new int[] {(int) in.size(1),
                        (int) in.size(2)}, kernel, strides, dilation);
            }
            try {
                INDArray out = helper.preOutput(in, weights, bias, kernel, strides, pad, conf.getCudnnAlgoMode(),
                        conf.getCudnnFwdAlgo(), convolutionMode, dilation, CNN2DFormat.NHWC, workspaceMgr);
                return out == null ? null : new Pair<>(out, null);
            } catch (RuntimeException e) {
                return null; // DL4J's path calls the helper again and applies its own fallback policy
            }
        }

        /** All zeros for a convolution without bias, as DL4J's path hands the helper (kept out of workspaces). */
        private INDArray zeroBias() {
            if (dummyBias == null) {
                try (MemoryWorkspace outside = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    dummyBias = Nd4j.create(1, layerConf().getNOut());
                }
            }
            return dummyBias;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            Pair<Gradient, INDArray> result = super.backpropGradient(epsilon, workspaceMgr);
            result.setSecond(super.backpropDropOutIfPresent(result.getSecond()));
            return result;
        }

        /** Nothing here: {@link #backpropGradient} applies it to the gradient in the layer's own layout. */
        @Override
        protected INDArray backpropDropOutIfPresent(INDArray epsilon) {
            return epsilon;
        }

        @Override
        public void clear() {
            super.clear();
            forget();
        }

        private void forget() {
            keptOutput = null;
            keptFor = null;
        }
    }
}
