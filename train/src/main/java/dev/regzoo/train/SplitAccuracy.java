package dev.regzoo.train;

import dev.regzoo.data.ImageBatchIterator;
import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.zoo.ModelFiles;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.nd4j.evaluation.classification.Evaluation;

/**
 * A saved model's accuracy on its recipe's training split (without augmentation) and on the test set: the two ends
 * of the train–test gap that regularization is meant to close.
 *
 * @param train accuracy on the training images the recipe trained on
 * @param test  accuracy on the test set
 */
public record SplitAccuracy(double train, double test) {

    /** The train–test gap, {@code train - test}. */
    public double gap() {
        return train - test;
    }

    /**
     * Evaluates {@code modelFile} on the splits {@code recipe} makes.
     *
     * @throws IllegalArgumentException when the recipe's dataset has no test set
     */
    public static SplitAccuracy of(Recipe recipe, Path modelFile) {
        Recipe plain = recipe.toBuilder().augmentation(AugmentationSpec.NONE).build();
        try (TrainingData data = TrainingData.prepare(plain)) {
            ImageBatchIterator test = data.test().orElseThrow(() -> new IllegalArgumentException(
                    data.opened().location() + " has no test set"));
            NeuralNetwork model = (NeuralNetwork) ModelFiles.load(modelFile, false);
            return new SplitAccuracy(accuracy(model, data.train()), accuracy(model, test));
        }
    }

    private static double accuracy(NeuralNetwork model, ImageBatchIterator data) {
        return model.doEvaluation(data, new Evaluation())[0].accuracy();
    }
}
