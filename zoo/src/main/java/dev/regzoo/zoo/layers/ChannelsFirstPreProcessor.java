package dev.regzoo.zoo.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.ComposableInputPreProcessor;

/**
 * Turns a channels-last model's feature maps back into channels-first order, and its gradient back: before a dense
 * layer, so that it sees the features in the same order as in the channels-first model and the two compute the same
 * function on the same weights.
 */
public final class ChannelsFirstPreProcessor extends LayoutPreProcessor {

    private static final long serialVersionUID = 1L;

    /** A channels-last model's flattening before a dense layer: this pre-processor, then DL4J's channels-first one. */
    public static ComposableInputPreProcessor thenFlatten(CnnToFeedForwardPreProcessor flatten) {
        return new ComposableInputPreProcessor(new ChannelsFirstPreProcessor(), flatten);
    }

    @Override
    CNN2DFormat from() {
        return CNN2DFormat.NHWC;
    }

    @Override
    CNN2DFormat to() {
        return CNN2DFormat.NCHW;
    }

    @Override
    public ChannelsFirstPreProcessor clone() {
        return new ChannelsFirstPreProcessor();
    }
}
