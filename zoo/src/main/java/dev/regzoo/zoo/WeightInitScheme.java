package dev.regzoo.zoo;

import org.deeplearning4j.nn.weights.WeightInit;

/**
 * How a zoo model initialises its weights: one DL4J scheme for convolutions, one for dense layers (the classifier
 * included). Biases start at zero and BatchNorm at γ = 1, β = 0 either way.
 *
 * <p>{@link #ZOO_DEFAULT} is He-normal (fan-in) for convolutions and U(±1/√fan_in) (DL4J's {@code UNIFORM}, PyTorch's
 * default for {@code nn.Linear}) for dense layers. He-normal in the dense head gave the softmax large initial logits:
 * the 3-epoch SmallCnn recipe reached 86.50 ± 0.62% test accuracy with He-normal everywhere, 89.82 ± 0.22% with
 * U(±1/√fan_in) everywhere, and the same with He-normal convolutions and U(±1/√fan_in) in the head alone, while
 * U(±1/√fan_in) convolutions with a He-normal head stayed slow (docs/parity.md, 3 seeds each).
 *
 * @param convolutions weight initialisation of convolution kernels
 * @param dense        weight initialisation of dense and classifier layers
 */
public record WeightInitScheme(WeightInit convolutions, WeightInit dense) {

    /** He-normal convolutions, U(±1/√fan_in) dense layers. */
    public static final WeightInitScheme ZOO_DEFAULT = new WeightInitScheme(WeightInit.RELU, WeightInit.UNIFORM);

    public WeightInitScheme {
        WeightInits.check(convolutions);
        WeightInits.check(dense);
    }

    /** {@code init} for every weight layer. */
    public static WeightInitScheme everywhere(WeightInit init) {
        return new WeightInitScheme(init, init);
    }
}
