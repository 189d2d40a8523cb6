package dev.regzoo.zoo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.dropout.SpatialDropout;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/**
 * How a model is regularized: one immutable spec shared by every model of the zoo.
 *
 * <ul>
 *   <li>{@code l1}, {@code l2}: penalties added to the loss (DL4J adds their gradient before the updater, so Adam
 *       rescales them: classic L1/L2).</li>
 *   <li>{@code weightDecay}: decoupled weight decay (AdamW style): {@code lr × coefficient × w} is subtracted after the
 *       updater step. It may be combined with L1 and L2.</li>
 *   <li>All three apply to weights only, never to biases or BatchNorm gamma/beta. They are set on each layer, never
 *       globally, because a global DL4J {@code weightDecay()} is applied twice in 1.0.0-M2.1.</li>
 *   <li>{@code dropout}: the probability of <b>dropping</b> an activation in the classifier head (Keras/PyTorch
 *       convention; converted here to DL4J's retain probability). Where a model applies it is in that model's Javadoc.
 *       Unset means the model's own default.</li>
 *   <li>{@code spatialDropout}: the probability of dropping a whole channel at the input of convolutions inside conv
 *       blocks (0 = off).</li>
 *   <li>{@code batchNorm}, {@code batchNormDecay} (running-statistics momentum as DL4J defines it, 0.9 = PyTorch's
 *       0.1), {@code batchNormEpsilon}.</li>
 * </ul>
 *
 * <pre>{@code
 * RegularizationSpec reg = RegularizationSpec.builder().weightDecay(5e-4).dropout(0.3).build();
 * }</pre>
 */
public final class RegularizationSpec {

    private static final RegularizationSpec DEFAULTS = builder().build();

    private final double l1;
    private final double l2;
    private final double weightDecay;
    private final Double dropout;
    private final double spatialDropout;
    private final boolean batchNorm;
    private final double batchNormDecay;
    private final double batchNormEpsilon;

    private RegularizationSpec(Builder b) {
        this.l1 = Check.nonNegative("l1", b.l1);
        this.l2 = Check.nonNegative("l2", b.l2);
        this.weightDecay = Check.nonNegative("weight decay", b.weightDecay);
        this.dropout = b.dropout == null ? null : Check.dropProbability("dropout", b.dropout);
        this.spatialDropout = Check.dropProbability("spatial dropout", b.spatialDropout);
        this.batchNorm = b.batchNorm;
        this.batchNormDecay = Check.openUnitInterval("batch norm decay", b.batchNormDecay);
        this.batchNormEpsilon = Check.positive("batch norm epsilon", b.batchNormEpsilon);
    }

    /** A builder with no L1/L2/decay, the model's default dropout, no spatial dropout and BatchNorm on. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults of {@link #builder()}. */
    public static RegularizationSpec defaults() {
        return DEFAULTS;
    }

    /** Every regularizer off: no penalties, no dropout of any kind, no BatchNorm. */
    public static RegularizationSpec none() {
        return builder().dropout(0).batchNorm(false).build();
    }

    /** A builder that starts from this spec's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public double l1() {
        return l1;
    }

    public double l2() {
        return l2;
    }

    public double weightDecay() {
        return weightDecay;
    }

    /** The head's drop probability, or empty for the model's default. */
    public OptionalDouble dropout() {
        return dropout == null ? OptionalDouble.empty() : OptionalDouble.of(dropout);
    }

    public double spatialDropout() {
        return spatialDropout;
    }

    public boolean batchNorm() {
        return batchNorm;
    }

    public double batchNormDecay() {
        return batchNormDecay;
    }

    public double batchNormEpsilon() {
        return batchNormEpsilon;
    }

    /** DL4J regularizations for weight parameters: L1 and L2 before the updater, weight decay after it. */
    List<Regularization> weightRegularization() {
        List<Regularization> list = new ArrayList<>(3);
        if (l1 > 0) {
            list.add(new L1Regularization(l1));
        }
        if (l2 > 0) {
            list.add(new L2Regularization(l2));
        }
        if (weightDecay > 0) {
            list.add(new WeightDecay(weightDecay, true));
        }
        return List.copyOf(list);
    }

    /** DL4J's dropout for a drop probability: DL4J's {@code Dropout} takes the retain probability {@code 1 - p}. */
    static Optional<IDropout> dropoutFor(double dropProbability) {
        return dropProbability > 0 ? Optional.of(new Dropout(1 - dropProbability)) : Optional.empty();
    }

    /** Channel-wise dropout for conv blocks, or empty when off. */
    Optional<IDropout> spatialDropoutLayer() {
        return spatialDropout > 0 ? Optional.of(new SpatialDropout(1 - spatialDropout)) : Optional.empty();
    }

    /** Specs are equal when all their values are; an unset dropout (the model's default) equals only an unset one. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RegularizationSpec s && Double.compare(l1, s.l1) == 0 && Double.compare(l2, s.l2) == 0
                && Double.compare(weightDecay, s.weightDecay) == 0 && Objects.equals(dropout, s.dropout)
                && Double.compare(spatialDropout, s.spatialDropout) == 0 && batchNorm == s.batchNorm
                && Double.compare(batchNormDecay, s.batchNormDecay) == 0
                && Double.compare(batchNormEpsilon, s.batchNormEpsilon) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(l1, l2, weightDecay, dropout, spatialDropout, batchNorm, batchNormDecay, batchNormEpsilon);
    }

    @Override
    public String toString() {
        return "RegularizationSpec[l1=" + l1 + ", l2=" + l2 + ", weightDecay=" + weightDecay
                + ", dropout=" + (dropout == null ? "model default" : dropout) + ", spatialDropout=" + spatialDropout
                + ", batchNorm=" + batchNorm + ", batchNormDecay=" + batchNormDecay
                + ", batchNormEpsilon=" + batchNormEpsilon + "]";
    }

    /** Builder for {@link RegularizationSpec}; values are checked in {@link #build()}. */
    public static final class Builder {
        private double l1;
        private double l2;
        private double weightDecay;
        private Double dropout;
        private double spatialDropout;
        private boolean batchNorm = true;
        private double batchNormDecay = 0.9;
        private double batchNormEpsilon = 1e-5;

        private Builder() {
        }

        private Builder(RegularizationSpec s) {
            l1 = s.l1;
            l2 = s.l2;
            weightDecay = s.weightDecay;
            dropout = s.dropout;
            spatialDropout = s.spatialDropout;
            batchNorm = s.batchNorm;
            batchNormDecay = s.batchNormDecay;
            batchNormEpsilon = s.batchNormEpsilon;
        }

        /** L1 penalty coefficient on weights, {@code >= 0}; default 0. */
        public Builder l1(double l1) {
            this.l1 = l1;
            return this;
        }

        /** L2 penalty coefficient on weights (loss += 0.5·l2·‖w‖²), {@code >= 0}; default 0. */
        public Builder l2(double l2) {
            this.l2 = l2;
            return this;
        }

        /** Decoupled weight decay coefficient (multiplied by the learning rate), {@code >= 0}; default 0. */
        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /** The head's drop probability in {@code [0, 1)}; default: the model's own. */
        public Builder dropout(double dropProbability) {
            this.dropout = dropProbability;
            return this;
        }

        /** Clears an explicit dropout so that the model's default applies. */
        public Builder modelDefaultDropout() {
            this.dropout = null;
            return this;
        }

        /** Channel drop probability in conv blocks, in {@code [0, 1)}; default 0 (off). */
        public Builder spatialDropout(double dropProbability) {
            this.spatialDropout = dropProbability;
            return this;
        }

        /** BatchNorm after each convolution; default true. */
        public Builder batchNorm(boolean batchNorm) {
            this.batchNorm = batchNorm;
            return this;
        }

        /** Running-statistics decay in (0, 1); default 0.9 (PyTorch momentum 0.1). */
        public Builder batchNormDecay(double decay) {
            this.batchNormDecay = decay;
            return this;
        }

        /** BatchNorm epsilon, {@code > 0}; default 1e-5. */
        public Builder batchNormEpsilon(double epsilon) {
            this.batchNormEpsilon = epsilon;
            return this;
        }

        /** @throws IllegalArgumentException naming the option, the value and the valid range */
        public RegularizationSpec build() {
            return new RegularizationSpec(this);
        }
    }
}
