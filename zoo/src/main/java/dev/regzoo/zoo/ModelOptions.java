package dev.regzoo.zoo;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The resolved, validated options of one zoo model, as produced by a {@link ModelBuilder}.
 *
 * @param inputShape     input image shape (channels first)
 * @param classes        number of classes of the classifier head; 0 when {@code includeTop} is false
 * @param includeTop     whether the model ends in a softmax classifier; without it, in global pooling
 * @param pooling        global pooling type used by the model's pooling head
 * @param width          channel count of the first stage (each later stage scales it as the model's Javadoc says)
 * @param seed           random seed for weight initialisation and dropout
 * @param updater        the optimizer; {@link #updater()} returns a copy, DL4J updaters being mutable
 * @param weightInit     weight initialisation of convolutions and dense layers
 * @param regularization how the model is regularized
 * @param dataType       parameter and activation precision
 * @param channelsLast   whether the layers compute in channels-last (NHWC) layout; the input stays channels-first
 * @param trainingIterations the planned length of training in minibatch iterations, over which DropBlock's rate
 *                       ramps up; 0 when not given (no ramp)
 */
public record ModelOptions(Shape inputShape, int classes, boolean includeTop, Pooling pooling, int width, long seed,
                           IUpdater updater, WeightInitScheme weightInit, RegularizationSpec regularization,
                           DataType dataType, boolean channelsLast, int trainingIterations) {

    /** A copy of the updater configuration. */
    @Override
    public IUpdater updater() {
        return updater.clone();
    }
}
