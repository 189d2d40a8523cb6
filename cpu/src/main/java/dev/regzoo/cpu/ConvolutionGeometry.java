package dev.regzoo.cpu;

import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An undilated channels-last convolution's shape and settings as oneDNN counts them: {@code n, c, h, w} logical sizes,
 * and padding on each side (negative after the input where its last rows or columns are never read). The key under
 * which a layer keeps its oneDNN primitives ({@link DirectConvolutionForward}, {@link DirectConvolutionBackward}).
 */
record ConvolutionGeometry(long batch, long inChannels, long inHeight, long inWidth, long outChannels, long outHeight,
                           long outWidth, long kernelHeight, long kernelWidth, long strideHeight, long strideWidth,
                           long padTop, long padLeft, long padBottom, long padRight, boolean bias) {

    /**
     * The geometry of a convolution of channels-last {@code input} with output size {@code out} (height, width), as
     * DL4J configures it: {@code pad} is the padding before the input except in Same mode, where DL4J derives it.
     */
    static ConvolutionGeometry of(INDArray input, int[] out, long outChannels, int[] kernel, int[] strides, int[] pad,
                                  ConvolutionMode mode, boolean bias) {
        int[] in = {(int) input.size(1), (int) input.size(2)};
        int[] padBefore = mode == ConvolutionMode.Same
                ? ConvolutionUtils.getSameModeTopLeftPadding(out, in, kernel, strides, new int[] {1, 1}) : pad;
        long[] padAfter = new long[2];
        for (int i = 0; i < 2; i++) {
            padAfter[i] = (long) (out[i] - 1) * strides[i] + kernel[i] - in[i] - padBefore[i];
        }
        return new ConvolutionGeometry(input.size(0), input.size(3), in[0], in[1], outChannels, out[0], out[1],
                kernel[0], kernel[1], strides[0], strides[1], padBefore[0], padBefore[1], padAfter[0], padAfter[1],
                bias);
    }

    /** The output's shape as DL4J holds it, {@code [n, h, w, c]}. */
    long[] outputShape() {
        return new long[] {batch, outHeight, outWidth, outChannels};
    }

    memory.desc src() {
        return Dnnl.channelsLast(batch, inChannels, inHeight, inWidth);
    }

    memory.desc dst() {
        return Dnnl.channelsLast(batch, outChannels, outHeight, outWidth);
    }

    /** DL4J's weights, {@code [out, in, kH, kW]}. */
    memory.desc userWeights() {
        return weights(memory.format_tag.oihw);
    }

    /** The weights in the layout oneDNN's kernels choose. */
    memory.desc anyWeights() {
        return weights(memory.format_tag.any);
    }

    /** The bias vector, or a zero descriptor (no bias). */
    memory.desc biasDesc() {
        return bias ? Dnnl.vector(outChannels) : new memory.desc();
    }

    /** The forward convolution, direct algorithm. */
    convolution_forward.primitive_desc forward(engine eng) {
        return new convolution_forward.primitive_desc(new convolution_forward.desc(prop_kind.forward_training,
                algorithm.convolution_direct, src(), anyWeights(), biasDesc(), dst(), strides(), padL(), padR()), eng);
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

    private memory.desc weights(memory.format_tag layout) {
        return new memory.desc(new long[] {outChannels, inChannels, kernelHeight, kernelWidth}, memory.data_type.f32,
                layout);
    }
}
