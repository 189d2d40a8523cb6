package dev.regzoo.cpu;

import java.lang.reflect.Field;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Swaps the helper object of live DL4J layers (the private {@code helper} field through which a stock layer hands its
 * work to oneDNN) for one of regzoo's. Nothing in the configuration or in saved files changes. Written by hand because
 * DL4J picks its helpers itself and offers no way to supply one.
 */
final class LayerHelpers {

    private LayerHelpers() {
    }

    /**
     * In every layer of {@code model} of type {@code layerType} (frozen ones included) whose helper is exactly an
     * instance of {@code current}, sets the helper to a new {@code replacement}.
     *
     * @param helperField the layer class's declared field, found with {@link #field}
     */
    static void replace(Model model, Class<? extends Layer> layerType, Field helperField, Class<?> current,
                        Supplier<?> replacement) {
        Layer[] layers = model instanceof MultiLayerNetwork m ? m.getLayers()
                : model instanceof ComputationGraph g ? g.getLayers() : new Layer[0];
        for (Layer layer : layers) {
            Layer inner = layer instanceof FrozenLayer frozen ? frozen.getInsideLayer() : layer;
            if (!layerType.isInstance(inner)) {
                continue;
            }
            try {
                Object helper = helperField.get(inner);
                if (helper != null && helper.getClass() == current) {
                    helperField.set(inner, replacement.get());
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot replace the helper of layer " + inner.getIndex(), e);
            }
        }
    }

    /** {@code owner}'s declared field {@code name}, made accessible. */
    static Field field(Class<?> owner, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
