package dev.regzoo.recipes;

/**
 * {@code fashion-resnet18}: ResNet-18 (width 64) on Fashion-MNIST with BatchNorm, weight decay 5e-4, flip and
 * translation, Nesterov SGD (lr 0.1) with warm-up and cosine decay over 30 epochs. Slow on a CPU: see
 * {@link FashionResNet18Narrow}.
 */
public final class FashionResNet18 {

    public static final String NAME = "fashion-resnet18";

    private FashionResNet18() {
    }

    /** The recipe. */
    public static Recipe recipe() {
        return Recipes.fashion(30).name(NAME)
                .description("ResNet-18 (width 64) on Fashion-MNIST: weight decay, BatchNorm, flip + translate")
                .model("resnet18")
                .optimizer(o -> o.learningRate(0.1))
                .build();
    }

    public static void main(String[] args) {
        RecipeLauncher.launch(NAME, args);
    }
}
