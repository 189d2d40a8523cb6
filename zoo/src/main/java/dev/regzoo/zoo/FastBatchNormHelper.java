package dev.regzoo.zoo;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * DL4J's oneDNN BatchNorm helper with a faster backward pass: the same forward (libnd4j's oneDNN {@code batchnorm}),
 * and the backward written as a few ND4J reductions and broadcasts instead of libnd4j's {@code batchnorm_bp}, which
 * profiling showed to be the largest single cost of a SmallCnn training step on an AVX2 CPU. Written by hand because
 * DL4J offers no other BatchNorm backward; the maths is the standard one (Ioffe and Szegedy 2015), checked against
 * DL4J's own implementations in the tests. The layer stays a stock {@code BatchNormalization}: {@link #install}
 * swaps only the helper object of live layers, nothing in the configuration or saved files.
 */
final class FastBatchNormHelper extends MKLDNNBatchNormHelper {

    private static final Field HELPER = helperField();

    FastBatchNormHelper() {
        super(DataType.FLOAT);
    }

    /**
     * Gives every BatchNorm layer of {@code model} that runs on DL4J's oneDNN helper this faster one; other layers,
     * and networks without oneDNN helpers, are left as they are.
     */
    static void install(Model model) {
        Layer[] layers = model instanceof MultiLayerNetwork m ? m.getLayers()
                : model instanceof ComputationGraph g ? g.getLayers() : new Layer[0];
        for (Layer layer : layers) {
            Layer inner = layer instanceof FrozenLayer frozen ? frozen.getInsideLayer() : layer;
            if (inner instanceof BatchNormalization bn && bn.getHelper() != null
                    && bn.getHelper().getClass() == MKLDNNBatchNormHelper.class) {
                try {
                    HELPER.set(bn, new FastBatchNormHelper());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot replace the BatchNorm helper", e);
                }
            }
        }
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
                                                     INDArray beta, INDArray dGammaView, INDArray dBetaView,
                                                     double eps, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        INDArray mean = getMeanCache(DataType.FLOAT);
        if (input.dataType() != DataType.FLOAT || mean == null || dGammaView == null) {
            return super.backpropGradient(input, epsilon, shape, gamma, beta, dGammaView, dBetaView, eps, format,
                    workspaceMgr);
        }
        int[] dims = input.rank() == 2 ? new int[] {0} : format == CNN2DFormat.NCHW ? new int[] {0, 2, 3}
                : new int[] {0, 1, 2};
        long channels = mean.length();
        long[] broadcast = input.rank() == 2 ? new long[] {1, channels} : format == CNN2DFormat.NCHW
                ? new long[] {1, channels, 1, 1} : new long[] {1, 1, 1, channels};
        double perChannel = (double) input.length() / channels;

        INDArray std = Transforms.sqrt(getVarCache(DataType.FLOAT).add(eps), false);
        INDArray xHat = input.sub(mean.reshape(broadcast)).divi(std.reshape(broadcast));
        INDArray dBeta = epsilon.sum(dims);
        INDArray dGamma = epsilon.mul(xHat).sum(dims);
        dBetaView.assign(dBeta.reshape(dBetaView.shape()));
        dGammaView.assign(dGamma.reshape(dGammaView.shape()));

        // dL/dx = gamma / std * (dL/dy - mean(dL/dy) - xHat * mean(dL/dy * xHat)), means over the channel's values
        INDArray scale = gamma.reshape(channels).div(std).reshape(broadcast);
        INDArray epsAtInput = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(),
                input.shape());
        xHat.muli(dGamma.divi(perChannel).reshape(broadcast)).addi(dBeta.divi(perChannel).reshape(broadcast))
                .rsubi(epsilon).muli(scale);
        epsAtInput.assign(xHat);

        Gradient g = new DefaultGradient();
        g.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        g.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(g, epsAtInput);
    }

    private static Field helperField() {
        try {
            Field f = BatchNormalization.class.getDeclaredField("helper");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
