package dev.regzoo.zoo.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What every DL4J layer configuration's {@code instantiate} does with a new layer, for regzoo's layer subclasses. */
final class LayerWiring {

    private LayerWiring() {
    }

    /** Gives {@code layer} its listeners, index, parameter views (initialised if asked) and configuration. */
    static <L extends Layer> L wire(L layer, ParamInitializer initializer, NeuralNetConfiguration conf,
                                    Collection<TrainingListener> listeners, int layerIndex, INDArray layerParamsView,
                                    boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        layer.setParamTable(initializer.init(conf, layerParamsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}
