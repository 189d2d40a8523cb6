package dev.regzoo.cpu;

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
    private final Dnnl.Staged weightsForData;
    private final Dnnl.Staged diffWeights;

    private DirectConvolutionBackward(ConvolutionGeometry g, engine eng, convolution_backward_data.primitive_desc data,
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
        userDiffBias = g.bias() ? Dnnl.unbound(g.biasDesc(), eng) : null;
        weightsForData = Dnnl.Staged.in(userWeights, data.weights_desc(), eng);
        diffWeights = Dnnl.Staged.out(weights.diff_weights_desc(), userDiffWeights, eng);
        backwardData = new convolution_backward_data(data);
        backwardWeights = new convolution_backward_weights(weights);
        dataArgs.put(DNNL_ARG_DIFF_DST, diffDst);
        dataArgs.put(DNNL_ARG_WEIGHTS, weightsForData.memory());
        dataArgs.put(DNNL_ARG_DIFF_SRC, diffSrc);
        weightArgs.put(DNNL_ARG_SRC, src);
        weightArgs.put(DNNL_ARG_DIFF_DST, diffDst);
        weightArgs.put(DNNL_ARG_DIFF_WEIGHTS, diffWeights.memory());
        if (g.bias()) {
            weightArgs.put(DNNL_ARG_DIFF_BIAS, userDiffBias);
        }
    }

    /**
     * The backward pass for {@code g}, or empty where oneDNN has only its slow reference kernels for it (or is not
     * available): the caller then keeps libnd4j's path.
     */
    static Optional<DirectConvolutionBackward> create(ConvolutionGeometry g) {
        if (Dnnl.engine().isEmpty()) {
            return Optional.empty();
        }
        engine eng = Dnnl.engine().get();
        memory.desc anyWeights = g.anyWeights();
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
        if (Dnnl.isReference(data) || Dnnl.isReference(weights)) {
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
        weightsForData.reorder(stream);
        backwardData.execute(stream, dataArgs);
        backwardWeights.execute(stream, weightArgs);
        diffWeights.reorder(stream);
        stream._wait();
    }
}
