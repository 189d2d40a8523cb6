package dev.regzoo.zoo;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.preprocessor.BaseInputPreProcessor;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns channels-first images ([batch, channels, height, width]) into the channels-last layout a
 * {@link ModelBuilder#channelsLast(boolean) channels-last} model computes in, and its gradient back. The model keeps
 * the zoo's channels-first interface, so data, evaluation and prediction code need not know. Written by hand because
 * DL4J 1.0.0-M2.1's core has no permuting pre-processor (Keras import has one, in a module the zoo does not need).
 */
public final class ChannelsLastPreProcessor extends BaseInputPreProcessor {

    private static final long serialVersionUID = 1L;

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, input.permute(0, 2, 3, 1), 'c');
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, output.permute(0, 3, 1, 2), 'c');
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional image)
                || image.getFormat() != CNN2DFormat.NCHW) {
            throw new IllegalArgumentException("expected channels-first image input, got " + inputType);
        }
        return InputType.convolutional(image.getHeight(), image.getWidth(), image.getChannels(), CNN2DFormat.NHWC);
    }

    @Override
    public ChannelsLastPreProcessor clone() {
        return new ChannelsLastPreProcessor();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelsLastPreProcessor;
    }

    @Override
    public int hashCode() {
        return ChannelsLastPreProcessor.class.hashCode();
    }
}
