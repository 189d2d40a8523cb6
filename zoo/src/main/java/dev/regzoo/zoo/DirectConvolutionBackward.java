package dev.regzoo.zoo;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import java.util.Optional;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A channels-last 2-D convolution's backward pass for one geometry, on oneDNN 2.5 (JavaCPP's presets) with its direct
 * algorithm: the input gradient, the weight gradient and, with a bias, the bias gradient, in single precision.
 *
 * <p>Why: libnd4j 1.0.0-M2.1 asks its oneDNN 2.3 for {@code convolution_auto}, and on AVX-512 CPUs with few threads
 * oneDNN then picks its Winograd 4×3 kernels for every 3×3 stride-1 backward pass, whatever the image size. On
 * ResNet-18's 14×14, 7×7 and 4×4 layers those took 4–6× the time of direct convolution (a 128×14×14×128 backward pass
 * 265 vs 40 ms; docs/benchmarks.md). DL4J offers no way to choose the algorithm, so regzoo calls oneDNN itself.
 *
 * <p>Activations and their gradients stay in DL4J's channels-last arrays (oneDNN's {@code nhwc}); weights are reordered
 * between DL4J's {@code [out, in, kH, kW]} and the layout oneDNN's kernels want. Primitives are created once per
 * geometry and reused; arrays are passed by address at each call, so no activation is copied.
 */
final class DirectConvolutionBackward {

    private final stream stream;
    private final memory src;
    private final memory diffDst;
    private final memory diffSrc;
    private final memory userWeights;
    private final memory userDiffWeights;
    private final memory userDiffBias;
    private final primitive backwardData;
    private final primitive backwardWeights;
    private final IntMemoryMap dataArgs = new IntMemoryMap();
    private final IntMemoryMap weightArgs = new IntMemoryMap();
    private final Optional<Dnnl.Reorder> weightsIn;
    private final Optional<Dnnl.Reorder> diffWeightsOut;

    /**
     * An undilated convolution's shape and settings as oneDNN counts them: {@code n, c, h, w} logical sizes, and
     * padding on each side (negative after the input where its last rows or columns are never read).
     */
    record Geometry(long batch, long inChannels, long inHeight, long inWidth, long outChannels, long outHeight,
                    long outWidth, long kernelHeight, long kernelWidth, long strideHeight, long strideWidth,
                    long padTop, long padLeft, long padBottom, long padRight, boolean bias) {

        memory.desc src() {
            return Dnnl.channelsLast(batch, inChannels, inHeight, inWidth);
        }

        memory.desc dst() {
            return Dnnl.channelsLast(batch, outChannels, outHeight, outWidth);
        }

        long[] weights() {
            return new long[] {outChannels, inChannels, kernelHeight, kernelWidth};
        }

        /** DL4J's weights, {@code [out, in, kH, kW]}. */
        memory.desc userWeights() {
            return new memory.desc(weights(), memory.data_type.f32, memory.format_tag.oihw);
        }

        /** The bias vector, or a zero descriptor (no bias). */
        memory.desc biasDesc() {
            return bias ? Dnnl.vector(outChannels) : new memory.desc();
        }

        /** The forward convolution, direct algorithm, weights in the layout oneDNN's kernels choose. */
        convolution_forward.primitive_desc forward(engine eng) {
            memory.desc anyWeights = new memory.desc(weights(), memory.data_type.f32, memory.format_tag.any);
            return new convolution_forward.primitive_desc(new convolution_forward.desc(prop_kind.forward_training,
                    algorithm.convolution_direct, src(), anyWeights, biasDesc(), dst(), strides(), padL(), padR()),
                    eng);
        }

        long[] strides() {
            return new long[] {strideHeight, strideWidth};
        }

        long[] padL() {
            return new long[] {padTop, padLeft};
        }

        long[] padR() {
            return new long[] {padBottom, padRight};
        }
    }

    private DirectConvolutionBackward(Geometry g, engine eng, convolution_backward_data.primitive_desc data,
                                      convolution_backward_weights.primitive_desc weights) {
        this.stream = new stream(eng);
        memory.desc srcDesc = g.src();
        memory.desc dstDesc = g.dst();
        memory.desc userWeightsDesc = g.userWeights();
        src = Dnnl.unbound(srcDesc, eng);
        diffDst = Dnnl.unbound(dstDesc, eng);
        diffSrc = Dnnl.unbound(srcDesc, eng);
        userWeights = Dnnl.unbound(userWeightsDesc, eng);
        userDiffWeights = Dnnl.unbound(userWeightsDesc, eng);
        userDiffBias = g.bias() ? Dnnl.unbound(Dnnl.vector(g.outChannels()), eng) : null;

        memory weightsForData = userWeights;
        if (data.weights_desc().equals(userWeightsDesc)) {
            weightsIn = Optional.empty();
        } else {
            weightsForData = new memory(data.weights_desc(), eng);
            weightsIn = Optional.of(Dnnl.Reorder.between(userWeights, weightsForData));
        }
        memory diffWeights = userDiffWeights;
        if (weights.diff_weights_desc().equals(userWeightsDesc)) {
            diffWeightsOut = Optional.empty();
        } else {
            diffWeights = new memory(weights.diff_weights_desc(), eng);
            diffWeightsOut = Optional.of(Dnnl.Reorder.between(diffWeights, userDiffWeights));
        }
        backwardData = new convolution_backward_data(data);
        backwardWeights = new convolution_backward_weights(weights);
        dataArgs.put(DNNL_ARG_DIFF_DST, diffDst);
        dataArgs.put(DNNL_ARG_WEIGHTS, weightsForData);
        dataArgs.put(DNNL_ARG_DIFF_SRC, diffSrc);
        weightArgs.put(DNNL_ARG_SRC, src);
        weightArgs.put(DNNL_ARG_DIFF_DST, diffDst);
        weightArgs.put(DNNL_ARG_DIFF_WEIGHTS, diffWeights);
        if (g.bias()) {
            weightArgs.put(DNNL_ARG_DIFF_BIAS, userDiffBias);
        }
    }

    /** Whether oneDNN's natives loaded on this platform. */
    static boolean available() {
        return Dnnl.engine().isPresent();
    }

    /**
     * The backward pass for {@code g}, or empty where oneDNN has only its slow reference kernels for it (or is not
     * available): the caller then keeps libnd4j's path.
     */
    static Optional<DirectConvolutionBackward> create(Geometry g) {
        if (Dnnl.engine().isEmpty()) {
            return Optional.empty();
        }
        engine eng = Dnnl.engine().get();
        memory.desc anyWeights = new memory.desc(g.weights(), memory.data_type.f32, memory.format_tag.any);
        memory.desc srcDesc = g.src();
        memory.desc dstDesc = g.dst();
        memory.desc bias = g.biasDesc();
        convolution_forward.primitive_desc hint = g.forward(eng);
        convolution_backward_data.primitive_desc data = new convolution_backward_data.primitive_desc(
                new convolution_backward_data.desc(algorithm.convolution_direct, srcDesc, anyWeights, dstDesc,
                        g.strides(), g.padL(), g.padR()), eng, hint);
        convolution_backward_weights.primitive_desc weights = new convolution_backward_weights.primitive_desc(
                new convolution_backward_weights.desc(algorithm.convolution_direct, srcDesc, anyWeights, bias,
                        dstDesc, g.strides(), g.padL(), g.padR()), eng, hint);
        if (isReference(data) || isReference(weights)) {
            return Optional.empty();
        }
        return Optional.of(new DirectConvolutionBackward(g, eng, data, weights));
    }

    /**
     * Computes the gradients. All arrays are single precision and c-ordered over their own elements: {@code input} and
     * {@code gradOut} (dL/d output) channels-last, {@code weights} and {@code weightGrad} {@code [out, in, kH, kW]};
     * {@code biasGrad} is null for a convolution without bias. Writes {@code gradIn}, {@code weightGrad} and
     * {@code biasGrad}.
     */
    void run(INDArray input, INDArray weights, INDArray gradOut, INDArray gradIn, INDArray weightGrad,
             INDArray biasGrad) {
        Dnnl.bind(src, input);
        Dnnl.bind(diffDst, gradOut);
        Dnnl.bind(diffSrc, gradIn);
        Dnnl.bind(userWeights, weights);
        Dnnl.bind(userDiffWeights, weightGrad);
        if (userDiffBias != null) {
            Dnnl.bind(userDiffBias, biasGrad);
        }
        weightsIn.ifPresent(r -> r.run(stream));
        backwardData.execute(stream, dataArgs);
        backwardWeights.execute(stream, weightArgs);
        diffWeightsOut.ifPresent(r -> r.run(stream));
        stream._wait();
    }

    private static boolean isReference(convolution_backward_data.primitive_desc pd) {
        return pd.impl_info_str().getString().startsWith("ref");
    }

    private static boolean isReference(convolution_backward_weights.primitive_desc pd) {
        return pd.impl_info_str().getString().startsWith("ref");
    }
}
