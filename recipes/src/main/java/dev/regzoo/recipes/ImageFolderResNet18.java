package dev.regzoo.recipes;

import dev.regzoo.recipes.cli.RegzooCli;

/**
 * {@code imagefolder-resnet18}: ResNet-18 on a user's own class folders ({@code --data-dir} required), images
 * converted to 3×64×64 (change with {@code --input}), with the Fashion recipes' regularization and schedule.
 */
public final class ImageFolderResNet18 {

    public static final String NAME = "imagefolder-resnet18";

    private ImageFolderResNet18() {
    }

    public static Recipe recipe() {
        Recipe fashion = FashionResNet18.recipe();
        return new Recipe(NAME, "ResNet-18 on your own class folders (--data-dir DIR required)", "resnet18", null,
                "folder", null, null, 0.1, 0, fashion.augmentation(), fashion.regularization(), fashion.optimizer(),
                fashion.schedule(), fashion.stopping(), 64, fashion.seed());
    }

    public static void main(String[] args) {
        RegzooCli.main(RegzooCli.trainArgs(NAME, args));
    }
}
