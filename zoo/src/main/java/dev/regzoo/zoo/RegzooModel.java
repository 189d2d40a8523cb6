package dev.regzoo.zoo;

import dev.regzoo.cpu.NativeHelpers;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.zoo.ModelMetaData;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.ZooModel;
import org.deeplearning4j.zoo.ZooType;

/**
 * A regzoo model: an immutable description built by a {@link ModelBuilder}, and a DL4J {@link ZooModel}, so code
 * written against DL4J's zoo can use it. {@link #init()} returns a new, initialised network each time. Loading this
 * class switches on DL4J's oneDNN layer helpers ({@link NativeHelpers}).
 *
 * @param <T> the network type: {@code MultiLayerNetwork} or {@code ComputationGraph}
 */
public abstract class RegzooModel<T extends Model> extends ZooModel<T> {

    static {
        NativeHelpers.enable();
    }

    private final String name;
    private final ModelOptions options;

    protected RegzooModel(String name, ModelOptions options) {
        this.name = name;
        this.options = options;
    }

    /** A new network with initialised parameters. */
    @Override
    public abstract T init();

    /** The options this model was built with. */
    public ModelOptions options() {
        return options;
    }

    /** Keras-style summary: each layer or vertex, its output shape and parameter count, the total last. */
    public ModelSummary summary() {
        return ModelSummary.of(init(), options.inputShape());
    }

    /** The registry name, e.g. {@code smallcnn} or {@code resnet18}. */
    @Override
    public String modelName() {
        return name;
    }

    /** regzoo models are immutable: build another with the builder instead. */
    @Override
    public void setInputShape(int[][] inputShape) {
        throw new UnsupportedOperationException(
                "regzoo models are immutable: build a new one with builder().inputShape(c, h, w)");
    }

    /**
     * The shipped self-trained weights for this model and width ({@link PretrainedWeights}), checksum-verified, with
     * their normalizer. The network is the one saved (its configuration comes from the file, not from these options),
     * in the layout these options give ({@link ChannelsLast}: the same outputs, channels-last faster on the CPU); a
     * graph saved channels-last stays so.
     *
     * @throws IllegalArgumentException when none are shipped for this model and width, or they were trained for
     *                                  another input shape or class count than these options give
     * @throws IllegalStateException    when the shipped file is damaged
     */
    public TrainedModel<T> pretrained() {
        PretrainedWeights weights = PretrainedWeights.forModel(name, options.width());
        if (!weights.input().equals(options.inputShape())) {
            throw new IllegalArgumentException("pretrained weights " + weights.name() + " take input "
                    + weights.input() + ", got inputShape " + options.inputShape());
        }
        if (options.includeTop() && options.classes() != weights.classes().size()) {
            throw new IllegalArgumentException("pretrained weights " + weights.name() + " have "
                    + weights.classes().size() + " classes, got classes " + options.classes()
                    + " (fine-tune them for other classes: regzoo train ... --from pretrained:" + weights.name() + ")");
        }
        TrainedModel<T> saved = weights.load(modelType());
        Object network;
        if (options.channelsLast()) {
            network = saved.network() instanceof MultiLayerNetwork m ? ChannelsLast.convert(m)
                    : ChannelsLast.convert((ComputationGraph) saved.network());
        } else {
            network = saved.network() instanceof MultiLayerNetwork m ? ChannelsLast.toChannelsFirst(m)
                    : saved.network();
        }
        return new TrainedModel<>(modelType().cast(network), saved.normalizer(), saved.manifest());
    }

    /** The network of {@link #pretrained()}: DL4J's zoo entry point, no download. */
    @Override
    public T initPretrained() {
        return pretrained().network();
    }

    /** DL4J's pretrained types name other datasets; regzoo's weights are loaded with {@link #initPretrained()}. */
    @Override
    public boolean pretrainedAvailable(PretrainedType pretrainedType) {
        return false;
    }

    /** The network type, {@code MultiLayerNetwork} or {@code ComputationGraph}. */
    @Override
    public abstract Class<T> modelType();

    /** regzoo downloads nothing: its weights ship in the jar ({@link #initPretrained()}). */
    @Override
    public String pretrainedUrl(PretrainedType pretrainedType) {
        return null;
    }

    @Override
    public long pretrainedChecksum(PretrainedType pretrainedType) {
        return 0L;
    }

    /** @deprecated kept for DL4J's {@code InstantiableModel}; use {@link #options()}. */
    @Deprecated
    @Override
    public ModelMetaData metaData() {
        Shape s = options.inputShape();
        return new ModelMetaData(new int[][] {{s.channels(), s.height(), s.width()}}, 1, ZooType.CNN);
    }

    @Override
    public String toString() {
        return name + options;
    }
}
