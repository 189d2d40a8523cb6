package dev.regzoo.train;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.zoo.ModelManifest;
import dev.regzoo.zoo.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * A user's own iterators as the data of a run ({@link Training}): the input shape and class count come from the first
 * training batch, the minibatches per epoch from one pass over the training iterator, and the class names from the
 * iterator's labels when it has them ({@code "0"}, {@code "1"}, … otherwise). The iterators stay the user's: nothing
 * here closes them.
 *
 * @param train              training batches
 * @param validation         validation batches
 * @param test               test batches, if given
 * @param normalizer         the normalizer saved with the model files, or null
 * @param shape              input shape: {@code [batch, channels, height, width]} features give (channels, height,
 *                           width), {@code [batch, n]} features (1, 1, n)
 * @param classNames         class names, in label order
 * @param iterationsPerEpoch training minibatches per epoch
 * @param trainSize          training examples per epoch
 */
record IteratorData(DataSetIterator train, DataSetIterator validation, Optional<DataSetIterator> test,
                    NormalizerStandardize normalizer, Shape shape, List<String> classNames, int iterationsPerEpoch,
                    int trainSize) implements RunData {

    /** The dataset name model files of such runs record. */
    static final String DATASET = "iterators";

    /**
     * Reads the shape and classes from the first training batch and counts the training batches.
     *
     * @throws IllegalArgumentException naming the iterator when one cannot be reset, is empty, or holds features or
     *                                  labels of another rank than a classifier of images or vectors takes
     */
    static IteratorData inspect(DataSetIterator train, DataSetIterator validation, Optional<DataSetIterator> test,
                                NormalizerStandardize normalizer) {
        checkResettable("training", train);
        checkResettable("validation", validation);
        test.ifPresent(t -> checkResettable("test", t));
        train.reset();
        if (!train.hasNext()) {
            throw new IllegalArgumentException("data: the training iterator has no batches");
        }
        DataSet first = train.next();
        Shape shape = shape(first.getFeatures());
        INDArray labels = first.getLabels();
        if (labels == null || labels.rank() != 2) {
            throw new IllegalArgumentException("data: labels must be one-hot [batch, classes], got shape "
                    + (labels == null ? "none" : Arrays.toString(labels.shape())));
        }
        int classes = (int) labels.size(1);
        int batches = 1;
        int examples = first.numExamples();
        while (train.hasNext()) {
            examples += train.next().numExamples();
            batches++;
        }
        train.reset();
        return new IteratorData(train, validation, test, normalizer, shape, classNames(train.getLabels(), classes),
                batches, examples);
    }

    private static void checkResettable(String which, DataSetIterator iterator) {
        if (!iterator.resetSupported()) {
            throw new IllegalArgumentException("data: the " + which + " iterator (" + iterator.getClass()
                    .getSimpleName() + ") cannot be reset, and every epoch reads it again");
        }
    }

    private static Shape shape(INDArray features) {
        long[] s = features.shape();
        if (s.length == 4) {
            return new Shape((int) s[1], (int) s[2], (int) s[3]);
        }
        if (s.length == 2) {
            return new Shape(1, 1, (int) s[1]);
        }
        throw new IllegalArgumentException("data: features must be images [batch, channels, height, width] or "
                + "vectors [batch, n], got shape " + Arrays.toString(s));
    }

    private static List<String> classNames(List<String> labels, int classes) {
        return labels != null && labels.size() == classes ? List.copyOf(labels)
                : IntStream.range(0, classes).mapToObj(Integer::toString).toList();
    }

    @Override
    public String summary() {
        return String.format("your iterators, %d training examples in %d batches, %d classes, input %s", trainSize,
                iterationsPerEpoch, classNames.size(), shape);
    }

    @Override
    public ModelManifest manifest(Recipe recipe) {
        return new ModelManifest(shape, classNames, recipe.name(), DATASET, null);
    }
}
