package dev.regzoo.zoo;

import dev.regzoo.zoo.layers.AddVertex;
import dev.regzoo.zoo.layers.ChannelsFirstPreProcessor;
import dev.regzoo.zoo.layers.ChannelsLastPreProcessor;
import dev.regzoo.zoo.layers.DropBlock;
import dev.regzoo.zoo.layers.DropPathAddVertex;
import dev.regzoo.zoo.layers.KeptOutputConvolutionLayer;
import dev.regzoo.zoo.layers.MatmulDenseLayer;
import dev.regzoo.zoo.layers.ReluLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The layer vocabulary shared by every zoo model: one place decides how a convolution, BatchNorm, ReLU, pooling or
 * classifier layer is configured from {@link ModelOptions}, so that models only arrange them.
 *
 * <p>Regularization is set on each weight layer's own list (never globally: a global DL4J {@code weightDecay()} is
 * applied twice in 1.0.0-M2.1), biases get none, and BatchNorm parameters are never regularized by DL4J.
 * Layer names follow Keras: a block {@code name} yields {@code name_conv}, {@code name_bn}, {@code name_relu}.
 * Gradient clipping, when on, is set on each weight layer too (BatchNorm is left out, see
 * {@link RegularizationSpec}).
 */
final class Layers {

    private final ModelOptions options;
    private final RegularizationSpec reg;

    Layers(ModelOptions options) {
        this.options = options;
        this.reg = options.regularization();
    }

    /**
     * Network-wide settings: seed, updater and precision. Regularization and weight initialisation are set per layer
     * ({@link WeightInitScheme}).
     */
    NeuralNetConfiguration.Builder network() {
        return new NeuralNetConfiguration.Builder()
                .seed(options.seed())
                .updater(options.updater())
                .dataType(options.dataType());
    }

    /**
     * Convolution ({@code kernel}×{@code kernel}, "same" padding) then, when BatchNorm is on, BatchNorm and ReLU.
     *
     * @param bias         whether the convolution has a bias (with BatchNorm it is redundant but some reference
     *                     models keep it)
     * @param inputDropout dropout applied to the block's input, if any
     */
    List<Layer> convBnRelu(String name, int channels, int kernel, int stride, boolean bias,
                           Optional<IDropout> inputDropout) {
        if (!reg.batchNorm() && options.channelsLast()) {
            // DL4J 1.0.0-M2.1's ConvolutionLayer backpropagates its own activation wrongly in NHWC (ChannelsLastTest):
            // channels-last models apply the ReLU in a layer of its own.
            return List.of(conv(name, channels, kernel, stride, Activation.IDENTITY, inputDropout),
                    relu(name + "_relu"));
        }
        if (!reg.batchNorm()) {
            return List.of(conv(name, channels, kernel, stride, Activation.RELU, inputDropout));
        }
        List<Layer> layers = convBn(name, channels, kernel, stride, bias, inputDropout);
        return append(layers, relu(name + "_relu"));
    }

    /**
     * Convolution then, when BatchNorm is on, BatchNorm, with no activation: the end of a residual branch.
     * Without BatchNorm the convolution always has a bias.
     */
    List<Layer> convBn(String name, int channels, int kernel, int stride, boolean bias,
                       Optional<IDropout> inputDropout) {
        if (!reg.batchNorm()) {
            return List.of(conv(name, channels, kernel, stride, Activation.IDENTITY, inputDropout));
        }
        return List.of(convolution(name, channels, kernel, stride, bias, inputDropout), batchNorm(name + "_bn"));
    }

    /**
     * A convolution alone, with no BatchNorm or activation after it: the end of a pre-activation residual branch, whose
     * BatchNorm comes first in the next block.
     */
    ConvolutionLayer convolution(String name, int channels, int kernel, int stride, boolean bias,
                                 Optional<IDropout> inputDropout) {
        ConvolutionLayer conv = conv(name, channels, kernel, stride, Activation.IDENTITY, inputDropout);
        conv.setHasBias(bias);
        return conv;
    }

    /** BatchNorm then ReLU (just the ReLU when BatchNorm is off): a pre-activation. */
    List<Layer> bnRelu(String name) {
        return reg.batchNorm() ? List.of(batchNorm(name + "_bn"), relu(name + "_relu")) : List.of(relu(name + "_relu"));
    }

    /**
     * DropBlock for the input of a convolution on {@code height × width} maps, or empty when it is off: a new
     * instance for each layer, as DL4J keeps the last mask in it.
     *
     * @param where the maps, for the message, e.g. {@code "smallcnn's second block"}
     * @throws IllegalArgumentException when the block is larger than the maps
     */
    Optional<IDropout> dropBlock(int height, int width, String where) {
        if (reg.dropBlock() == 0) {
            return Optional.empty();
        }
        requireDropBlockFit(List.of(new Shape(1, height, width)), where);
        return Optional.of(DropBlock.builder().dropProbability(reg.dropBlock()).blockSize(reg.dropBlockSize())
                .dataFormat(format()).rampIterations(options.trainingIterations()).build());
    }

    /** Whether DropBlock is on and its block fits {@code height × width} maps. */
    boolean dropBlockFits(int height, int width) {
        return reg.dropBlock() > 0 && reg.dropBlockSize() <= Math.min(height, width);
    }

    /**
     * Checks that DropBlock, when on, fits at least one of {@code maps} (a model applies it only where it fits).
     *
     * @param where the maps, for the message, e.g. {@code "resnet18's last two stages"}
     * @throws IllegalArgumentException when the block is larger than all of them
     */
    void requireDropBlockFit(List<Shape> maps, String where) {
        if (reg.dropBlock() == 0 || maps.stream().anyMatch(m -> dropBlockFits(m.height(), m.width()))) {
            return;
        }
        String sizes = maps.stream().map(m -> m.height() + "x" + m.width()).collect(Collectors.joining(", "));
        int largest = maps.stream().mapToInt(Shape::minSide).max().orElse(0);
        throw new IllegalArgumentException("drop block size " + reg.dropBlockSize() + " is larger than the " + sizes
                + " feature maps of " + where + " (input " + options.inputShape() + "); allowed: 1 to " + largest);
    }

    /**
     * The drop path rate of residual block {@code block} (from 0) of {@code blocks}: rising linearly with depth from 0
     * at the first block to the spec's maximum at the last, as timm's ResNet ({@code max × block / (blocks − 1)}).
     */
    double dropPathRate(int block, int blocks) {
        return blocks == 1 ? reg.dropPath() : reg.dropPath() * block / (blocks - 1);
    }

    /**
     * The vertex summing a residual branch (its first input) and a shortcut (its second): with drop path at
     * {@code dropPathRate} when that is above 0.
     */
    GraphVertex residualSum(double dropPathRate) {
        return dropPathRate > 0 ? new DropPathAddVertex(dropPathRate) : new AddVertex();
    }

    /** The input pre-processor a channels-last model starts with, if the options ask for one. */
    Optional<ChannelsLastPreProcessor> inputPreProcessor() {
        return options.channelsLast() ? Optional.of(new ChannelsLastPreProcessor()) : Optional.empty();
    }

    /**
     * The pre-processor that flattens {@code features} for a dense layer. In a channels-last model it first turns the
     * features back to channels-first order, so the dense layer's weights mean what they mean in the channels-first
     * model (DL4J's own flattening keeps the layout's order); otherwise DL4J's default one.
     */
    InputPreProcessor flatten(Shape features) {
        CnnToFeedForwardPreProcessor flatten =
                new CnnToFeedForwardPreProcessor(features.height(), features.width(), features.channels());
        return options.channelsLast() ? ChannelsFirstPreProcessor.thenFlatten(flatten) : flatten;
    }

    /** A ReLU activation layer (the stock BatchNorm layer ignores {@code .activation(...)}). */
    ActivationLayer relu(String name) {
        return new ReluLayer(name);
    }

    /** Max pooling with a {@code size}×{@code size} window and the given stride. */
    SubsamplingLayer maxPool(String name, int size, int stride) {
        return pool(PoolingType.MAX, name, size, stride).build();
    }

    /**
     * Average pooling with a {@code size}×{@code size} window and the given stride, with "same" padding left out of the
     * divisor: PyTorch's {@code AvgPool2d(size, stride, ceil_mode=True, count_include_pad=False)}, ResNet-D's shortcut.
     */
    SubsamplingLayer avgPool(String name, int size, int stride) {
        return pool(PoolingType.AVG, name, size, stride).convolutionMode(ConvolutionMode.Same)
                .avgPoolIncludePadInDivisor(false).build();
    }

    /** A dropout layer dropping each activation with probability {@code dropProbability} in training. */
    DropoutLayer dropout(String name, double dropProbability) {
        return new DropoutLayer.Builder().name(name).dropOut(RegularizationSpec.dropoutFor(dropProbability)
                .orElseThrow(() -> new IllegalArgumentException("a dropout layer needs a drop probability > 0, got "
                        + dropProbability))).build();
    }

    /** Global pooling of the options' type; the model's output when it has no classifier head. */
    GlobalPoolingLayer globalPool(String name) {
        GlobalPoolingLayer.Builder b = new GlobalPoolingLayer.Builder(options.pooling().toDl4j()).name(name);
        if (options.channelsLast()) {
            b.poolingDimensions(1, 2); // DL4J's default, (2, 3), assumes channels first
        }
        return b.build();
    }

    /** Fully connected ReLU layer with dropout of {@code dropProbability} on its input. */
    DenseLayer dense(String name, int units, double dropProbability) {
        DenseLayer.Builder b = new DenseLayer.Builder().name(name).nOut(units).activation(Activation.RELU)
                .weightInit(options.weightInit().dense());
        return MatmulDenseLayer.of(regularize(b, RegularizationSpec.dropoutFor(dropProbability)).build());
    }

    /** Softmax classifier with cross-entropy loss and dropout of {@code dropProbability} on its input. */
    OutputLayer classifier(String name, double dropProbability) {
        OutputLayer.Builder b = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name(name)
                .nOut(options.classes()).activation(Activation.SOFTMAX).weightInit(options.weightInit().dense());
        return regularize(b, RegularizationSpec.dropoutFor(dropProbability)).build();
    }

    private ConvolutionLayer conv(String name, int channels, int kernel, int stride, Activation activation,
                                  Optional<IDropout> inputDropout) {
        ConvolutionLayer.Builder b = new KeptOutputConvolutionLayer.Builder(kernel, kernel).name(name + "_conv")
                .nOut(channels).stride(stride, stride).convolutionMode(ConvolutionMode.Same)
                .dataFormat(format()).activation(activation).weightInit(options.weightInit().convolutions());
        return regularize(b, inputDropout).build();
    }

    /**
     * BatchNorm keeping its running variance as the variance, not DL4J's default log10 of the standard deviation
     * (meant for half precision and parameter averaging): the same running average, updated in 2 ND4J ops per
     * training step instead of about 10, and read without 3 more in every forward pass.
     */
    private BatchNormalization batchNorm(String name) {
        return new BatchNormalization.Builder().name(name).dataFormat(format())
                .decay(reg.batchNormDecay()).eps(reg.batchNormEpsilon()).useLogStd(false).build();
    }

    private SubsamplingLayer.Builder pool(PoolingType type, String name, int size, int stride) {
        return new SubsamplingLayer.Builder(type).name(name)
                .kernelSize(size, size).stride(stride, stride)
                .convolutionMode(size == stride ? ConvolutionMode.Truncate : ConvolutionMode.Same)
                .dataFormat(format());
    }

    private CNN2DFormat format() {
        return options.channelsLast() ? CNN2DFormat.NHWC : CNN2DFormat.NCHW;
    }

    private <T extends BaseLayer.Builder<T>> T regularize(T builder, Optional<IDropout> inputDropout) {
        builder.regularization(new ArrayList<>(reg.weightRegularization()));
        builder.regularizationBias(new ArrayList<>());
        inputDropout.ifPresent(builder::dropOut);
        if (reg.gradientClipNorm() > 0) {
            builder.gradientNormalization(GradientNormalization.ClipL2PerLayer)
                    .gradientNormalizationThreshold(reg.gradientClipNorm());
        }
        return builder;
    }

    private static List<Layer> append(List<Layer> layers, Layer last) {
        List<Layer> all = new ArrayList<>(layers);
        all.add(last);
        return List.copyOf(all);
    }
}
