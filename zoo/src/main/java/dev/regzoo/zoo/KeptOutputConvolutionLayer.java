package dev.regzoo.zoo;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link ConvolutionLayer} without its second forward pass. With a layer helper (oneDNN here), DL4J
 * 1.0.0-M2.1's convolution recomputes its whole forward convolution in every backward pass, whatever the cache mode,
 * only to hand the result to its activation's derivative. With the identity activation (a convolution followed by
 * BatchNorm, or by a ReLU layer of its own) that derivative never reads the values, so this layer hands it the output
 * of the training forward pass instead. Same configuration, parameters, JSON and results as the stock layer; only
 * the implementation class differs. Written by hand because DL4J has no switch for it.
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
            Pair<INDArray, INDArray> result = super.preOutput(training, forBackprop, workspaceMgr);
            if (training && !forBackprop && helper != null
                    && layerConf().getActivationFn() instanceof ActivationIdentity) {
                keptOutput = result.getFirst();
                keptFor = input;
            }
            return result;
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
