package dev.regzoo.recipes;


/** {@code fashion-resnet18-narrow}: {@link FashionResNet18} at width 16 (703,578 parameters), for CPUs. */
public final class FashionResNet18Narrow {

    public static final String NAME = "fashion-resnet18-narrow";

    private FashionResNet18Narrow() {
    }

    public static Recipe recipe() {
        return Recipes.fashion(NAME, "ResNet-18 at width 16 on Fashion-MNIST, for CPUs", "resnet18", 16, 0.1, 30);
    }

    public static void main(String[] args) {
        RecipeLauncher.launch(NAME, args);
    }
}
