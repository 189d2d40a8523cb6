package dev.regzoo.recipes;

/**
 * {@code fashion-smallcnn}: SmallCnn on Fashion-MNIST with BatchNorm, head dropout 0.5 (0.25 before the dense layer),
 * decoupled weight decay 5e-4, horizontal flip (p 0.5) and ±2 px translation, Nesterov SGD (lr 0.05, momentum 0.9)
 * with one warm-up epoch and cosine decay over 40 epochs, batch 128, seed 42, early stopping on validation loss
 * (patience 20, min delta 1e-4). The other choices are those of every Fashion-MNIST recipe ({@link Recipes}).
 */
public final class FashionSmallCnn {

    public static final String NAME = "fashion-smallcnn";

    private FashionSmallCnn() {
    }

    /** The recipe. */
    public static Recipe recipe() {
        return Recipes.fashion(40).name(NAME)
                .description("SmallCnn on Fashion-MNIST: weight decay, dropout, BatchNorm, flip + translate")
                .model("smallcnn")
                .optimizer(o -> o.learningRate(0.05))
                .build();
    }

    public static void main(String[] args) {
        RecipeLauncher.launch(NAME, args);
    }
}
