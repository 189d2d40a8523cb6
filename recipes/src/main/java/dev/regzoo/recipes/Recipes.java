package dev.regzoo.recipes;

import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.zoo.RegularizationSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The named recipes, in one place. Each is also a class with a {@code main} (e.g. {@link FashionSmallCnn}) that runs
 * {@code regzoo train NAME} with the given command-line overrides.
 */
public final class Recipes {

    /**
     * Early stopping's patience in the Fashion-MNIST recipes: half of {@code epochs}. With a cosine schedule the
     * validation loss improves mostly in the decay (the 40-epoch smallcnn run went 17 epochs without a new best,
     * 7–23, at learning rates 0.047–0.020); the best epoch's model is kept whatever the patience.
     */
    static int fashionPatience(int epochs) {
        return Math.max(1, epochs / 2);
    }

    private static final Map<String, Supplier<Recipe>> RECIPES = new LinkedHashMap<>();

    static {
        RECIPES.put(FashionSmallCnn.NAME, FashionSmallCnn::recipe);
        RECIPES.put(FashionBaseline.NAME, FashionBaseline::recipe);
        RECIPES.put(FashionResNet18.NAME, FashionResNet18::recipe);
        RECIPES.put(FashionResNet18Narrow.NAME, FashionResNet18Narrow::recipe);
        RECIPES.put(FashionWrn16x2.NAME, FashionWrn16x2::recipe);
        RECIPES.put(FashionWrn16x2Long.NAME, FashionWrn16x2Long::recipe);
        RECIPES.put(ImageFolderSmallCnn.NAME, ImageFolderSmallCnn::recipe);
        RECIPES.put(ImageFolderResNet18.NAME, ImageFolderResNet18::recipe);
    }

    private Recipes() {
    }

    /** All recipe names. */
    public static List<String> names() {
        return List.copyOf(RECIPES.keySet());
    }

    /** All recipes, in registration order. */
    public static List<Recipe> all() {
        return RECIPES.values().stream().map(Supplier::get).toList();
    }

    /**
     * The named recipe.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Recipe get(String name) {
        Supplier<Recipe> recipe = RECIPES.get(name);
        if (recipe == null) {
            throw new IllegalArgumentException("recipe must be one of " + names() + ", got '" + name + "'");
        }
        return recipe.get();
    }

    /**
     * Shared choices of the Fashion-MNIST recipes, for {@code epochs} epochs: 10% validation,
     * {@link AugmentationSpec#STANDARD standard} augmentation, weight decay 5e-4 with the model's default dropout and
     * BatchNorm, Nesterov SGD (momentum 0.9) with one warm-up epoch and cosine decay to 0, early stopping on val loss
     * (min delta 1e-4) with a patience of {@link #fashionPatience half the epochs}, batch 128, seed 42. The caller
     * sets the name, description, model and learning rate.
     */
    static Recipe.Builder fashion(int epochs) {
        return Recipe.builder()
                .dataset("fashion").validationFraction(0.1).trainLimit(0)
                .augmentation(AugmentationSpec.STANDARD)
                .regularization(RegularizationSpec.builder().weightDecay(5e-4).build())
                .optimizer(OptimizerSpec.builder().kind(OptimizerSpec.Kind.NESTEROV).momentum(0.9).build())
                .schedule(ScheduleSpec.cosine().warmupEpochs(1).build())
                .stopping(StoppingSpec.builder().monitor(StoppingSpec.Monitor.VAL_LOSS)
                        .patience(fashionPatience(epochs)).minDelta(1e-4).maxEpochs(epochs).build())
                .batchSize(128).seed(42);
    }

    /**
     * A recipe for a user's own class folders ({@code --data-dir} required; images converted to
     * {@link Recipe#DEFAULT_FOLDER_INPUT} unless {@code --input} or a {@code --from} backbone says otherwise), with
     * the model, regularization, optimizer, schedule and stopping of {@code fashion}, all images, batch 64. The
     * caller sets the name and description.
     */
    static Recipe.Builder imageFolder(Recipe fashion) {
        return fashion.toBuilder().dataset("folder").trainLimit(0).batchSize(64);
    }
}
