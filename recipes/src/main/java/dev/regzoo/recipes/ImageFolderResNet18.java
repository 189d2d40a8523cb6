package dev.regzoo.recipes;


/**
 * {@code imagefolder-resnet18}: ResNet-18 on a user's own class folders ({@code --data-dir} required), images
 * converted to 3×64×64 (change with {@code --input}), with the Fashion recipes' regularization and schedule.
 */
public final class ImageFolderResNet18 {

    public static final String NAME = "imagefolder-resnet18";

    private ImageFolderResNet18() {
    }

    public static Recipe recipe() {
        return Recipes.imageFolder(NAME, "ResNet-18 on your own class folders (--data-dir DIR required)",
                FashionResNet18.recipe());
    }

    public static void main(String[] args) {
        RecipeLauncher.launch(NAME, args);
    }
}
