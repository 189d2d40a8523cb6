package dev.regzoo.zoo.layers;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's {@link DenseLayer} with its matrix products on libnd4j's {@code matmul} op. DL4J 1.0.0-M2.1's dense layer
 * multiplies through {@code INDArray.mmuli} and {@code Nd4j.gemm}, which call OpenBLAS directly, write column-major
 * results and copy the forward result into the row-major activation array; the {@code matmul} op runs oneDNN's
 * matrix product where libnd4j has oneDNN (about 4× faster for SmallCnn's 3136×256 layer on two cores) and BLAS
 * otherwise, into row-major arrays without the copy. Same configuration, parameters, JSON and results as the stock
 * layer; only the implementation class differs. A layer with layer normalization takes DL4J's path. Written by hand
 * because DL4J has no switch for it.
 */
public class MatmulDenseLayer extends DenseLayer {

    private static final long serialVersionUID = 1L;

    /** For JSON deserialization; build layers with {@link #of(DenseLayer)}. */
    public MatmulDenseLayer() {
    }

    /**
     * This layer with every setting of {@code configured}, a dense layer built by DL4J's builder (whose constructor
     * DL4J keeps private, so the settings are copied field by field).
     */
    public static MatmulDenseLayer of(DenseLayer configured) {
        DenseLayer source = (DenseLayer) configured.clone();
        MatmulDenseLayer layer = new MatmulDenseLayer();
        for (Class<?> type = DenseLayer.class; type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    copy(field, source, layer);
                }
            }
        }
        return layer;
    }

    private static void copy(Field field, Object from, Object to) {
        try {
            field.setAccessible(true);
            field.set(to, field.get(from));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot copy DenseLayer." + field.getName(), e);
        }
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("DenseLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new Impl(conf, networkDataType), initializer(), conf, listeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public MatmulDenseLayer clone() {
        return (MatmulDenseLayer) super.clone();
    }

    /** The layer implementation: the forward product, the input's gradient and the weights' gradient on matmul. */
    static final class Impl extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {

        private static final long serialVersionUID = 1L;
        private static final MMulTranspose PLAIN = MMulTranspose.allFalse();
        private static final MMulTranspose FIRST_TRANSPOSED = MMulTranspose.builder().transposeA(true).build();
        private static final MMulTranspose SECOND_TRANSPOSED = MMulTranspose.builder().transposeB(true).build();

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
                                                               LayerWorkspaceMgr workspaceMgr) {
            if (hasLayerNorm() || input == null || input.rank() != 2 || input.columns() != layerConf().getNIn()) {
                return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr); // its errors for bad input
            }
            applyDropOutIfNecessary(training, workspaceMgr);
            INDArray W = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, training, workspaceMgr);
            INDArray in = input.castTo(dataType);
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, W.dataType(), in.size(0),
                    W.size(1));
            Nd4j.exec(new Mmul(in, W, out, PLAIN));
            if (hasBias()) {
                out.addiRowVector(getParamWithNoise(DefaultParamInitializer.BIAS_KEY, training, workspaceMgr));
            }
            if (maskArray != null) {
                applyMask(out);
            }
            return new Pair<>(out, out);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            if (hasLayerNorm()) {
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            assertInputSet(true);
            INDArray z = preOutputWithPreNorm(true, true, workspaceMgr).getFirst();
            INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
            if (maskArray != null) {
                applyMask(delta);
            }
            Gradient gradient = new DefaultGradient();
            if (hasBias()) {
                INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
                delta.sum(biasGrad, 0);
                gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
            }
            INDArray W = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
            INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                    delta.size(0), W.size(0));
            Nd4j.exec(new Mmul(delta, W, epsilonNext, SECOND_TRANSPOSED));
            // The weights' gradient view is column-major [nIn, nOut]: its transpose is a row-major [nOut, nIn]
            // array, written as delta^T x input.
            INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
            Nd4j.exec(new Mmul(delta, input.castTo(weightGrad.dataType()), weightGrad.transpose(), FIRST_TRANSPOSED));
            gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
            weightNoiseParams.clear();
            return new Pair<>(gradient, backpropDropOutIfPresent(epsilonNext));
        }
    }
}
