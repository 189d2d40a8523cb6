package dev.regzoo.cpu;

import java.util.function.Supplier;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** Networks created with a system property set for their creation only, and their training gradients. */
final class HelperSwitches {

    private HelperSwitches() {
    }

    /** The network {@code create} makes with DL4J's layer helpers off: its plain layers, the reference. */
    static <N extends NeuralNetwork> N withoutHelpers(Supplier<N> create) {
        return withProperty(NativeHelpers.HELPERS_DISABLE_PROPERTY, "true", create);
    }

    /** What {@code create} makes while the system property {@code name} is {@code value}. */
    static <N> N withProperty(String name, String value, Supplier<N> create) {
        String previous = System.getProperty(name);
        System.setProperty(name, value);
        try {
            return create.get();
        } finally {
            if (previous == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, previous);
            }
        }
    }

    /** The flattened training gradient of {@code net} on {@code data} (a copy). */
    static INDArray gradient(NeuralNetwork net, DataSet data) {
        if (net instanceof MultiLayerNetwork m) {
            m.setInput(data.getFeatures());
            m.setLabels(data.getLabels());
            m.computeGradientAndScore();
            return m.gradient().gradient().dup();
        }
        ComputationGraph g = (ComputationGraph) net;
        g.setInputs(data.getFeatures());
        g.setLabels(data.getLabels());
        g.computeGradientAndScore();
        return g.gradient().gradient().dup();
    }
}
