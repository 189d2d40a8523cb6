package dev.regzoo.recipes;

import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.zoo.RegularizationSpec;

/**
 * {@code fashion-baseline}: {@link FashionSmallCnn}'s model, data split, epochs, batch and seed with every
 * regularizer off (no weight decay, dropout, BatchNorm or augmentation) and Nesterov SGD (momentum 0.9) at a constant
 * learning rate of 0.01, early stopping's patience as long as the run, for contrast.
 */
public final class FashionBaseline {

    public static final String NAME = "fashion-baseline";

    private FashionBaseline() {
    }

    /** The recipe. */
    public static Recipe recipe() {
        Recipe regularized = FashionSmallCnn.recipe();
        int epochs = regularized.stopping().maxEpochs();
        return Recipe.builder().name(NAME)
                .description("SmallCnn on Fashion-MNIST with every regularizer off, for contrast")
                .model("smallcnn").dataset("fashion")
                .validationFraction(regularized.validationFraction()).trainLimit(0)
                .augmentation(AugmentationSpec.NONE)
                .regularization(RegularizationSpec.none())
                .optimizer(OptimizerSpec.builder().kind(OptimizerSpec.Kind.NESTEROV).learningRate(0.01).momentum(0.9)
                        .build())
                .schedule(ScheduleSpec.CONSTANT)
                .stopping(StoppingSpec.builder().monitor(StoppingSpec.Monitor.VAL_LOSS).patience(epochs).minDelta(0)
                        .maxEpochs(epochs).maxMinutes(0).build())
                .batchSize(regularized.batchSize()).seed(regularized.seed())
                .build();
    }

    public static void main(String[] args) {
        RecipeLauncher.launch(NAME, args);
    }
}
