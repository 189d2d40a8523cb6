package dev.regzoo.recipes;


/**
 * {@code fashion-smallcnn}: SmallCnn on Fashion-MNIST with BatchNorm, head dropout 0.5 (0.25 before the dense layer),
 * decoupled weight decay 5e-4, horizontal flip (p 0.5) and ±2 px translation, Nesterov SGD (lr 0.05, momentum 0.9)
 * with one warm-up epoch and cosine decay over 40 epochs, batch 128, early stopping on validation loss (patience 10).
 */
public final class FashionSmallCnn {

    public static final String NAME = "fashion-smallcnn";

    private FashionSmallCnn() {
    }

    public static Recipe recipe() {
        return Recipes.fashion(NAME, "SmallCnn on Fashion-MNIST: weight decay, dropout, BatchNorm, flip + translate",
                "smallcnn", null, 0.05, 40);
    }

    /** Runs {@code regzoo train fashion-smallcnn} with {@code args} as overrides, e.g. {@code --epochs 5}. */
    public static void main(String[] args) {
        RecipeLauncher.launch(NAME, args);
    }
}
