package dev.regzoo.train;

import dev.regzoo.data.Datasets;
import dev.regzoo.data.ImageBatchIterator;
import dev.regzoo.data.ImageSource;
import dev.regzoo.data.Normalization;
import dev.regzoo.data.Split;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.zoo.ModelManifest;
import dev.regzoo.zoo.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * The data of one training run: the recipe's dataset, limited and split into train/validation (stratified, seeded),
 * a normalizer fitted on the training part, and iterators (augmentation on training only).
 *
 * @param opened     the dataset as opened
 * @param shape      network input shape
 * @param train      training batches: shuffled, augmented, normalized
 * @param validation validation batches: normalized
 * @param test       test batches, when the dataset has a test set
 * @param normalizer per-channel standardisation fitted on the training part
 * @param trainIndices the training images' indices in {@code opened.train()}
 * @param validationSize validation images
 */
record TrainingData(Datasets.Opened opened, Shape shape, ImageBatchIterator train, ImageBatchIterator validation,
                    Optional<ImageBatchIterator> test, NormalizerStandardize normalizer, int[] trainIndices,
                    int validationSize) implements RunData, AutoCloseable {

    static TrainingData prepare(Recipe recipe) {
        return prepare(recipe, 0);
    }

    /** As {@link #prepare(Recipe)}, with the training iterator starting at epoch {@code firstEpoch} (a resume). */
    static TrainingData prepare(Recipe recipe, int firstEpoch) {
        Shape folderShape = recipe.input() != null ? recipe.input() : Recipe.DEFAULT_FOLDER_INPUT;
        Datasets.Opened opened = Datasets.open(recipe.dataset(), recipe.dataDir(), folderShape);
        ImageSource source = opened.train();
        Shape shape = recipe.input() != null ? recipe.input() : source.shape();
        int[] labels = source.labels();
        int[] pool = limit(labels, recipe.trainLimit(), recipe.seed());
        int[] poolLabels = Arrays.stream(pool).map(i -> labels[i]).toArray();
        Split split = Split.stratified(poolLabels, recipe.validationFraction(), recipe.seed());
        int[] train = Arrays.stream(split.train()).map(i -> pool[i]).toArray();
        int[] validation = Arrays.stream(split.validation()).map(i -> pool[i]).toArray();
        if (train.length == 0 || validation.length == 0) {
            throw new IllegalArgumentException("the split leaves " + train.length + " training and " + validation.length
                    + " validation images (" + pool.length + " images, validation fraction "
                    + recipe.validationFraction() + "); use more images (--train-limit) or change --validation");
        }
        NormalizerStandardize normalizer = Normalization.fitStandardize(source, train, shape);
        ImageBatchIterator trainIt = ImageBatchIterator.builder(source).indices(train).shape(shape)
                .batchSize(recipe.batchSize()).shuffle(true).augmentation(recipe.augmentation())
                .preProcessor(normalizer).seed(recipe.seed()).firstEpoch(firstEpoch).build();
        ImageBatchIterator validationIt = evaluation(source, validation, shape, normalizer);
        Optional<ImageBatchIterator> testIt = opened.test().map(t -> evaluation(t, null, shape, normalizer));
        return new TrainingData(opened, shape, trainIt, validationIt, testIt, normalizer, train, validation.length);
    }

    /** Training images. */
    int trainSize() {
        return trainIndices.length;
    }

    @Override
    public int iterationsPerEpoch() {
        return (trainSize() + train.batch() - 1) / train.batch();
    }

    @Override
    public List<String> classNames() {
        return opened.train().classNames();
    }

    @Override
    public String summary() {
        return String.format("%s, %d train / %d validation images%s, input %s, batch %d", opened.location(),
                trainSize(), validationSize, test.map(t -> " / " + t.numExamples() + " test").orElse(""), shape,
                train.batch());
    }

    @Override
    public ModelManifest manifest(Recipe recipe) {
        return new ModelManifest(shape, classNames(), recipe.name(), opened.name(), recipe.dataDir());
    }

    private static ImageBatchIterator evaluation(ImageSource source, int[] indices, Shape shape,
                                                 NormalizerStandardize normalizer) {
        ImageBatchIterator.Builder b = ImageBatchIterator.builder(source).shape(shape).batchSize(256)
                .preProcessor(normalizer);
        if (indices != null) {
            b.indices(indices);
        }
        return b.build();
    }

    /** A stratified subset of about {@code limit} images, or all when {@code limit} is 0 or not smaller. */
    private static int[] limit(int[] labels, int limit, long seed) {
        if (limit == 0 || limit >= labels.length) {
            return java.util.stream.IntStream.range(0, labels.length).toArray();
        }
        return Split.stratified(labels, (double) limit / labels.length, seed + 1).validation();
    }

    @Override
    public void close() {
        train.close();
        validation.close();
        test.ifPresent(ImageBatchIterator::close);
    }
}
