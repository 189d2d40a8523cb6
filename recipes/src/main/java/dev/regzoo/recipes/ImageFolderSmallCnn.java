package dev.regzoo.recipes;

/**
 * {@code imagefolder-smallcnn}: SmallCnn on a user's own class folders ({@code --data-dir} required), images
 * converted to 3×64×64 (change with {@code --input}), with {@code fashion-smallcnn}'s regularization and schedule over
 * 40 epochs (patience 20) without its EMA: the length and raw weights that recipe had before its 80-epoch re-tune, a
 * budget sized for a user's first run on data of unknown size rather than for Fashion-MNIST's 60,000 images ({@code
 * --epochs} and {@code --ema-decay} change it). With {@code --from pretrained:fashion-smallcnn} it fine-tunes the
 * shipped weights instead (input 1×28×28).
 */
public final class ImageFolderSmallCnn {

    public static final String NAME = "imagefolder-smallcnn";

    private ImageFolderSmallCnn() {
    }

    /** The recipe. */
    public static Recipe recipe() {
        return Recipes.imageFolder(FashionSmallCnn.recipe()).name(NAME)
                .stopping(s -> s.maxEpochs(40).patience(Recipes.fashionPatience(40)))
                .ema(EmaSpec.OFF)
                .description("SmallCnn on your own class folders (--data-dir DIR required); "
                        + "--from pretrained:fashion-smallcnn fine-tunes the shipped weights")
                .build();
    }

    public static void main(String[] args) {
        RecipeLauncher.launch(NAME, args);
    }
}
