package dev.regzoo.zoo.layers;

import dev.regzoo.zoo.Check;
import java.util.Arrays;
import java.util.Objects;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * DropBlock (Ghiasi, Lin and Le, NeurIPS 2018, "DropBlock: A regularization method for convolutional networks"): a
 * DL4J {@link IDropout} that drops contiguous {@code blockSize × blockSize} squares of each feature map of a
 * convolution's input during training, and is the identity at inference. Written by hand: DL4J 1.0.0-M2.1 has no
 * DropBlock, and its {@code IDropout} is the extension point that a saved model keeps.
 *
 * <p>As timm's {@code drop_block_2d} (the valid-region form): block centres are drawn, independently per example and
 * channel, only where a whole block fits the map, with the seed rate
 * {@code γ = p · H·W / blockSize² / ((H − blockSize + 1)(W − blockSize + 1))}, so that about a fraction {@code p} of
 * the activations is dropped; each seed grows into its block by a max-pooling of the seed mask, and the kept
 * activations are rescaled by {@code count(all) / count(kept)} over the whole batch. The backward pass multiplies the
 * gradient by the same mask.
 *
 * <p>The drop probability follows the paper's linear schedule: from 0 at the first iteration up to {@code p} after
 * {@code rampIterations} minibatch iterations (the planned length of training), then {@code p}; with
 * {@code rampIterations = 0}, {@code p} from the start. The ramp counts iterations, which a saved model keeps, because
 * DL4J's early-stopping trainer restarts its epoch counter on every {@code fit()} (a resumed run would restart an
 * epoch ramp). It is a ramp of its own rather than DL4J's {@code RampSchedule}, which has no {@code equals}: layer
 * configurations holding one would not equal themselves read back from JSON.
 *
 * <pre>{@code
 * IDropout dropBlock = DropBlock.builder().dropProbability(0.1).blockSize(3).dataFormat(CNN2DFormat.NHWC)
 *         .rampIterations(10_000).build();
 * }</pre>
 */
public final class DropBlock implements IDropout {

    private static final long serialVersionUID = 1L;

    @JsonProperty("dropProbability")
    private final double dropProbability;
    @JsonProperty("blockSize")
    private final int blockSize;
    @JsonProperty("dataFormat")
    private final CNN2DFormat dataFormat;
    @JsonProperty("rampIterations")
    private final int rampIterations;
    /** The last training pass's mask (0 or the rescaling factor), for the backward pass; never saved. */
    private transient INDArray mask;
    /** Whether the last training pass dropped nothing (drop probability 0 at its iteration). */
    private transient boolean passedThrough;

    @JsonCreator
    private DropBlock(@JsonProperty("dropProbability") double dropProbability,
                      @JsonProperty("blockSize") int blockSize,
                      @JsonProperty("dataFormat") CNN2DFormat dataFormat,
                      @JsonProperty("rampIterations") int rampIterations) {
        this.dropProbability = Check.dropProbability("drop block", dropProbability);
        this.blockSize = Check.atLeast("drop block size", blockSize, 1);
        this.dataFormat = Check.notNull("drop block data format", dataFormat);
        this.rampIterations = Check.atLeast("drop block ramp iterations", rampIterations, 0);
    }

    /** A builder: drop probability 0.1, block size 3, channels first, no ramp. */
    public static Builder builder() {
        return new Builder();
    }

    /** The target drop probability, reached after {@link #rampIterations()}. */
    public double dropProbability() {
        return dropProbability;
    }

    public int blockSize() {
        return blockSize;
    }

    /** The layout of the activations it drops. */
    public CNN2DFormat dataFormat() {
        return dataFormat;
    }

    /** Minibatch iterations over which the drop probability rises linearly from 0; 0 for none. */
    public int rampIterations() {
        return rampIterations;
    }

    /** This DropBlock for activations of another layout. */
    public DropBlock inLayout(CNN2DFormat format) {
        return new DropBlock(dropProbability, blockSize, format, rampIterations);
    }

    /** The drop probability at {@code iteration} (from 0): the linear ramp, then the target. */
    public double dropProbabilityAt(int iteration) {
        if (iteration >= rampIterations) {
            return dropProbability;
        }
        return dropProbability * iteration / rampIterations;
    }

    @Override
    public INDArray applyDropout(INDArray input, INDArray output, int iteration, int epoch,
                                 LayerWorkspaceMgr workspaceMgr) {
        if (input.rank() != 4) {
            throw new IllegalArgumentException("DropBlock drops 4-d convolutional activations, got shape "
                    + Arrays.toString(input.shape()));
        }
        double p = dropProbabilityAt(iteration);
        passedThrough = p == 0;
        if (passedThrough) {
            mask = null;
            return output == input ? output : output.assign(input);
        }
        mask = mask(input.shape(), p, output, workspaceMgr);
        Nd4j.exec(new MulOp(input.castTo(output.dataType()), mask, output));
        return output;
    }

    /** Zeros on the dropped blocks, {@code count(all) / count(kept)} elsewhere. */
    private INDArray mask(long[] shape, double p, INDArray like, LayerWorkspaceMgr workspaceMgr) {
        boolean channelsLast = dataFormat == CNN2DFormat.NHWC;
        long height = shape[channelsLast ? 1 : 2];
        long width = shape[channelsLast ? 2 : 3];
        if (blockSize > Math.min(height, width)) { // the zoo's models check this when they are built
            throw new IllegalArgumentException("drop block size " + blockSize + " is larger than the " + height + "x"
                    + width + " feature maps it drops; allowed: 1 to " + Math.min(height, width));
        }
        long validHeight = height - blockSize + 1;
        long validWidth = width - blockSize + 1;
        double gamma = p * height * width / ((double) blockSize * blockSize) / (validHeight * validWidth);
        long[] seedShape = channelsLast ? new long[] {shape[0], validHeight, validWidth, shape[3]}
                : new long[] {shape[0], shape[1], validHeight, validWidth};
        INDArray seeds = workspaceMgr.createUninitialized(ArrayType.INPUT, like.dataType(), seedShape, 'c');
        Nd4j.exec(new BernoulliDistribution(seeds, Math.min(1, gamma)));
        // Padding by blockSize - 1 on every side turns each seed of the valid region into the block it centres.
        INDArray dropped = workspaceMgr.createUninitialized(ArrayType.INPUT, like.dataType(), shape, 'c');
        Nd4j.exec(new MaxPooling2D(seeds, dropped, Pooling2DConfig.builder().kH(blockSize).kW(blockSize).sH(1).sW(1)
                .pH(blockSize - 1).pW(blockSize - 1).dH(1).dW(1).type(Pooling2D.Pooling2DType.MAX)
                .isNHWC(channelsLast).build()));
        INDArray kept = dropped.rsubi(1);
        double keptCount = kept.sumNumber().doubleValue();
        return keptCount == 0 ? kept : kept.muli(kept.length() / keptCount);
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        if (passedThrough) {
            passedThrough = false;
            return gradAtInput == gradAtOutput ? gradAtInput : gradAtInput.assign(gradAtOutput);
        }
        if (mask == null) {
            throw new IllegalStateException("DropBlock cannot backpropagate: no mask of a training pass (used or "
                    + "cleared already)");
        }
        Nd4j.exec(new MulOp(gradAtOutput, mask.castTo(gradAtInput.dataType()), gradAtInput));
        mask = null;
        return gradAtInput;
    }

    @Override
    public void clear() {
        mask = null;
        passedThrough = false;
    }

    /** A copy of the configuration, without the last pass's mask. */
    @Override
    public DropBlock clone() {
        return new DropBlock(dropProbability, blockSize, dataFormat, rampIterations);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DropBlock d && Double.compare(dropProbability, d.dropProbability) == 0
                && blockSize == d.blockSize && dataFormat == d.dataFormat && rampIterations == d.rampIterations;
    }

    @Override
    public int hashCode() {
        return Objects.hash(dropProbability, blockSize, dataFormat, rampIterations);
    }

    @Override
    public String toString() {
        return "DropBlock(p=" + dropProbability + ", blockSize=" + blockSize + ", " + dataFormat
                + (rampIterations > 0 ? ", ramp over " + rampIterations + " iterations" : "") + ")";
    }

    /** Builder for {@link DropBlock}; {@link #build()} checks the values. */
    public static final class Builder {
        private double dropProbability = 0.1;
        private int blockSize = 3;
        private CNN2DFormat dataFormat = CNN2DFormat.NCHW;
        private int rampIterations;

        private Builder() {
        }

        /** The target probability of dropping an activation, in {@code [0, 1)}; default 0.1 (the paper's). */
        public Builder dropProbability(double p) {
            this.dropProbability = p;
            return this;
        }

        /** The side of the dropped squares, at least 1; default 3. */
        public Builder blockSize(int size) {
            this.blockSize = size;
            return this;
        }

        /** The layout of the activations it drops; default {@link CNN2DFormat#NCHW}. */
        public Builder dataFormat(CNN2DFormat format) {
            this.dataFormat = format;
            return this;
        }

        /** Iterations of the linear ramp from 0 to the drop probability, {@code >= 0}; default 0 (no ramp). */
        public Builder rampIterations(int iterations) {
            this.rampIterations = iterations;
            return this;
        }

        /** @throws IllegalArgumentException naming the setting, its value and what is allowed */
        public DropBlock build() {
            return new DropBlock(dropProbability, blockSize, dataFormat, rampIterations);
        }
    }
}
