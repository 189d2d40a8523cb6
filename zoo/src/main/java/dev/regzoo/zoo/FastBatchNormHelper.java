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
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * DL4J's oneDNN BatchNorm helper made faster in training: the batch statistics come from libnd4j's {@code moments} op
 * for channels-first values (one call instead of DL4J's mean plus {@code Variance}: about 8% of a training step) and
 * from {@link ChannelSums} for channels-last ones, the normalization stays libnd4j's oneDNN {@code batchnorm}, and the
 * backward pass is two {@link ChannelSums}, per-channel affine passes of that same op and one broadcast instead of
 * libnd4j's {@code batchnorm_bp}, which profiling showed to be the largest single cost of a SmallCnn training step on
 * an AVX2 CPU. Written by hand because DL4J offers no other BatchNorm backward; the maths is the standard one (Ioffe
 * and Szegedy 2015), checked against DL4J's own implementations in the tests. The layer stays a stock
 * {@code BatchNormalization}: {@link #install} swaps only the helper object of live layers, nothing in the
 * configuration or saved files.
 */
final class FastBatchNormHelper extends MKLDNNBatchNormHelper {

    private static final Field HELPER = helperField();

    private INDArray batchMean;
    private INDArray batchVar;

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

    /**
     * In training, normalizes with this batch's statistics computed by {@code moments} and keeps them for the layer's
     * running averages and the backward pass; in inference, DL4J's helper as is.
     */
    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
                              INDArray mean, INDArray var, double decay, double eps, CNN2DFormat format,
                              LayerWorkspaceMgr workspaceMgr) {
        if (!training || !handles(x.dataType())) {
            return super.preOutput(x, training, shape, gamma, beta, mean, var, decay, eps, format, workspaceMgr);
        }
        long channels = mean.length();
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            if (batchMean == null || batchMean.length() != channels || batchMean.dataType() != x.dataType()) {
                batchMean = Nd4j.createUninitialized(x.dataType(), channels);
                batchVar = Nd4j.createUninitialized(x.dataType(), channels);
            }
        }
        if (x.rank() == 4 && format == CNN2DFormat.NHWC) {
            channelsLastMoments(x);
        } else {
            Nd4j.exec(DynamicCustomOp.builder("moments").addInputs(x).addOutputs(batchMean, batchVar)
                    .addIntegerArguments(channelsFirstReductionDims(x.rank())).build());
        }
        return super.preOutput(x, false, shape, gamma, beta, batchMean.reshape(mean.shape()),
                batchVar.reshape(var.shape()), decay, eps, format, workspaceMgr);
    }

    /**
     * This batch's mean and (biased) variance of channels-last {@code x} from {@link ChannelSums}: libnd4j's
     * {@code moments} sums channels-last values on one thread (about 10% of a SmallCnn training step).
     */
    private void channelsLastMoments(INDArray x) {
        long perChannel = x.length() / batchMean.length();
        batchMean.assign(ChannelSums.of(x, CNN2DFormat.NHWC).divi(perChannel));
        INDArray squaredDeviations = x.ulike();
        Nd4j.exec(DynamicCustomOp.builder("squaredsubtract").addInputs(x, batchMean)
                .addOutputs(squaredDeviations).build());
        batchVar.assign(ChannelSums.of(squaredDeviations, CNN2DFormat.NHWC).divi(perChannel));
    }

    /** This batch's mean after a training forward pass (read by the layer for its running mean). */
    @Override
    public INDArray getMeanCache(DataType dataType) {
        return batchMean == null ? super.getMeanCache(dataType) : batchMean.castTo(dataType);
    }

    /** This batch's variance after a training forward pass (read by the layer for its running variance). */
    @Override
    public INDArray getVarCache(DataType dataType) {
        return batchVar == null ? super.getVarCache(dataType) : batchVar.castTo(dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
                                                     INDArray beta, INDArray dGammaView, INDArray dBetaView,
                                                     double eps, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        INDArray mean = getMeanCache(input.dataType());
        if (!handles(input.dataType()) || mean == null || dGammaView == null) {
            return super.backpropGradient(input, epsilon, shape, gamma, beta, dGammaView, dBetaView, eps, format,
                    workspaceMgr);
        }
        long channels = mean.length();
        double perChannel = (double) input.length() / channels;

        // dL/dx = gamma / std * (dL/dy - mean(dL/dy) - xHat * mean(dL/dy * xHat)), means over the channel's values.
        // One scratch array: xHat, then dL/dy * xHat for its sums, then the bracket; the last multiply writes into
        // the layer's gradient array.
        INDArray var = getVarCache(input.dataType());
        INDArray scratch = input.ulike();
        affine(input, mean, var, eps, null, null, format, scratch);
        INDArray dBeta = ChannelSums.of(epsilon, format);
        INDArray dGamma = ChannelSums.of(scratch.muli(epsilon), format);
        dBetaView.assign(dBeta.reshape(dBetaView.shape()));
        dGammaView.assign(dGamma.reshape(dGammaView.shape()));

        affine(input, mean, var, eps, dGamma.divi(perChannel), dBeta.divi(perChannel), format, scratch);
        INDArray epsAtInput = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(),
                input.shape());
        INDArray scale = gamma.reshape(channels).div(Transforms.sqrt(var.add(eps), false));
        Nd4j.exec(new BroadcastMulOp(scratch.rsubi(epsilon), scale, epsAtInput, channelDim(input.rank(), format)));

        Gradient g = new DefaultGradient();
        g.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        g.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(g, epsAtInput);
    }

    /**
     * {@code out = (x - mean) / sqrt(var + eps) * gamma + beta} per channel (both null: 1 and 0)
     * in one pass of libnd4j's {@code batchnorm} op (oneDNN for single precision) instead of several broadcasts.
     */
    private static void affine(INDArray x, INDArray mean, INDArray var, double eps, INDArray gamma, INDArray beta,
                               CNN2DFormat format, INDArray out) {
        INDArray[] inputs = gamma == null ? new INDArray[] {x, mean, var} : new INDArray[] {x, mean, var, gamma, beta};
        int scaled = gamma == null ? 0 : 1;
        Nd4j.exec(DynamicCustomOp.builder("batchnorm").addInputs(inputs).addOutputs(out)
                .addIntegerArguments(scaled, scaled, channelDim(x.rank(), format)).addFloatingPointArguments(eps)
                .build());
    }

    /** Single and double precision (double for gradient checks); other types take DL4J's path. */
    private static boolean handles(DataType type) {
        return type == DataType.FLOAT || type == DataType.DOUBLE;
    }

    /** The channel dimension. */
    private static int channelDim(int rank, CNN2DFormat format) {
        return rank == 4 && format == CNN2DFormat.NHWC ? 3 : 1;
    }

    /** The dimensions a channel's statistics run over in {@code [N, C]} or channels-first values: all but C. */
    private static int[] channelsFirstReductionDims(int rank) {
        return rank == 2 ? new int[] {0} : new int[] {0, 2, 3};
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
