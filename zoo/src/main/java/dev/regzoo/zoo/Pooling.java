package dev.regzoo.zoo;

import org.deeplearning4j.nn.conf.layers.PoolingType;

/** Global pooling over the last feature map, as in Keras Applications' {@code pooling} argument. */
public enum Pooling {
    /** Global average pooling. */
    AVG(PoolingType.AVG),
    /** Global max pooling. */
    MAX(PoolingType.MAX);

    private final PoolingType dl4j;

    Pooling(PoolingType dl4j) {
        this.dl4j = dl4j;
    }

    PoolingType toDl4j() {
        return dl4j;
    }
}
