package dev.regzoo.zoo;

/**
 * ResNet-18: the {@link ResNet} family with BasicBlocks {@code [2, 2, 2, 2]}. Use {@code width(16)} for the narrow
 * variant that trains comfortably on a CPU.
 *
 * <pre>{@code
 * ComputationGraph net = ResNet18.builder().inputShape(1, 28, 28).classes(10).build().init();
 * }</pre>
 */
public final class ResNet18 {

    /** Registry name. */
    public static final String NAME = "resnet18";

    private ResNet18() {
    }

    /** A ResNet builder preset to depth 18. */
    public static ResNet.Builder builder() {
        return ResNet.builder().depth(18);
    }
}
