package dev.regzoo.cpu;

import java.lang.reflect.Field;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
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
 * DL4J's oneDNN BatchNorm helper made faster in training. Channels-last single-precision values train on oneDNN 2.5's
 * fused kernels ({@link DirectBatchNorm}) where its natives load. Other single-precision values, where the JVM has the
 * Vector API, take {@link VectorBatchNorm}'s fused passes: statistics and normalization in two reads, the backward pass
 * in two (about PyTorch's time per layer; libnd4j's ops took 5×). Otherwise, and for double precision (gradient
 * checks), the batch statistics come from libnd4j's {@code moments} op for channels-first values and from
 * {@link ChannelSums} for channels-last ones, the normalization stays libnd4j's oneDNN {@code batchnorm}, and the backward
 * pass is two {@link ChannelSums}, per-channel affine passes of that same op and one broadcast instead of libnd4j's
 * {@code batchnorm_bp}, which profiling showed to be the largest single cost of a SmallCnn training step on an AVX2
 * CPU. Written by hand because DL4J offers no other BatchNorm backward; the maths is the standard one (Ioffe and
 * Szegedy 2015), checked against DL4J's own implementations in the tests. The layer stays a stock
 * {@code BatchNormalization}: {@link #install} swaps only the helper object of live layers, nothing in the configuration or
 * saved files.
 */
final class FastBatchNormHelper extends MKLDNNBatchNormHelper {

    private static final Field HELPER = LayerHelpers.field(BatchNormalization.class, "helper");

    private final boolean vectorized;
    private final boolean direct;
    private final RecentPasses<DirectBatchNorm.Shape, DirectBatchNorm> directPasses = new RecentPasses<>();
    private INDArray batchMean;
    private INDArray batchVar;

    /**
     * @param vectorized whether single-precision values take {@link VectorBatchNorm}'s passes (when the JVM has the
     *                   Vector API) instead of libnd4j's ops
     * @param direct     whether channels-last single-precision values take {@link DirectBatchNorm}'s passes in
     *                   training (where oneDNN 2.5's natives load), before the others
     */
    FastBatchNormHelper(boolean vectorized, boolean direct) {
        super(DataType.FLOAT);
        this.vectorized = vectorized && VectorBatchNorm.available();
        this.direct = direct && Dnnl.engine().isPresent();
    }

    /** Whether single-precision values take {@link VectorBatchNorm}'s passes. */
    boolean vectorized() {
        return vectorized;
    }

    /**
     * Gives every BatchNorm layer of {@code model} that runs on DL4J's oneDNN helper this faster one; other layers,
     * and networks without oneDNN helpers, are left as they are. {@code vectorized}, {@code direct}: see the
     * constructor.
     */
    static void install(Model model, boolean vectorized, boolean direct) {
        LayerHelpers.replace(model, BatchNormalization.class, HELPER, MKLDNNBatchNormHelper.class,
                () -> new FastBatchNormHelper(vectorized, direct));
    }

    /** How many shapes this layer has run {@link DirectBatchNorm}'s passes for (kept ones). */
    int directShapes() {
        return directPasses.served();
    }

    /**
     * In training, normalizes with this batch's statistics and keeps them for the layer's running averages and the
     * backward pass; in inference, with the running statistics. Single-precision values take {@link VectorBatchNorm}'s
     * passes, except channels-last ones in inference, where oneDNN's normalization is faster (0.3 vs 0.5 ms for
     * 128x28x28x32 on AVX-512; channels-first 2.3 vs 0.4 ms).
     */
    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
                              INDArray mean, INDArray var, double decay, double eps, CNN2DFormat format,
                              LayerWorkspaceMgr workspaceMgr) {
        Optional<DirectBatchNorm> passes = training ? directPasses(x, gamma, format, eps) : Optional.empty();
        if (passes.isPresent() && Dnnl.denseVector(beta)) {
            batchStatistics(x.dataType(), mean.length());
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
            passes.get().forward(x, gamma, beta, out, batchMean, batchVar);
            return out;
        }
        boolean vectorPasses = vectorizes(x) && (training || layout(x, format).inner() > 1);
        if (!handles(x.dataType()) || !training && !vectorPasses) {
            return super.preOutput(x, training, shape, gamma, beta, mean, var, decay, eps, format, workspaceMgr);
        }
        if (training) {
            batchMoments(x, mean.length(), format);
        }
        INDArray m = training ? batchMean.reshape(mean.shape()) : mean;
        INDArray v = training ? batchVar.reshape(var.shape()) : var;
        if (!vectorPasses) {
            return super.preOutput(x, false, shape, gamma, beta, m, v, decay, eps, format, workspaceMgr);
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape());
        float[] variance = ChannelVectors.read(v);
        float[] scale = ChannelVectors.read(gamma);
        for (int c = 0; c < scale.length; c++) {
            scale[c] /= (float) Math.sqrt(variance[c] + eps);
        }
        VectorBatchNorm.affine(x, ChannelVectors.read(m), scale, ChannelVectors.read(beta), null, null,
                layout(x, format), out);
        return out;
    }

    /** This batch's mean and (biased) variance of {@code x}, into {@link #batchMean} and {@link #batchVar}. */
    private void batchMoments(INDArray x, long channels, CNN2DFormat format) {
        batchStatistics(x.dataType(), channels);
        if (vectorizes(x)) {
            VectorBatchNorm.moments(x, layout(x, format), batchMean, batchVar);
        } else if (x.rank() == 4 && format == CNN2DFormat.NHWC) {
            channelsLastMoments(x);
        } else {
            Nd4j.exec(DynamicCustomOp.builder("moments").addInputs(x).addOutputs(batchMean, batchVar)
                    .addIntegerArguments(channelsFirstReductionDims(x.rank())).build());
        }
    }

    /** Makes {@link #batchMean} and {@link #batchVar} arrays of {@code channels} values of {@code type}. */
    private void batchStatistics(DataType type, long channels) {
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            if (batchMean == null || batchMean.length() != channels || batchMean.dataType() != type) {
                batchMean = Nd4j.createUninitialized(type, channels);
                batchVar = Nd4j.createUninitialized(type, channels);
            }
        }
    }

    /**
     * oneDNN's passes for channels-last single-precision {@code x} with dense {@code gamma}, or empty where the others
     * apply.
     */
    private Optional<DirectBatchNorm> directPasses(INDArray x, INDArray gamma, CNN2DFormat format, double eps) {
        if (!direct || x.rank() != 4 || format != CNN2DFormat.NHWC || !Dnnl.denseFloat(x)
                || !Dnnl.denseVector(gamma)) {
            return Optional.empty();
        }
        DirectBatchNorm.Shape shape = new DirectBatchNorm.Shape(x.size(0), x.size(3), x.size(1), x.size(2),
                (float) eps);
        return directPasses.get(shape, DirectBatchNorm::create);
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
        INDArray var = getVarCache(input.dataType());
        INDArray epsAtInput = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(),
                input.shape());
        Optional<DirectBatchNorm> passes = directPasses(input, gamma, format, eps);
        if (passes.isPresent() && Dnnl.denseVector(beta) && Dnnl.denseVector(mean) && Dnnl.denseVector(var)
                && Dnnl.denseVector(dGammaView) && Dnnl.denseVector(dBetaView)) {
            passes.get().backward(input, Dnnl.denseFloat(epsilon) ? epsilon : epsilon.dup('c'), gamma, beta, mean,
                    var, epsAtInput, dGammaView, dBetaView);
        } else if (vectorizes(input)) {
            vectorizedBackward(input, VectorBatchNorm.handles(epsilon) ? epsilon : epsilon.dup('c'), mean, var, gamma,
                    eps, format, dGammaView, dBetaView, epsAtInput);
        } else {
            backward(input, epsilon, mean, var, gamma, eps, format, dGammaView, dBetaView, epsAtInput);
        }
        Gradient g = new DefaultGradient();
        g.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        g.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(g, epsAtInput);
    }

    /**
     * The backward pass in libnd4j's ops: {@code dL/dx = gamma / std * (dL/dy - mean(dL/dy) - xHat * mean(dL/dy *
     * xHat))}, means over the channel's values. One scratch array: xHat, then dL/dy * xHat for its sums, then the
     * bracket; the last multiply writes into {@code epsAtInput}.
     */
    private static void backward(INDArray input, INDArray epsilon, INDArray mean, INDArray var, INDArray gamma,
                                 double eps, CNN2DFormat format, INDArray dGammaView, INDArray dBetaView,
                                 INDArray epsAtInput) {
        long channels = mean.length();
        double perChannel = (double) input.length() / channels;

        INDArray scratch = input.ulike();
        affine(input, mean, var, eps, null, null, format, scratch);
        INDArray dBeta = ChannelSums.of(epsilon, format);
        INDArray dGamma = ChannelSums.of(scratch.muli(epsilon), format);
        dBetaView.assign(dBeta.reshape(dBetaView.shape()));
        dGammaView.assign(dGamma.reshape(dGammaView.shape()));

        affine(input, mean, var, eps, dGamma.divi(perChannel), dBeta.divi(perChannel), format, scratch);
        INDArray scale = gamma.reshape(channels).div(standardDeviation(var, eps));
        Nd4j.exec(new BroadcastMulOp(scratch.rsubi(epsilon), scale, epsAtInput, channelDim(input.rank(), format)));
    }

    /** The same backward pass in {@link VectorBatchNorm}'s two passes: the sums, then {@code dL/dx} in one affine. */
    private static void vectorizedBackward(INDArray input, INDArray epsilon, INDArray meanArray, INDArray varArray,
                                           INDArray gammaArray, double eps, CNN2DFormat format, INDArray dGammaView,
                                           INDArray dBetaView, INDArray epsAtInput) {
        VectorBatchNorm.Layout layout = layout(input, format);
        float[] mean = ChannelVectors.read(meanArray);
        float[] var = ChannelVectors.read(varArray);
        float[] gamma = ChannelVectors.read(gammaArray);
        double[][] sums = VectorBatchNorm.gradientSums(input, epsilon, layout, mean);
        int channels = layout.channels();
        double perChannel = (double) input.length() / channels;
        double[] dGamma = new double[channels];
        float[] xScale = new float[channels];
        float[] shift = new float[channels];
        float[] gradientScale = new float[channels];
        for (int c = 0; c < channels; c++) {
            double inverseStd = 1 / Math.sqrt(var[c] + eps);
            double scale = gamma[c] * inverseStd;
            dGamma[c] = sums[1][c] * inverseStd;
            gradientScale[c] = (float) scale;
            xScale[c] = (float) (-scale * inverseStd * dGamma[c] / perChannel);
            shift[c] = (float) (-scale * sums[0][c] / perChannel);
        }
        ChannelVectors.write(dBetaView, sums[0]);
        ChannelVectors.write(dGammaView, dGamma);
        VectorBatchNorm.affine(input, mean, xScale, shift, epsilon, gradientScale, layout, epsAtInput);
    }

    /** Whether {@code x} takes {@link VectorBatchNorm}'s passes. */
    private boolean vectorizes(INDArray x) {
        return vectorized && (x.rank() == 2 || x.rank() == 4) && VectorBatchNorm.handles(x);
    }

    /** {@code x} as {@link VectorBatchNorm} sees it. */
    private static VectorBatchNorm.Layout layout(INDArray x, CNN2DFormat format) {
        if (x.rank() == 4 && format == CNN2DFormat.NCHW) {
            return VectorBatchNorm.Layout.channelsFirst(x.size(0), (int) x.size(1), x.size(2) * x.size(3));
        }
        long channels = x.size(x.rank() - 1);
        return VectorBatchNorm.Layout.channelsLast(x.length() / channels, (int) channels);
    }

    private static INDArray standardDeviation(INDArray var, double eps) {
        return Transforms.sqrt(var.add(eps), false);
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
}
