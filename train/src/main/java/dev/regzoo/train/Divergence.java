package dev.regzoo.train;

import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Tells a diverged run by its numbers: NaN or infinite weights, or outputs. Every trainer checks before it
 * evaluates: DL4J's {@code Evaluation} throws on NaN predictions ("Cannot perform evaluation with NaNs present in
 * predictions"), and a loss that stays finite in training (batch statistics keep BatchNorm's outputs bounded) says
 * nothing about weights or running statistics that have overflowed.
 */
public final class Divergence {

    private Divergence() {
    }

    /** Whether any of {@code network}'s parameters (BatchNorm's running statistics included) is NaN or infinite. */
    public static boolean nonFinite(Model network) {
        return nonFinite(network.params());
    }

    /** Whether any of {@code values} is NaN or infinite. */
    public static boolean nonFinite(INDArray values) {
        return BooleanIndexing.or(values, Conditions.notFinite());
    }
}
