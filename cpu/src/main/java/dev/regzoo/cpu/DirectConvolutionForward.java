package dev.regzoo.cpu;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import java.util.Optional;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A channels-last 2-D convolution's forward pass for one geometry on oneDNN 2.5, the same kernels libnd4j's
 * {@code conv2d} reaches, without libnd4j's per-call costs (its op, shape descriptors and primitive descriptor at
 * every call): 3–25% less time per call on the zoo's layers (docs/benchmarks.md). Activations stay in DL4J's arrays;
 * the weights are reordered into oneDNN's layout at each call, as libnd4j does.
 */
final class DirectConvolutionForward {

    private final stream stream;
    private final memory src;
    private final memory dst;
    private final memory userWeights;
    private final memory bias;
    private final primitive forward;
    private final IntMemoryMap args = new IntMemoryMap();
    private final Dnnl.Staged weights;

    private DirectConvolutionForward(ConvolutionGeometry g, engine eng,
                                     convolution_forward.primitive_desc pd) {
        this.stream = new stream(eng);
        src = Dnnl.unbound(g.src(), eng);
        dst = Dnnl.unbound(g.dst(), eng);
        userWeights = Dnnl.unbound(g.userWeights(), eng);
        bias = g.bias() ? Dnnl.unbound(g.biasDesc(), eng) : null;
        weights = Dnnl.Staged.in(userWeights, pd.weights_desc(), eng);
        forward = new convolution_forward(pd);
        args.put(DNNL_ARG_SRC, src);
        args.put(DNNL_ARG_WEIGHTS, weights.memory());
        args.put(DNNL_ARG_DST, dst);
        if (bias != null) {
            args.put(DNNL_ARG_BIAS, bias);
        }
    }

    /** The forward pass for {@code g}, or empty where oneDNN is not available or has only reference kernels. */
    static Optional<DirectConvolutionForward> create(ConvolutionGeometry g) {
        return Dnnl.engine().flatMap(eng -> {
            convolution_forward.primitive_desc pd = g.forward(eng);
            return Dnnl.isReference(pd) ? Optional.empty()
                    : Optional.of(new DirectConvolutionForward(g, eng, pd));
        });
    }

    /**
     * Writes the convolution of {@code input} (channels-last) with {@code weightValues} ({@code [out, in, kH, kW]})
     * plus {@code biasValues} (null without) into {@code out} (channels-last); all dense single precision.
     */
    void run(INDArray input, INDArray weightValues, INDArray biasValues, INDArray out) {
        Dnnl.bind(src, input);
        Dnnl.bind(dst, out);
        Dnnl.bind(userWeights, weightValues);
        if (bias != null) {
            Dnnl.bind(bias, biasValues);
        }
        weights.reorder(stream);
        forward.execute(stream, args);
        stream._wait();
    }
}
