package dev.regzoo.zoo.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's ReLU {@link ActivationLayer} with cheaper passes. DL4J 1.0.0-M2.1's activation layer copies its input (a
 * single-threaded copy; in inference whenever the input lies in another workspace, which is every layer of a network's
 * {@code output}) and applies ReLU in place, and in the backward pass copies its input again before libnd4j's
 * {@code relu_bp}; this one writes ReLU's output in one pass and its gradient from a step function and a multiply.
 * Same configuration (an {@code ActivationLayer} subclass), JSON and results. Written by hand because DL4J has no
 * switch for it.
 */
public class ReluLayer extends ActivationLayer {

    private static final long serialVersionUID = 1L;

    /** A ReLU layer (also used by JSON deserialization). */
    public ReluLayer() {
        super(new ActivationReLU());
    }

    /** A ReLU layer named {@code name}. */
    public ReluLayer(String name) {
        this();
        setLayerName(name);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new Impl(conf, networkDataType), initializer(), conf, listeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public ReluLayer clone() {
        return (ReluLayer) super.clone();
    }

    /** The layer implementation: out-of-place ReLU forward, step-and-multiply backward. */
    static final class Impl extends org.deeplearning4j.nn.layers.ActivationLayer {

        private static final long serialVersionUID = 1L;
        private static final ActivationReLU PLAIN_RELU = new ActivationReLU();

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            if (!plainRelu()) {
                return super.activate(training, workspaceMgr);
            }
            assertInputSet(false);
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(),
                    input.ordering());
            Nd4j.exec(new RectifiedLinear(input, out, 0.0));
            return out;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            if (!plainRelu()) {
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            assertInputSet(true);
            INDArray epsAtInput = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(),
                    input.shape(), input.ordering());
            Nd4j.exec(new Step(input, epsAtInput, 0.0));
            epsAtInput.muli(epsilon);
            return new Pair<>(new DefaultGradient(), epsAtInput);
        }

        /** ReLU without a cap, threshold or negative slope (what the zoo configures; others take DL4J's path). */
        private boolean plainRelu() {
            return PLAIN_RELU.equals(layerConf().getActivationFn());
        }
    }
}
