package dev.regzoo.recipes;

/**
 * {@code fashion-wrn16-2}: the narrow Wide ResNet WRN-16-2 (Zagoruyko and Komodakis 2016; 691,386 trainable
 * parameters at 1×28×28) on Fashion-MNIST with {@link FashionResNet18}'s choices: weight decay 5e-4, BatchNorm, flip
 * and translation, Nesterov SGD (lr 0.1) with warm-up and cosine decay over 30 epochs. It trains on 2 CPU cores;
 * {@code --dropout 0.3} adds the paper's dropout between each block's convolutions.
 */
public final class FashionWrn16x2 {

    public static final String NAME = "fashion-wrn16-2";

    private FashionWrn16x2() {
    }

    /** The recipe. */
    public static Recipe recipe() {
        return FashionResNet18.recipe().toBuilder().name(NAME)
                .description("WRN-16-2 (Wide ResNet, 0.7M parameters) on Fashion-MNIST, for CPUs")
                .model("wrn16_2")
                .build();
    }

    public static void main(String[] args) {
        RecipeLauncher.launch(NAME, args);
    }
}
