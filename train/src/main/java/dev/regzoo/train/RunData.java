package dev.regzoo.train;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.zoo.ModelManifest;
import dev.regzoo.zoo.Shape;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * What the {@link Trainer}'s engine trains on: a recipe's dataset opened by name ({@link TrainingData}) or the
 * iterators a user hands to {@link Training} ({@link IteratorData}).
 */
interface RunData {

    /** Training batches, ready for the network. */
    DataSetIterator train();

    /** Validation batches, scored after every epoch. */
    DataSetIterator validation();

    /** Test batches the best model is evaluated on, if any. */
    Optional<? extends DataSetIterator> test();

    /** The input shape the model files record. */
    Shape shape();

    /** Class names, in label order. */
    List<String> classNames();

    /** The normalizer the model files carry, or null when the data has none. */
    NormalizerStandardize normalizer();

    /** Minibatches per training epoch. */
    int iterationsPerEpoch();

    /** The run's first line after the recipe's name: where the data is, how much, its shape and batches. */
    String summary();

    /** The manifest of the run's model files. */
    ModelManifest manifest(Recipe recipe);
}
