package dev.regzoo.zoo.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.preprocessor.BaseInputPreProcessor;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Permutes a batch of images from one layout to the other ({@link #from()} to {@link #to()}), and its gradient back.
 * Written by hand because DL4J 1.0.0-M2.1's core has no permuting pre-processor (Keras import has one, in a module
 * the zoo does not need). Subclasses hold no state, so they serialize as their class name alone.
 */
abstract class LayoutPreProcessor extends BaseInputPreProcessor {

    private static final long serialVersionUID = 1L;

    /** The layout this pre-processor takes. */
    abstract CNN2DFormat from();

    /** The layout it gives. */
    abstract CNN2DFormat to();

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, input.permute(permutation(to())), 'c');
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, output.permute(permutation(from())), 'c');
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional image) || image.getFormat() != from()) {
            throw new IllegalArgumentException("expected " + from() + " image input, got " + inputType);
        }
        return InputType.convolutional(image.getHeight(), image.getWidth(), image.getChannels(), to());
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }

    /** The axis order that turns an array of the other layout into {@code target}. */
    private static int[] permutation(CNN2DFormat target) {
        return target == CNN2DFormat.NHWC ? new int[] {0, 2, 3, 1} : new int[] {0, 3, 1, 2};
    }
}
