package dev.regzoo.recipes;

/**
 * {@code imagefolder-resnet18}: ResNet-18 on a user's own class folders ({@code --data-dir} required), images
 * converted to 3×64×64 (change with {@code --input}), with the Fashion recipes' regularization and schedule.
 */
public final class ImageFolderResNet18 {

    public static final String NAME = "imagefolder-resnet18";

    private ImageFolderResNet18() {
    }

    /** The recipe. */
    public static Recipe recipe() {
        return Recipes.imageFolder(FashionResNet18.recipe()).name(NAME)
                .description("ResNet-18 on your own class folders (--data-dir DIR required)")
                .build();
    }

    public static void main(String[] args) {
        RecipeLauncher.launch(NAME, args);
    }
}
