package com.example.consumer;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.Recipes;
import dev.regzoo.train.Training;
import dev.regzoo.train.TrainingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Trains with regzoo's Java API ({@code regzoo-train}) on your own {@link DataSetIterator}s: the fashion-smallcnn
 * recipe's SmallCnn, early stopping and best model, on a few generated 28×28 images of three classes.
 */
public final class TrainingExample {

    /** Classes of the generated images: a bright band at the top, middle or bottom. */
    static final int CLASSES = 3;

    private TrainingExample() {
    }

    /** Trains the recipe's model for at most 3 epochs (patience 1), writing the run into {@code runFolder}. */
    public static TrainingResult trainOnGeneratedData(Path runFolder) {
        Recipe recipe = Recipes.get("fashion-smallcnn");
        recipe = recipe.toBuilder().stopping(s -> s.maxEpochs(3).patience(1)).build();
        return Training.of(recipe)
                .data(images(48, 1), images(24, 2))
                .runFolder(runFolder)
                .fit();
    }

    /** {@code n} images [1, 28, 28] in minibatches of 16, labels one-hot. */
    static DataSetIterator images(int n, long seed) {
        Random random = new Random(seed);
        List<DataSet> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = i % CLASSES;
            INDArray image = Nd4j.rand(new int[] {1, 1, 28, 28}).muli(0.3);
            int top = 2 + label * 9 + random.nextInt(3);
            image.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(top, top + 4), NDArrayIndex.all())
                    .addi(1);
            examples.add(new DataSet(image, Nd4j.zeros(1, CLASSES).putScalar(label, 1)));
        }
        return new ListDataSetIterator<>(examples, 16);
    }

    public static void main(String[] args) {
        TrainingResult result = trainOnGeneratedData(Path.of("runs", "consumer-example"));
        System.out.printf("Best epoch %d of %d, validation loss %.4f; %s%n", result.bestEpoch(),
                result.history().size(), result.bestScore(), result.runFolder());
    }
}
