package dev.regzoo.recipes;

import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.data.labels.SoftLabelSpec;
import dev.regzoo.zoo.ModelRegistry;
import dev.regzoo.zoo.RegularizationSpec;
import dev.regzoo.zoo.Shape;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.weights.WeightInit;

/**
 * A training recipe: every choice that decides how a model is trained, in one immutable value. Named recipes live in
 * {@link Recipes}; {@link #builder()} builds new ones, {@link #toBuilder()} derives variants (the CLI's overrides),
 * and {@link RecipeFiles} reads and writes them as JSON.
 *
 * @param name               registry name, e.g. {@code fashion-smallcnn}
 * @param description        one line for {@code regzoo list}
 * @param model              zoo model name, e.g. {@code smallcnn}
 * @param width              model width, or null for the model's default
 * @param channelsLast       build the model channels-last ({@code ModelBuilder.channelsLast}), or null for the
 *                           model's default layout; not true with a transfer or spatial dropout
 * @param weightInit         DL4J's weight initialisation for every weight layer ({@code ModelBuilder.weightInit}), or
 *                           null for the model's own scheme
 * @param dataset            {@code fashion}, {@code mnist} or {@code folder}
 * @param dataDir            where the data is (required for {@code folder}), or null for the default lookup
 * @param input              input shape, or null for the dataset's own (folders: 3×64×64)
 * @param validationFraction fraction of each class held out for validation, in (0, 1)
 * @param trainLimit         use only this many training images (stratified, before the split), 0 = all
 * @param augmentation       training-time augmentation
 * @param regularization     L1/L2/weight decay, dropout, BatchNorm, DropBlock, drop path (refused for models
 *                           without residual blocks), gradient clipping
 * @param softLabels         label smoothing, mixup and CutMix of the training batches
 * @param ema                the exponential moving average of the weights that is validated and kept, if on
 * @param optimizer          optimizer and base learning rate
 * @param schedule           learning-rate schedule and ReduceLROnPlateau
 * @param stopping           early stopping and limits
 * @param batchSize          images per minibatch, at least 1
 * @param seed               seed of weights, split, shuffling, augmentation and dropout
 * @param transfer           fine-tune from a trained network instead of random weights, or null
 */
public record Recipe(String name, String description, String model, Integer width, Boolean channelsLast,
                     WeightInit weightInit, String dataset, Path dataDir,
                     Shape input, double validationFraction, int trainLimit, AugmentationSpec augmentation,
                     RegularizationSpec regularization, SoftLabelSpec softLabels, EmaSpec ema,
                     OptimizerSpec optimizer, ScheduleSpec schedule,
                     StoppingSpec stopping, int batchSize, long seed, Transfer transfer) {

    /** Folder datasets are converted to this shape unless the recipe says otherwise. */
    public static final Shape DEFAULT_FOLDER_INPUT = new Shape(3, 64, 64);

    public Recipe {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validationFraction);
        }
        if (trainLimit < 0) {
            throw new IllegalArgumentException("train limit must be >= 0 (0 = all images), got " + trainLimit);
        }
        if (Boolean.TRUE.equals(channelsLast) && transfer != null) {
            throw new IllegalArgumentException("--channels-last cannot be used with --from: a fine-tuned network "
                    + "keeps the layout it was trained in");
        }
        if (Boolean.TRUE.equals(channelsLast) && regularization.spatialDropout() > 0) {
            throw new IllegalArgumentException("--channels-last cannot be used with spatial dropout: DL4J "
                    + "1.0.0-M2.1's SpatialDropout drops channels-first channels only");
        }
        if (regularization.dropPath() > 0 && transfer == null) {
            ModelRegistry.builder(model).regularization(regularization); // refuses drop path without residual blocks
        }
        if (optimizer.kind() == OptimizerSpec.Kind.ADAMW && regularization.weightDecay() == 0) {
            throw new IllegalArgumentException("optimizer adamw needs a weight decay > 0 (it is Adam with decoupled "
                    + "weight decay); set --weight-decay");
        }
    }

    /**
     * A builder with no name, model or dataset (set them), and otherwise: the model's default width and layout, the
     * dataset's default location and input shape, validation fraction 0.1, all training images, no augmentation,
     * {@link RegularizationSpec#defaults()}, hard labels, no EMA, {@link OptimizerSpec#builder()}'s optimizer, a
     * {@link ScheduleSpec#CONSTANT constant} learning rate, {@link StoppingSpec#builder()}'s stopping, batch 128,
     * seed 42 and no transfer.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this recipe's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builder for recipes and their variants; {@link #build()} validates. */
    public static final class Builder {
        private String name;
        private String description = "";
        private String model;
        private Integer width;
        private Boolean channelsLast;
        private WeightInit weightInit;
        private String dataset;
        private Path dataDir;
        private Shape input;
        private double validationFraction = 0.1;
        private int trainLimit;
        private AugmentationSpec augmentation = AugmentationSpec.NONE;
        private RegularizationSpec regularization = RegularizationSpec.defaults();
        private SoftLabelSpec softLabels = SoftLabelSpec.NONE;
        private EmaSpec ema = EmaSpec.OFF;
        private OptimizerSpec optimizer = OptimizerSpec.builder().build();
        private ScheduleSpec schedule = ScheduleSpec.CONSTANT;
        private StoppingSpec stopping = StoppingSpec.builder().build();
        private int batchSize = 128;
        private long seed = 42;
        private Transfer transfer;

        private Builder() {
        }

        private Builder(Recipe r) {
            name = r.name;
            description = r.description;
            model = r.model;
            width = r.width;
            channelsLast = r.channelsLast;
            weightInit = r.weightInit;
            dataset = r.dataset;
            dataDir = r.dataDir;
            input = r.input;
            validationFraction = r.validationFraction;
            trainLimit = r.trainLimit;
            augmentation = r.augmentation;
            regularization = r.regularization;
            softLabels = r.softLabels;
            ema = r.ema;
            optimizer = r.optimizer;
            schedule = r.schedule;
            stopping = r.stopping;
            batchSize = r.batchSize;
            seed = r.seed;
            transfer = r.transfer;
        }

        /** Registry name, e.g. {@code fashion-smallcnn}. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** One line for {@code regzoo list}. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** Zoo model name, e.g. {@code smallcnn}. */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /** Model width; null (the default) leaves the model's own. */
        public Builder width(Integer width) {
            this.width = width;
            return this;
        }

        /** Channels-last or channels-first; null (the default) leaves the model's own default. */
        public Builder channelsLast(Boolean channelsLast) {
            this.channelsLast = channelsLast;
            return this;
        }

        /** Weight initialisation of every weight layer; null (the default) leaves the model's own scheme. */
        public Builder weightInit(WeightInit weightInit) {
            this.weightInit = weightInit;
            return this;
        }

        /** {@code fashion}, {@code mnist} or {@code folder}. */
        public Builder dataset(String dataset) {
            this.dataset = dataset;
            return this;
        }

        /** Where the data is; null (the default) for the dataset's default lookup. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Input shape; null (the default) for the dataset's own. */
        public Builder input(Shape input) {
            this.input = input;
            return this;
        }

        /** Fraction of each class held out for validation, in (0, 1); default 0.1. */
        public Builder validationFraction(double fraction) {
            this.validationFraction = fraction;
            return this;
        }

        /** Use only this many training images, 0 (the default) for all. */
        public Builder trainLimit(int trainLimit) {
            this.trainLimit = trainLimit;
            return this;
        }

        /** Training-time augmentation; default none. */
        public Builder augmentation(AugmentationSpec augmentation) {
            this.augmentation = augmentation;
            return this;
        }

        /** Regularization; default {@link RegularizationSpec#defaults()}. */
        public Builder regularization(RegularizationSpec regularization) {
            this.regularization = regularization;
            return this;
        }

        /** Changes the regularization, e.g. {@code regularization(r -> r.dropout(0.3))}. */
        public Builder regularization(UnaryOperator<RegularizationSpec.Builder> change) {
            return regularization(change.apply(regularization.toBuilder()).build());
        }

        /** Label smoothing, mixup and CutMix of the training batches; default {@link SoftLabelSpec#NONE}. */
        public Builder softLabels(SoftLabelSpec softLabels) {
            this.softLabels = softLabels;
            return this;
        }

        /** Changes the soft labels, e.g. {@code softLabels(l -> l.smoothing(0.1))}. */
        public Builder softLabels(UnaryOperator<SoftLabelSpec.Builder> change) {
            return softLabels(change.apply(softLabels.toBuilder()).build());
        }

        /** The EMA of the weights; default {@link EmaSpec#OFF}. */
        public Builder ema(EmaSpec ema) {
            this.ema = ema;
            return this;
        }

        /** Changes the EMA, e.g. {@code ema(e -> e.decay(0.999))}. */
        public Builder ema(UnaryOperator<EmaSpec.Builder> change) {
            return ema(change.apply(ema.toBuilder()).build());
        }

        /** The optimizer; default {@link OptimizerSpec#builder()}'s. */
        public Builder optimizer(OptimizerSpec optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /** Changes the optimizer, e.g. {@code optimizer(o -> o.learningRate(0.1))}. */
        public Builder optimizer(UnaryOperator<OptimizerSpec.Builder> change) {
            return optimizer(change.apply(optimizer.toBuilder()).build());
        }

        /** The learning-rate schedule; default constant. */
        public Builder schedule(ScheduleSpec schedule) {
            this.schedule = schedule;
            return this;
        }

        /** Changes the schedule, e.g. {@code schedule(s -> s.warmupEpochs(2))}. */
        public Builder schedule(UnaryOperator<ScheduleSpec.Builder> change) {
            return schedule(change.apply(schedule.toBuilder()).build());
        }

        /** Early stopping and limits; default {@link StoppingSpec#builder()}'s. */
        public Builder stopping(StoppingSpec stopping) {
            this.stopping = stopping;
            return this;
        }

        /** Changes the stopping, e.g. {@code stopping(s -> s.maxEpochs(5))}. */
        public Builder stopping(UnaryOperator<StoppingSpec.Builder> change) {
            return stopping(change.apply(stopping.toBuilder()).build());
        }

        /** Images per minibatch, at least 1; default 128. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Seed of weights, split, shuffling, augmentation and dropout; default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Fine-tune from a trained network (null, the default: train from random weights). */
        public Builder transfer(Transfer transfer) {
            this.transfer = transfer;
            return this;
        }

        /** @throws IllegalArgumentException naming the offending field */
        public Recipe build() {
            return new Recipe(name, description, model, width, channelsLast, weightInit, dataset, dataDir, input,
                    validationFraction, trainLimit, augmentation, regularization, softLabels, ema, optimizer, schedule,
                    stopping, batchSize, seed, transfer);
        }
    }
}
