package dev.regzoo.recipes;

/** {@code fashion-resnet18-narrow}: {@link FashionResNet18} at width 16 (703,578 parameters), for CPUs. */
public final class FashionResNet18Narrow {

    public static final String NAME = "fashion-resnet18-narrow";

    private FashionResNet18Narrow() {
    }

    /** The recipe. */
    public static Recipe recipe() {
        return FashionResNet18.recipe().toBuilder().name(NAME)
                .description("ResNet-18 at width 16 on Fashion-MNIST, for CPUs")
                .width(16)
                .build();
    }

    public static void main(String[] args) {
        RecipeLauncher.launch(NAME, args);
    }
}
