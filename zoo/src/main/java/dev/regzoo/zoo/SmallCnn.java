package dev.regzoo.zoo;

import dev.regzoo.cpu.NativeHelpers;
import dev.regzoo.zoo.layers.BatchNormJson;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A small VGG-style CNN for small images (Fashion-MNIST, CIFAR), as a {@link MultiLayerNetwork}:
 *
 * <pre>
 * block1: conv3x3(w)+BN+ReLU, conv3x3(w)+BN+ReLU, maxpool 2
 * block2: conv3x3(2w)+BN+ReLU, conv3x3(2w)+BN+ReLU, maxpool 2
 * top:    dropout p/2, dense 256 ReLU, dropout p, softmax      (or, without top, global pooling)
 * </pre>
 *
 * <p>Defaults: width {@code w = 32}, head dropout {@code p = 0.5} (so 0.25 before the dense layer and 0.5 before the
 * classifier). Convolutions keep their bias, as in the PyTorch reference. Spatial dropout, when set, drops channels at
 * the input of every convolution but the first; DropBlock, when set, drops blocks at the input of both convolutions
 * of block 2 (its maps are the input's halved: 14×14 at 28 px). It has no residual branches, so no drop path. For
 * 1×28×28 input and 10 classes it has 871,402 parameters in DL4J's count, which includes BatchNorm's running mean
 * and variance (PyTorch counts 871,018 trainable). It computes channels-last by default
 * ({@link ModelBuilder#channelsLast(boolean)}: the same function and input, faster on the CPU) and channels-first
 * with spatial dropout.
 *
 * <pre>{@code
 * MultiLayerNetwork net = SmallCnn.builder().inputShape(1, 28, 28).classes(10).build().init();
 * }</pre>
 */
public final class SmallCnn extends RegzooModel<MultiLayerNetwork> {

    /** Registry name. */
    public static final String NAME = "smallcnn";
    static final int DEFAULT_WIDTH = 32;
    static final double DEFAULT_DROPOUT = 0.5;
    static final int DENSE_UNITS = 256;

    private SmallCnn(ModelOptions options) {
        super(NAME, options);
    }

    /** A builder with the defaults above; give at least the input shape and the classes. */
    public static Builder builder() {
        return new Builder();
    }

    /** The network's configuration. */
    public MultiLayerConfiguration conf() {
        ModelOptions o = options();
        Layers layers = new Layers(o);
        int w = o.width();
        NeuralNetConfiguration.ListBuilder list = layers.network().list();
        layers.inputPreProcessor().ifPresent(p -> list.inputPreProcessor(0, p));
        add(list, layers.convBnRelu("block1_1", w, 3, 1, true, Optional.empty()));
        add(list, layers.convBnRelu("block1_2", w, 3, 1, true, o.regularization().spatialDropoutLayer()));
        list.layer(layers.maxPool("block1_pool", 2, 2));
        add(list, layers.convBnRelu("block2_1", 2 * w, 3, 1, true, secondBlockDropout(layers)));
        add(list, layers.convBnRelu("block2_2", 2 * w, 3, 1, true, secondBlockDropout(layers)));
        list.layer(layers.maxPool("block2_pool", 2, 2));
        if (o.includeTop()) {
            double p = o.regularization().dropout().orElse(DEFAULT_DROPOUT);
            Shape in = o.inputShape();
            list.inputPreProcessor(list.getLayerwise().size(),
                    layers.flatten(new Shape(2 * w, in.height() / 4, in.width() / 4)));
            list.layer(layers.dense("fc1", DENSE_UNITS, p / 2));
            list.layer(layers.classifier("predictions", p));
        } else {
            list.layer(layers.globalPool(o.pooling().name().toLowerCase() + "_pool"));
        }
        return BatchNormJson.namingVariance(list.setInputType(o.inputShape().toInputType()).build());
    }

    /** A new, initialised network. */
    @Override
    public MultiLayerNetwork init() {
        MultiLayerNetwork net = new MultiLayerNetwork(conf());
        net.init();
        return NativeHelpers.attach(net);
    }

    @Override
    public Class<MultiLayerNetwork> modelType() {
        return MultiLayerNetwork.class;
    }

    /** Spatial dropout or DropBlock (a spec has at most one of them) for a convolution of block 2. */
    private Optional<IDropout> secondBlockDropout(Layers layers) {
        Shape in = options().inputShape();
        return options().regularization().spatialDropoutLayer()
                .or(() -> layers.dropBlock(in.height() / 2, in.width() / 2, NAME + "'s second block"));
    }

    private static void add(NeuralNetConfiguration.ListBuilder list, List<Layer> layers) {
        layers.forEach(list::layer);
    }

    /** Builder for {@link SmallCnn}. */
    public static final class Builder extends ModelBuilder<Builder, SmallCnn> {
        private Builder() {
            super(NAME, DEFAULT_WIDTH);
        }

        /**
         * The shipped self-trained weights for this width with their normalizer and card (see MODEL_CARD.md);
         * input shape and classes default to the weights' own.
         *
         * @throws IllegalArgumentException when none are shipped for this width
         * @throws IllegalStateException    when the shipped file is damaged
         */
        public TrainedModel<MultiLayerNetwork> pretrained() {
            return buildForPretrained().pretrained();
        }

        @Override
        public double defaultDropout() {
            return DEFAULT_DROPOUT;
        }

        /** Channels-last: its max pooling at full resolution is several times faster so (docs/benchmarks.md). */
        @Override
        protected boolean channelsLastByDefault() {
            return true;
        }

        @Override
        protected int minInputSide() {
            return 4;
        }

        @Override
        protected SmallCnn create(ModelOptions options) {
            SmallCnn model = new SmallCnn(options);
            model.conf(); // lays the layers out, which checks the regularization against the feature maps
            return model;
        }
    }
}
