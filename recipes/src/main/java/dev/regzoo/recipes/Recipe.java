package dev.regzoo.recipes;

import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.zoo.RegularizationSpec;
import dev.regzoo.zoo.Shape;
import java.nio.file.Path;

/**
 * A training recipe: every choice that decides how a model is trained, in one immutable value. Named recipes live in
 * {@link Recipes}; {@link #toBuilder()} derives variants (the CLI's overrides).
 *
 * @param name               registry name, e.g. {@code fashion-smallcnn}
 * @param description        one line for {@code regzoo list}
 * @param model              zoo model name, e.g. {@code smallcnn}
 * @param width              model width, or null for the model's default
 * @param channelsLast       build the model channels-last ({@code ModelBuilder.channelsLast}), or null for the
 *                           model's default layout; not true with a transfer or spatial dropout
 * @param dataset            {@code fashion}, {@code mnist} or {@code folder}
 * @param dataDir            where the data is (required for {@code folder}), or null for the default lookup
 * @param input              input shape, or null for the dataset's own (folders: 3×64×64)
 * @param validationFraction fraction of each class held out for validation, in (0, 1)
 * @param trainLimit         use only this many training images (stratified, before the split), 0 = all
 * @param augmentation       training-time augmentation
 * @param regularization     L1/L2/weight decay, dropout, BatchNorm
 * @param optimizer          optimizer and base learning rate
 * @param schedule           learning-rate schedule and ReduceLROnPlateau
 * @param stopping           early stopping and limits
 * @param batchSize          images per minibatch, at least 1
 * @param seed               seed of weights, split, shuffling, augmentation and dropout
 * @param transfer           fine-tune from a trained network instead of random weights, or null
 */
public record Recipe(String name, String description, String model, Integer width, Boolean channelsLast,
                     String dataset, Path dataDir,
                     Shape input, double validationFraction, int trainLimit, AugmentationSpec augmentation,
                     RegularizationSpec regularization, OptimizerSpec optimizer, ScheduleSpec schedule,
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
        if (optimizer.kind() == OptimizerSpec.Kind.ADAMW && regularization.weightDecay() == 0) {
            throw new IllegalArgumentException("optimizer adamw needs a weight decay > 0 (it is Adam with decoupled "
                    + "weight decay); set --weight-decay");
        }
    }

    /** A builder holding this recipe's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builder for variants of a recipe; {@link #build()} validates. */
    public static final class Builder {
        private String name;
        private String description;
        private String model;
        private Integer width;
        private Boolean channelsLast;
        private String dataset;
        private Path dataDir;
        private Shape input;
        private double validationFraction;
        private int trainLimit;
        private AugmentationSpec augmentation;
        private RegularizationSpec regularization;
        private OptimizerSpec optimizer;
        private ScheduleSpec schedule;
        private StoppingSpec stopping;
        private int batchSize;
        private long seed;
        private Transfer transfer;

        private Builder(Recipe r) {
            name = r.name;
            description = r.description;
            model = r.model;
            width = r.width;
            channelsLast = r.channelsLast;
            dataset = r.dataset;
            dataDir = r.dataDir;
            input = r.input;
            validationFraction = r.validationFraction;
            trainLimit = r.trainLimit;
            augmentation = r.augmentation;
            regularization = r.regularization;
            optimizer = r.optimizer;
            schedule = r.schedule;
            stopping = r.stopping;
            batchSize = r.batchSize;
            seed = r.seed;
            transfer = r.transfer;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder dataset(String dataset) {
            this.dataset = dataset;
            return this;
        }

        public Builder width(Integer width) {
            this.width = width;
            return this;
        }

        /** Channels-last or channels-first; null (the default) leaves the model's own default. */
        public Builder channelsLast(Boolean channelsLast) {
            this.channelsLast = channelsLast;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder input(Shape input) {
            this.input = input;
            return this;
        }

        public Builder validationFraction(double fraction) {
            this.validationFraction = fraction;
            return this;
        }

        public Builder trainLimit(int trainLimit) {
            this.trainLimit = trainLimit;
            return this;
        }

        public Builder augmentation(AugmentationSpec augmentation) {
            this.augmentation = augmentation;
            return this;
        }

        public Builder regularization(RegularizationSpec regularization) {
            this.regularization = regularization;
            return this;
        }

        public Builder optimizer(OptimizerSpec optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        public Builder schedule(ScheduleSpec schedule) {
            this.schedule = schedule;
            return this;
        }

        public Builder stopping(StoppingSpec stopping) {
            this.stopping = stopping;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Fine-tune from a trained network (null: train from random weights). */
        public Builder transfer(Transfer transfer) {
            this.transfer = transfer;
            return this;
        }

        /** @throws IllegalArgumentException naming the offending field */
        public Recipe build() {
            return new Recipe(name, description, model, width, channelsLast, dataset, dataDir, input,
                    validationFraction,
                    trainLimit, augmentation, regularization, optimizer, schedule, stopping, batchSize, seed, transfer);
        }
    }
}
