package dev.regzoo.zoo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Keras-style {@code model.summary()}: every layer (or graph vertex) in execution order with its output shape
 * (channels first, without the batch dimension) and parameter count. {@link #toString()} renders the table; its last
 * line is {@code Total params: N}.
 *
 * @param rows        one row per layer or vertex
 * @param totalParams all parameters in DL4J's count
 * @param bnStatistics the part of {@code totalParams} that is BatchNorm running mean/variance (updated, not trained)
 */
public record ModelSummary(List<Row> rows, long totalParams, long bnStatistics) {

    /**
     * One line of the summary.
     *
     * @param name        layer or vertex name
     * @param type        layer or vertex class, e.g. {@code ConvolutionLayer}
     * @param outputShape output shape without the batch dimension
     * @param params      parameter count
     */
    public record Row(String name, String type, String outputShape, long params) {
    }

    public ModelSummary {
        rows = List.copyOf(rows);
    }

    /** Summarises an initialised network for the given input shape. */
    public static ModelSummary of(Model net, Shape input) {
        if (net instanceof MultiLayerNetwork mln) {
            return of(mln, input.toInputType());
        }
        if (net instanceof ComputationGraph graph) {
            return of(graph, input.toInputType());
        }
        throw new IllegalArgumentException("cannot summarise a " + net.getClass().getName());
    }

    private static ModelSummary of(MultiLayerNetwork net, InputType input) {
        List<InputType> outputs = net.getLayerWiseConfigurations().getLayerActivationTypes(input);
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("input", "Input", shape(input), 0));
        long bn = 0;
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer layer = net.getLayer(i);
            rows.add(layerRow(layer.conf().getLayer().getLayerName(), layer, outputs.get(i)));
            bn += bnStatistics(layer);
        }
        return new ModelSummary(rows, net.numParams(), bn);
    }

    private static ModelSummary of(ComputationGraph net, InputType input) {
        Map<String, InputType> outputs = net.getConfiguration().getLayerActivationTypes(input);
        GraphVertex[] vertices = net.getVertices();
        List<Row> rows = new ArrayList<>();
        long bn = 0;
        for (int index : net.topologicalSortOrder()) {
            GraphVertex v = vertices[index];
            InputType out = v.isInputVertex() ? input : outputs.get(v.getVertexName());
            if (v.hasLayer()) {
                rows.add(layerRow(v.getVertexName(), v.getLayer(), out));
                bn += bnStatistics(v.getLayer());
            } else {
                String type = v.isInputVertex() ? "Input" : v.getClass().getSimpleName();
                rows.add(new Row(v.getVertexName(), type + inputsOf(v, vertices), shape(out), 0));
            }
        }
        return new ModelSummary(rows, net.numParams(), bn);
    }

    private static Row layerRow(String name, Layer layer, InputType out) {
        return new Row(name, layer.conf().getLayer().getClass().getSimpleName(), shape(out), layer.numParams());
    }

    private static String inputsOf(GraphVertex v, GraphVertex[] all) {
        if (v.getInputVertices() == null) {
            return "";
        }
        return Arrays.stream(v.getInputVertices())
                .map(e -> all[e.getVertexIndex()].getVertexName())
                .collect(Collectors.joining(", ", "(", ")"));
    }

    private static long bnStatistics(Layer layer) {
        if (!(layer.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization)) {
            return 0;
        }
        return layer.paramTable().entrySet().stream()
                .filter(e -> !e.getKey().equals("gamma") && !e.getKey().equals("beta"))
                .map(Map.Entry::getValue)
                .mapToLong(INDArray::length)
                .sum();
    }

    private static String shape(InputType type) {
        return Arrays.stream(type.getShape(false)).mapToObj(Long::toString)
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /** The table, Keras style, ending in {@code Total params: N}. */
    @Override
    public String toString() {
        int nameWidth = Math.max(28, rows.stream().mapToInt(r -> r.name().length()).max().orElse(0) + 2);
        int typeWidth = Math.max(22, rows.stream().mapToInt(r -> r.type().length()).max().orElse(0) + 2);
        String format = "%-" + nameWidth + "s%-" + typeWidth + "s%-20s%12s%n";
        String rule = "=".repeat(nameWidth + typeWidth + 32) + System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(format, "Layer (name)", "Type", "Output shape", "Params"));
        sb.append(rule);
        for (Row r : rows) {
            sb.append(String.format(format, r.name(), r.type(), r.outputShape(), r.params()));
        }
        sb.append(rule);
        sb.append("BatchNorm running statistics (not trained): ").append(bnStatistics).append(System.lineSeparator());
        sb.append("Trainable params: ").append(totalParams - bnStatistics).append(System.lineSeparator());
        sb.append("Total params: ").append(totalParams);
        return sb.toString();
    }
}
