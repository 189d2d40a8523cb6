package dev.regzoo.recipes;

import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.zoo.RegularizationSpec;

/**
 * {@code fashion-baseline}: {@link FashionSmallCnn}'s model and optimizer with every regularizer off (no weight
 * decay, dropout, BatchNorm or augmentation, constant learning rate, patience as long as the run), for contrast.
 */
public final class FashionBaseline {

    public static final String NAME = "fashion-baseline";

    private FashionBaseline() {
    }

    public static Recipe recipe() {
        Recipe regularized = FashionSmallCnn.recipe();
        int epochs = regularized.stopping().maxEpochs();
        return new Recipe(NAME, "SmallCnn on Fashion-MNIST with every regularizer off, for contrast", "smallcnn", null,
                null, "fashion", null, null, regularized.validationFraction(), 0, AugmentationSpec.NONE,
                RegularizationSpec.none(), new OptimizerSpec(OptimizerSpec.Kind.NESTEROV, 0.01, 0.9),
                ScheduleSpec.CONSTANT, new StoppingSpec(StoppingSpec.Monitor.VAL_LOSS, epochs, 0, epochs, 0),
                regularized.batchSize(), regularized.seed(), null);
    }

    public static void main(String[] args) {
        RecipeLauncher.launch(NAME, args);
    }
}
