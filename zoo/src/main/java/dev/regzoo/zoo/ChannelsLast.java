package dev.regzoo.zoo;

import dev.regzoo.cpu.NativeHelpers;
import dev.regzoo.zoo.layers.ChannelsFirstPreProcessor;
import dev.regzoo.zoo.layers.ChannelsLastPreProcessor;
import dev.regzoo.zoo.layers.DropBlock;
import dev.regzoo.zoo.layers.KeptOutputConvolutionLayer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.SpatialDropout;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.ComposableInputPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns a channels-first network into one that computes the same function channels-last (NHWC inside, the same
 * channels-first input; see {@link ModelBuilder#channelsLast(boolean)}), with the same parameters, BatchNorm
 * statistics and updater state. For networks saved channels-first, such as a SmallCnn trained before it computed
 * channels-last (whose inference is about 1.4× faster so on the CPU) or the shipped ResNets (1.2–1.4× on an AVX-512
 * CPU; docs/benchmarks.md).
 *
 * <pre>{@code
 * MultiLayerNetwork fast = ChannelsLast.convert(MultiLayerNetwork.load(file, true));
 * }</pre>
 *
 * <p>Written by hand because DL4J has no layout conversion. It takes the layers the zoo's models are made of:
 * convolutions with the identity activation (DL4J 1.0.0-M2.1 backpropagates a channels-last convolution's own
 * activation wrongly), BatchNorm, pooling, activation and dropout layers, residual additions in graphs (with drop
 * path too), then dense layers after a flattening pre-processor or global pooling. DropBlock is switched to the new
 * layout. {@link #toChannelsFirst} turns a sequential network back.
 */
public final class ChannelsLast {

    private ChannelsLast() {
    }

    /**
     * A new network computing {@code network}'s function channels-last, or {@code network} itself when it already
     * starts with a {@link ChannelsLastPreProcessor}. {@code network} is left unchanged.
     *
     * @throws IllegalArgumentException for a layer or pre-processor the conversion does not take, naming it
     */
    public static MultiLayerNetwork convert(MultiLayerNetwork network) {
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations().clone();
        Map<Integer, InputPreProcessor> preProcessors = new HashMap<>(conf.getInputPreProcessors());
        InputPreProcessor first = preProcessors.get(0);
        if (first instanceof ChannelsLastPreProcessor) {
            return network;
        }
        if (first != null) {
            throw new IllegalArgumentException("cannot convert to channels-last: the network starts with a "
                    + first.getClass().getSimpleName() + "; only networks taking images directly are converted");
        }
        preProcessors.put(0, new ChannelsLastPreProcessor());
        return relaidOut(network, conf, preProcessors, CNN2DFormat.NHWC);
    }

    /**
     * The inverse of {@link #convert(MultiLayerNetwork)}: a new network computing {@code network}'s function
     * channels-first, for one saved channels-last (such as the shipped {@code pretrained:fashion-smallcnn}) when
     * channels-first layers are wanted (spatial dropout), or {@code network} itself when it is channels-first
     * already. The parameters are the same in both layouts. {@code network} is left unchanged.
     *
     * @throws IllegalArgumentException for a layer or pre-processor the conversion does not take, naming it
     */
    public static MultiLayerNetwork toChannelsFirst(MultiLayerNetwork network) {
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations().clone();
        Map<Integer, InputPreProcessor> preProcessors = new HashMap<>(conf.getInputPreProcessors());
        if (!(preProcessors.remove(0) instanceof ChannelsLastPreProcessor)) {
            return network;
        }
        return relaidOut(network, conf, preProcessors, CNN2DFormat.NCHW);
    }

    /**
     * {@code network} with the image layers of {@code conf} (up to the flattening before the dense layers) set to
     * {@code format}, the flattening's pre-processor turned to match, and {@code network}'s parameters, BatchNorm
     * statistics and updater state.
     */
    private static MultiLayerNetwork relaidOut(MultiLayerNetwork network, MultiLayerConfiguration conf,
                                              Map<Integer, InputPreProcessor> preProcessors, CNN2DFormat format) {
        boolean images = true;
        for (int i = 0; i < conf.getConfs().size() && images; i++) {
            Optional<InputPreProcessor> flattening = flatteningIn(format, conf.getInputPreProcess(i));
            if (flattening.isPresent()) {
                preProcessors.put(i, flattening.get());
                images = false;
            } else if (i > 0 && conf.getInputPreProcess(i) != null) {
                throw unsupported(conf.getConf(i), format, "its input pre-processor "
                        + conf.getInputPreProcess(i).getClass().getSimpleName());
            } else {
                images = toLayout(conf.getConf(i), format);
            }
        }
        conf.setInputPreProcessors(preProcessors);
        MultiLayerNetwork converted = new MultiLayerNetwork(conf);
        converted.init(network.params(), true);
        Updater updater = network.getUpdater(false);
        INDArray state = updater instanceof MultiLayerUpdater u ? u.getStateViewArray() : null;
        if (state != null) {
            converted.getUpdater().setStateViewArray(converted, state.dup(), false);
        }
        return NativeHelpers.attach(converted);
    }

    /**
     * The flattening before the dense layers as a network in {@code format} has it, if {@code pre} is that flattening
     * in the other layout: channels-last layers go back to channels-first before DL4J's channels-first flattening
     * ({@link ChannelsFirstPreProcessor#thenFlatten}), so that the dense weights are the same in both layouts.
     */
    private static Optional<InputPreProcessor> flatteningIn(CNN2DFormat format, InputPreProcessor pre) {
        if (format == CNN2DFormat.NHWC) {
            return pre instanceof CnnToFeedForwardPreProcessor flatten && flatten.getFormat() == CNN2DFormat.NCHW
                    ? Optional.of(ChannelsFirstPreProcessor.thenFlatten(flatten)) : Optional.empty();
        }
        if (pre instanceof ComposableInputPreProcessor composed && composed.getInputPreProcessors().length == 2
                && composed.getInputPreProcessors()[0] instanceof ChannelsFirstPreProcessor
                && composed.getInputPreProcessors()[1] instanceof CnnToFeedForwardPreProcessor flatten) {
            return Optional.of(flatten);
        }
        return Optional.empty();
    }

    /**
     * A new graph computing {@code network}'s function channels-last, or {@code network} itself when it already
     * takes its input through a {@link ChannelsLastPreProcessor}. The layers fed by the graph's inputs get that
     * pre-processor, so the graph's vertices, their order and the parameter layout stay as they are. Element-wise
     * vertices (residual additions) take either layout. {@code network} is left unchanged.
     *
     * @throws IllegalArgumentException for a layer, vertex or pre-processor the conversion does not take, naming it
     */
    public static ComputationGraph convert(ComputationGraph network) {
        ComputationGraphConfiguration conf = network.getConfiguration().clone();
        Map<String, GraphVertex> vertices = conf.getVertices();
        boolean converted = vertices.values().stream().anyMatch(v -> v instanceof PreprocessorVertex p
                && p.getPreProcessor() instanceof ChannelsLastPreProcessor
                || v instanceof LayerVertex l && l.getPreProcessor() instanceof ChannelsLastPreProcessor);
        if (converted) {
            return network;
        }
        Set<String> images = new HashSet<>(conf.getNetworkInputs());
        for (int index : network.topologicalSortOrder()) {
            String name = network.getVertices()[index].getVertexName();
            List<String> inputs = conf.getVertexInputs().getOrDefault(name, List.of());
            if (conf.getNetworkInputs().contains(name) || !images.containsAll(inputs)) {
                continue;
            }
            GraphVertex vertex = vertices.get(name);
            boolean image;
            if (vertex instanceof LayerVertex layer) {
                image = toChannelsLast(layer, inputs, conf);
            } else if (vertex instanceof ElementWiseVertex) {
                image = true;
            } else {
                throw new IllegalArgumentException("cannot convert vertex '" + name + "' to channels-last: its type, "
                        + vertex.getClass().getSimpleName());
            }
            if (image) {
                images.add(name);
            }
        }
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init(network.params(), true);
        ComputationGraphUpdater updater = network.getUpdater(false);
        INDArray state = updater == null ? null : updater.getStateViewArray();
        if (state != null) {
            graph.getUpdater().setStateViewArray(state.dup());
        }
        return NativeHelpers.attach(graph);
    }

    /** Sets a graph's layer vertex to channels-last; returns whether its output is still an image. */
    private static boolean toChannelsLast(LayerVertex vertex, List<String> inputs,
                                          ComputationGraphConfiguration conf) {
        InputPreProcessor pre = vertex.getPreProcessor();
        Optional<InputPreProcessor> flattening = flatteningIn(CNN2DFormat.NHWC, pre);
        if (flattening.isPresent()) {
            vertex.setPreProcessor(flattening.get());
            return false;
        }
        if (pre != null) {
            throw unsupported(vertex.getLayerConf(), CNN2DFormat.NHWC, "its input pre-processor "
                    + pre.getClass().getSimpleName());
        }
        if (conf.getNetworkInputs().containsAll(inputs)) {
            vertex.setPreProcessor(new ChannelsLastPreProcessor());
        }
        return toLayout(vertex.getLayerConf(), CNN2DFormat.NHWC);
    }

    /** Sets one layer to {@code format}; returns whether the layer's output is still an image. */
    private static boolean toLayout(NeuralNetConfiguration conf, CNN2DFormat format) {
        Layer layer = conf.getLayer();
        if (format == CNN2DFormat.NHWC && layer instanceof BaseLayer base
                && base.getIDropout() instanceof SpatialDropout) {
            throw unsupported(conf, format, "spatial dropout, which DL4J implements for channels-first layers only");
        }
        if (layer.getIDropout() instanceof DropBlock dropBlock) {
            layer.setIDropout(dropBlock.inLayout(format));
        }
        InputType channels = InputType.convolutional(1, 1, channelsOf(layer), format);
        if (layer.getClass() == ConvolutionLayer.class || layer.getClass() == KeptOutputConvolutionLayer.class) {
            ConvolutionLayer conv = (ConvolutionLayer) layer;
            if (format == CNN2DFormat.NHWC && !(conv.getActivationFn() instanceof ActivationIdentity)) {
                throw unsupported(conf, format, "the activation " + conv.getActivationFn() + " inside a convolution "
                        + "(DL4J 1.0.0-M2.1 backpropagates it wrongly channels-last; regzoo's channels-last models "
                        + "give such convolutions a ReLU layer of their own)");
            }
            conv.setNIn(channels, true);
        } else if (layer instanceof BatchNormalization bn) {
            bn.setNIn(channels, true);
        } else if (layer.getClass() == SubsamplingLayer.class) {
            layer.setNIn(channels, true);
        } else if (layer instanceof GlobalPoolingLayer pool) {
            pool.setPoolingDimensions(format == CNN2DFormat.NHWC ? new int[] {1, 2} : new int[] {2, 3});
            return false;
        } else if (!(layer instanceof ActivationLayer || layer instanceof DropoutLayer)) {
            throw unsupported(conf, format, "its type, " + layer.getClass().getSimpleName());
        }
        return true;
    }

    private static long channelsOf(Layer layer) {
        return layer instanceof ConvolutionLayer conv ? conv.getNIn()
                : layer instanceof BatchNormalization bn ? bn.getNIn() : 1;
    }

    private static IllegalArgumentException unsupported(NeuralNetConfiguration conf, CNN2DFormat format,
                                                        String what) {
        return new IllegalArgumentException("cannot convert layer '" + conf.getLayer().getLayerName() + "' to "
                + (format == CNN2DFormat.NHWC ? "channels-last" : "channels-first") + ": " + what);
    }
}
