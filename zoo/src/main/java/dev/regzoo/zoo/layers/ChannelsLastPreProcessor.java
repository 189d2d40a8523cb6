package dev.regzoo.zoo.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;

/**
 * Turns channels-first images ([batch, channels, height, width]) into the channels-last layout a channels-last model
 * ({@link dev.regzoo.zoo.ModelBuilder#channelsLast(boolean)}) computes in, and its gradient back. The model keeps the zoo's
 * channels-first interface, so data, evaluation and prediction code need not know.
 */
public final class ChannelsLastPreProcessor extends LayoutPreProcessor {

    private static final long serialVersionUID = 1L;

    @Override
    CNN2DFormat from() {
        return CNN2DFormat.NCHW;
    }

    @Override
    CNN2DFormat to() {
        return CNN2DFormat.NHWC;
    }

    @Override
    public ChannelsLastPreProcessor clone() {
        return new ChannelsLastPreProcessor();
    }
}
