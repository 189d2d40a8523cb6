package dev.regzoo.zoo;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.layers.Layer;

/** Adds layers to a graph one after another, each named by its own layer name, and returns the last name. */
final class GraphChain {

    private GraphChain() {
    }

    /** Adds {@code layers} in order after vertex {@code input}; returns the name of the last one. */
    static String chain(GraphBuilder graph, String input, List<? extends Layer> layers) {
        String previous = input;
        for (Layer layer : layers) {
            graph.addLayer(layer.getLayerName(), layer, previous);
            previous = layer.getLayerName();
        }
        return previous;
    }

    /** Adds one layer after vertex {@code input}; returns its name. */
    static String chain(GraphBuilder graph, String input, Layer layer) {
        return chain(graph, input, List.of(layer));
    }
}
