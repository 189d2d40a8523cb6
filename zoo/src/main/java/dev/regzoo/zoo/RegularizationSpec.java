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
 *   <li>{@code dropBlock}, {@code dropBlockSize}: DropBlock ({@link dev.regzoo.zoo.layers.DropBlock}), the probability
 *       of dropping an activation in contiguous {@code dropBlockSize × dropBlockSize} squares at the input of
 *       convolutions in the later conv blocks (0 = off; where a model applies it is in its Javadoc). The rate rises
 *       linearly from 0 over the planned training ({@link ModelBuilder#trainingIterations(int)}). The default block
 *       size, 3, is the paper's 7 scaled to the 7×7 and 4×4 maps of the last two ResNet stages at 28 px (timm also
 *       uses 3 on its last stage); a block larger than the maps is refused. Not with spatial dropout, which drops the
 *       inputs of the same convolutions.</li>
 *   <li>{@code dropPath}: stochastic depth, the largest probability of dropping a residual branch per example; the
 *       rate rises linearly with the block's depth, from 0 at the first block to this at the last (timm), and kept
 *       branches are scaled by {@code 1/(1 − rate)} ({@link dev.regzoo.zoo.layers.DropPathAddVertex}). Models
 *       without residual branches refuse it.</li>
 *   <li>{@code gradientClipNorm}: the largest L2 norm of each weight layer's gradient (0 = off), DL4J's
 *       {@code GradientNormalization.ClipL2PerLayer}: a layer whose gradient (weights and bias together, after the
 *       minibatch average, before L1/L2 and the updater) is longer is scaled down to it. DL4J has no clipping by the
 *       global norm of all gradients (PyTorch's {@code clip_grad_norm_}); per layer keeps each layer's direction and
 *       is the closest it offers. BatchNorm layers are left out: DL4J clips a layer's whole gradient view, which in
 *       BatchNorm holds its running statistics' updates too.</li>
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
    private final double dropBlock;
    private final int dropBlockSize;
    private final double dropPath;
    private final double gradientClipNorm;

    private RegularizationSpec(Builder b) {
        this.l1 = Check.nonNegative("l1", b.l1);
        this.l2 = Check.nonNegative("l2", b.l2);
        this.weightDecay = Check.nonNegative("weight decay", b.weightDecay);
        this.dropout = b.dropout == null ? null : Check.dropProbability("dropout", b.dropout);
        this.spatialDropout = Check.dropProbability("spatial dropout", b.spatialDropout);
        this.batchNorm = b.batchNorm;
        this.batchNormDecay = Check.openUnitInterval("batch norm decay", b.batchNormDecay);
        this.batchNormEpsilon = Check.positive("batch norm epsilon", b.batchNormEpsilon);
        this.dropBlock = Check.dropProbability("drop block", b.dropBlock);
        this.dropBlockSize = Check.atLeast("drop block size", b.dropBlockSize, 1);
        this.dropPath = Check.dropProbability("drop path", b.dropPath);
        this.gradientClipNorm = Check.nonNegative("gradient clip norm", b.gradientClipNorm);
        if (dropBlock > 0 && spatialDropout > 0) {
            throw new IllegalArgumentException("drop block " + dropBlock + " cannot be combined with spatial dropout "
                    + spatialDropout + ": both drop the inputs of the same convolutions; set one of them to 0");
        }
    }

    /**
     * A builder with no L1/L2/decay, the model's default dropout, no spatial dropout, DropBlock, drop path or
     * clipping, and BatchNorm on.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults of {@link #builder()}. */
    public static RegularizationSpec defaults() {
        return DEFAULTS;
    }

    /** Every regularizer off: no penalties, no dropout of any kind, no BatchNorm, no clipping. */
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

    /** DropBlock's target drop probability; 0 when off. */
    public double dropBlock() {
        return dropBlock;
    }

    public int dropBlockSize() {
        return dropBlockSize;
    }

    /** Drop path's rate at the deepest residual block; 0 when off. */
    public double dropPath() {
        return dropPath;
    }

    /** The per-layer gradient norm limit; 0 when off. */
    public double gradientClipNorm() {
        return gradientClipNorm;
    }

    /**
     * The regularizers that are on, in words for reports, e.g. {@code weight decay 5.0E-4, BatchNorm, DropBlock 0.1
     * (block 3)}; {@code none} when none is.
     */
    public String describe() {
        List<String> on = new ArrayList<>();
        addIf(on, l1 > 0, "L1 " + l1);
        addIf(on, l2 > 0, "L2 " + l2);
        addIf(on, weightDecay > 0, "weight decay " + weightDecay);
        on.add(dropout == null ? "model's dropout" : dropout > 0 ? "dropout " + dropout : "no dropout");
        addIf(on, spatialDropout > 0, "spatial dropout " + spatialDropout);
        addIf(on, batchNorm, "BatchNorm");
        addIf(on, dropBlock > 0, "DropBlock " + dropBlock + " (block " + dropBlockSize + ")");
        addIf(on, dropPath > 0, "drop path " + dropPath);
        addIf(on, gradientClipNorm > 0, "gradient clipping at norm " + gradientClipNorm + " per layer");
        return String.join(", ", on);
    }

    private static void addIf(List<String> list, boolean on, String text) {
        if (on) {
            list.add(text);
        }
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

    /**
     * Channel-wise dropout for conv blocks, or empty when off: a new instance on each call, as DL4J keeps the last
     * mask in it and each layer needs its own.
     */
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
                && Double.compare(batchNormEpsilon, s.batchNormEpsilon) == 0
                && Double.compare(dropBlock, s.dropBlock) == 0 && dropBlockSize == s.dropBlockSize
                && Double.compare(dropPath, s.dropPath) == 0
                && Double.compare(gradientClipNorm, s.gradientClipNorm) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(l1, l2, weightDecay, dropout, spatialDropout, batchNorm, batchNormDecay, batchNormEpsilon,
                dropBlock, dropBlockSize, dropPath, gradientClipNorm);
    }

    @Override
    public String toString() {
        return "RegularizationSpec[l1=" + l1 + ", l2=" + l2 + ", weightDecay=" + weightDecay
                + ", dropout=" + (dropout == null ? "model default" : dropout) + ", spatialDropout=" + spatialDropout
                + ", batchNorm=" + batchNorm + ", batchNormDecay=" + batchNormDecay
                + ", batchNormEpsilon=" + batchNormEpsilon + ", dropBlock=" + dropBlock + ", dropBlockSize="
                + dropBlockSize + ", dropPath=" + dropPath + ", gradientClipNorm=" + gradientClipNorm + "]";
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
        private double dropBlock;
        private int dropBlockSize = 3;
        private double dropPath;
        private double gradientClipNorm;

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
            dropBlock = s.dropBlock;
            dropBlockSize = s.dropBlockSize;
            dropPath = s.dropPath;
            gradientClipNorm = s.gradientClipNorm;
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

        /** DropBlock's drop probability in {@code [0, 1)} (the paper's 0.1 on ImageNet); default 0 (off). */
        public Builder dropBlock(double dropProbability) {
            this.dropBlock = dropProbability;
            return this;
        }

        /** The side of DropBlock's squares, at least 1 and at most the maps it drops; default 3. */
        public Builder dropBlockSize(int size) {
            this.dropBlockSize = size;
            return this;
        }

        /** Drop path's rate at the deepest residual block, in {@code [0, 1)} (timm: 0.05–0.1); default 0 (off). */
        public Builder dropPath(double maxRate) {
            this.dropPath = maxRate;
            return this;
        }

        /** The largest L2 norm of each weight layer's gradient, {@code >= 0}; default 0 (off). */
        public Builder gradientClipNorm(double norm) {
            this.gradientClipNorm = norm;
            return this;
        }

        /** @throws IllegalArgumentException naming the option, the value and the valid range */
        public RegularizationSpec build() {
            return new RegularizationSpec(this);
        }
    }
}
