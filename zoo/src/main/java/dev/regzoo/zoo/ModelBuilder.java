package dev.regzoo.zoo;

import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The options every zoo model shares, in the spirit of Keras Applications, with defaults that work as they are.
 * Only {@link #inputShape} and (with a classifier head) {@link #classes} have to be given.
 *
 * @param <B> the concrete builder, so that chained calls keep its type
 * @param <M> the model it builds
 */
public abstract class ModelBuilder<B extends ModelBuilder<B, M>, M extends RegzooModel<?>> {

    private final String modelName;
    private final int defaultWidth;
    private Shape inputShape;
    private int classes;
    private boolean includeTop = true;
    private Pooling pooling = Pooling.AVG;
    private Integer width;
    private long seed = 42;
    private IUpdater updater = new Adam(1e-3);
    private WeightInitScheme weightInit = WeightInitScheme.ZOO_DEFAULT;
    private RegularizationSpec regularization = RegularizationSpec.defaults();
    private DataType dataType = DataType.FLOAT;
    private Boolean channelsLast;
    private int trainingIterations;

    protected ModelBuilder(String modelName, int defaultWidth) {
        this.modelName = modelName;
        this.defaultWidth = defaultWidth;
    }

    /** The input image shape, channels first. Required. */
    public B inputShape(int channels, int height, int width) {
        return inputShape(new Shape(channels, height, width));
    }

    /** The input image shape. Required. */
    public B inputShape(Shape shape) {
        this.inputShape = Check.notNull("input shape", shape);
        return self();
    }

    /** Number of classes, at least 2. Required unless {@code includeTop(false)}. */
    public B classes(int classes) {
        this.classes = classes;
        return self();
    }

    /** Whether to end in a softmax classifier (default true); false ends in global pooling, a feature extractor. */
    public B includeTop(boolean includeTop) {
        this.includeTop = includeTop;
        return self();
    }

    /** Global pooling type of the pooling head (default {@link Pooling#AVG}). */
    public B pooling(Pooling pooling) {
        this.pooling = Check.notNull("pooling", pooling);
        return self();
    }

    /** Channels of the first stage (default: the model's own, see its Javadoc). At least 1. */
    public B width(int width) {
        this.width = width;
        return self();
    }

    /** Random seed for weight initialisation and dropout (default 42). */
    public B seed(long seed) {
        this.seed = seed;
        return self();
    }

    /** The optimizer (default {@code Adam(1e-3)}); training recipes normally set their own. */
    public B updater(IUpdater updater) {
        this.updater = Check.notNull("updater", updater).clone();
        return self();
    }

    /**
     * One weight initialisation for every weight layer (default {@link WeightInitScheme#ZOO_DEFAULT}: He-normal
     * convolutions, U(±1/√fan_in) dense layers).
     */
    public B weightInit(WeightInit weightInit) {
        return weightInit(WeightInitScheme.everywhere(weightInit));
    }

    /** Weight initialisation by layer kind (default {@link WeightInitScheme#ZOO_DEFAULT}). */
    public B weightInit(WeightInitScheme scheme) {
        this.weightInit = Check.notNull("weight init", scheme);
        return self();
    }

    /**
     * Regularization (default {@link RegularizationSpec#defaults()}).
     *
     * @throws IllegalArgumentException for drop path on a model without residual branches
     */
    public B regularization(RegularizationSpec regularization) {
        Check.notNull("regularization", regularization);
        if (regularization.dropPath() > 0 && !hasResidualBranches()) {
            throw new IllegalArgumentException("drop path " + regularization.dropPath() + " drops residual branches, "
                    + "which " + modelName + " has none of; allowed for it: 0 (the ResNets take drop path)");
        }
        this.regularization = regularization;
        return self();
    }

    /** Parameter precision (default {@link DataType#FLOAT}; DOUBLE for gradient checks). */
    public B dataType(DataType dataType) {
        this.dataType = Check.notNull("data type", dataType);
        return self();
    }

    /**
     * Whether the layers compute in channels-last (NHWC) layout (default: the model's own, see
     * {@link #channelsLastByDefault()}). Both layouts compute the same function on the same weights, and the model
     * takes channels-first input either way (a {@link ChannelsLastPreProcessor} converts it); on the CPU, oneDNN has
     * fast NHWC pooling kernels but only a slow NCHW loop, so models with max pooling train and infer faster
     * channels-last (docs/benchmarks.md). Not with spatial dropout, which DL4J 1.0.0-M2.1 implements for
     * channels-first layers only.
     */
    public B channelsLast(boolean channelsLast) {
        this.channelsLast = channelsLast;
        return self();
    }

    /**
     * The planned length of training in minibatch iterations (epochs × minibatches per epoch), for the regularizers
     * scheduled over training: DropBlock's drop rate rises linearly from 0 to its target over it (Ghiasi et al.).
     * Default 0: not known, DropBlock drops at its full rate from the start. regzoo's trainer sets it.
     */
    public B trainingIterations(int iterations) {
        this.trainingIterations = Check.atLeast("training iterations", iterations, 0);
        return self();
    }

    /**
     * The drop probability of the model's dropout when {@link RegularizationSpec#dropout()} leaves it to the model;
     * 0 for models without a dropout of their own.
     */
    public double defaultDropout() {
        return 0;
    }

    /**
     * Whether the model has residual branches, which drop path ({@link RegularizationSpec#dropPath()}) drops; models
     * without refuse drop path in {@link #regularization(RegularizationSpec)}.
     */
    public boolean hasResidualBranches() {
        return false;
    }

    /**
     * The layout a model computes in when {@link #channelsLast(boolean)} is not called: channels-last where the model
     * is faster so on the CPU; channels-first otherwise, and always with spatial dropout.
     */
    protected boolean channelsLastByDefault() {
        return false;
    }

    /**
     * Validates the options and builds the model.
     *
     * @throws IllegalArgumentException naming the option, its value and the valid range
     */
    public final M build() {
        return build(inputShape, classes);
    }

    /**
     * Builds the model for its shipped weights ({@link PretrainedWeights#forModel}): input shape and classes default
     * to the weights' own; subclasses return {@code build...().pretrained()} typed.
     *
     * @throws IllegalArgumentException when no weights are shipped for this model and width
     */
    protected final M buildForPretrained() {
        PretrainedWeights weights = PretrainedWeights.forModel(registryName(), resolvedWidth());
        return build(inputShape == null ? weights.input() : inputShape,
                classes == 0 && includeTop ? weights.classes().size() : classes);
    }

    private M build(Shape inputShape, int classes) {
        Check.notNull("input shape (e.g. inputShape(1, 28, 28))", inputShape);
        if (includeTop) {
            Check.atLeast("classes", classes, 2);
        }
        int resolvedWidth = resolvedWidth();
        int minSide = minInputSide();
        if (inputShape.minSide() < minSide) {
            throw new IllegalArgumentException("input shape " + inputShape + " is too small for " + registryName()
                    + ": height and width must be at least " + minSide + " (the network downsamples by " + minSide
                    + ")");
        }
        boolean spatialDropout = regularization.spatialDropoutLayer().isPresent();
        if (Boolean.TRUE.equals(channelsLast) && spatialDropout) {
            throw new IllegalArgumentException("channelsLast(true) cannot be combined with spatial dropout: DL4J "
                    + "1.0.0-M2.1's SpatialDropout drops channels-first channels only; turn one of them off");
        }
        return create(new ModelOptions(inputShape, includeTop ? classes : 0, includeTop, pooling, resolvedWidth, seed,
                updater, weightInit, regularization, dataType,
                channelsLast == null ? channelsLastByDefault() && !spatialDropout : channelsLast,
                trainingIterations));
    }

    private int resolvedWidth() {
        return Check.atLeast("width", width == null ? defaultWidth() : width, 1);
    }

    /** The width a model gets when {@link #width(int)} is not called: the one given to the constructor. */
    protected int defaultWidth() {
        return defaultWidth;
    }

    /** The name of the model this builder builds, as in {@link ModelRegistry}. */
    protected String registryName() {
        return modelName;
    }

    /** The smallest input height/width the network's downsampling can take. */
    protected abstract int minInputSide();

    /** Builds the model from validated options. */
    protected abstract M create(ModelOptions options);

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
