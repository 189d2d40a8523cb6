package dev.regzoo.cpu;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_MEAN;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_VARIANCE;

import java.util.Optional;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.batch_normalization_backward;
import org.bytedeco.dnnl.batch_normalization_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl.normalization_flags;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Channels-last BatchNorm in training, forward and backward, on oneDNN 2.5's kernels for one shape: the batch
 * statistics and the normalization in one primitive, the input, gamma and beta gradients in another, each a fused
 * pass at about PyTorch's speed (128×28×28×32: 0.54 / 0.94 ms). They run on libnd4j's OpenMP threads, so the second
 * core joins in as it does for the convolutions; regzoo's Java passes ({@link VectorBatchNorm}) hand half of each
 * pass to a Java thread, which waited for the core that OpenMP's worker keeps spinning on.
 */
final class DirectBatchNorm {

    private final stream stream;
    private final memory src;
    private final memory dst;
    private final memory diffDst;
    private final memory diffSrc;
    private final memory scale;
    private final memory shift;
    private final memory mean;
    private final memory variance;
    private final memory diffScale;
    private final memory diffShift;
    private final batch_normalization_forward forward;
    private final batch_normalization_backward backward;
    private final IntMemoryMap forwardArgs = new IntMemoryMap();
    private final IntMemoryMap backwardArgs = new IntMemoryMap();

    /** Logical sizes of the values ({@code n, c, h, w}; channels last in memory) and epsilon. */
    record Shape(long batch, long channels, long height, long width, float eps) {
    }

    private DirectBatchNorm(Shape s, engine eng) {
        this.stream = new stream(eng);
        memory.desc values = Dnnl.channelsLast(s.batch(), s.channels(), s.height(), s.width());
        memory.desc perChannel = Dnnl.vector(s.channels());
        int flags = normalization_flags.use_scale.value | normalization_flags.use_shift.value;
        batch_normalization_forward.primitive_desc forwardPd = new batch_normalization_forward.primitive_desc(
                new batch_normalization_forward.desc(prop_kind.forward_training.value, values, s.eps(), flags), eng);
        batch_normalization_backward.primitive_desc backwardPd = new batch_normalization_backward.primitive_desc(
                new batch_normalization_backward.desc(prop_kind.backward.value, values, values, s.eps(), flags), eng,
                forwardPd);
        src = Dnnl.unbound(values, eng);
        dst = Dnnl.unbound(values, eng);
        diffDst = Dnnl.unbound(values, eng);
        diffSrc = Dnnl.unbound(values, eng);
        scale = Dnnl.unbound(perChannel, eng);
        shift = Dnnl.unbound(perChannel, eng);
        mean = Dnnl.unbound(perChannel, eng);
        variance = Dnnl.unbound(perChannel, eng);
        diffScale = Dnnl.unbound(perChannel, eng);
        diffShift = Dnnl.unbound(perChannel, eng);
        forward = new batch_normalization_forward(forwardPd);
        backward = new batch_normalization_backward(backwardPd);
        forwardArgs.put(DNNL_ARG_SRC, src);
        forwardArgs.put(DNNL_ARG_DST, dst);
        forwardArgs.put(DNNL_ARG_SCALE, scale);
        forwardArgs.put(DNNL_ARG_SHIFT, shift);
        forwardArgs.put(DNNL_ARG_MEAN, mean);
        forwardArgs.put(DNNL_ARG_VARIANCE, variance);
        backwardArgs.put(DNNL_ARG_SRC, src);
        backwardArgs.put(DNNL_ARG_DIFF_DST, diffDst);
        backwardArgs.put(DNNL_ARG_SCALE, scale);
        backwardArgs.put(DNNL_ARG_SHIFT, shift);
        backwardArgs.put(DNNL_ARG_MEAN, mean);
        backwardArgs.put(DNNL_ARG_VARIANCE, variance);
        backwardArgs.put(DNNL_ARG_DIFF_SRC, diffSrc);
        backwardArgs.put(DNNL_ARG_DIFF_SCALE, diffScale);
        backwardArgs.put(DNNL_ARG_DIFF_SHIFT, diffShift);
    }

    /** The passes for {@code shape}, or empty where oneDNN is not available here. */
    static Optional<DirectBatchNorm> create(Shape shape) {
        return Dnnl.engine().map(eng -> new DirectBatchNorm(shape, eng));
    }

    /**
     * Normalizes {@code x} with its own batch statistics into {@code out}, writing the statistics (the variance biased)
     * into {@code batchMean} and {@code batchVar}. Every array dense single precision ({@link Dnnl#denseFloat}).
     */
    void forward(INDArray x, INDArray gamma, INDArray beta, INDArray out, INDArray batchMean, INDArray batchVar) {
        Dnnl.bind(src, x);
        Dnnl.bind(dst, out);
        Dnnl.bind(scale, gamma);
        Dnnl.bind(shift, beta);
        Dnnl.bind(mean, batchMean);
        Dnnl.bind(variance, batchVar);
        forward.execute(stream, forwardArgs);
        stream._wait();
    }

    /**
     * The gradients of a training forward pass with parameters {@code gamma} and {@code beta} and statistics
     * {@code batchMean} and {@code batchVar}: dL/dx into {@code gradIn}, dL/dgamma and dL/dbeta into {@code gammaGrad}
     * and {@code betaGrad}.
     */
    void backward(INDArray x, INDArray gradOut, INDArray gamma, INDArray beta, INDArray batchMean,
                  INDArray batchVar, INDArray gradIn, INDArray gammaGrad, INDArray betaGrad) {
        Dnnl.bind(src, x);
        Dnnl.bind(diffDst, gradOut);
        Dnnl.bind(scale, gamma);
        Dnnl.bind(shift, beta);
        Dnnl.bind(mean, batchMean);
        Dnnl.bind(variance, batchVar);
        Dnnl.bind(diffSrc, gradIn);
        Dnnl.bind(diffScale, gammaGrad);
        Dnnl.bind(diffShift, betaGrad);
        backward.execute(stream, backwardArgs);
        stream._wait();
    }
}
