package dev.regzoo.zoo;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-channel sums of activations or gradients, the reductions of a BatchNorm layer's statistics and backward pass,
 * laid out so that libnd4j runs them on every core at memory speed.
 *
 * <p>libnd4j 1.0.0-M2.1 gives a reduction one thread per 1,024 outputs, and each output is one serial chain of
 * additions: summing a {@code [128, 28, 28, 32]} channels-last array into 32 channel sums runs on one thread at about
 * four cycles per value (6.3 ms). Here the values are summed in stages over a short leading axis — the {@code [M, C]}
 * matrix viewed as {@code [k, M/k · C]}, k ≤ 8 — so that each stage has thousands of outputs with short, independent
 * chains; the last few rows are summed directly (1.2 ms for the same array, docs/benchmarks.md). The staged order is
 * also a partly pairwise summation, so it rounds less than one long chain. Written by hand because ND4J has no other
 * reduction for it.
 */
final class ChannelSums {

    /** Below this many rows a stage does not pay for its call; the rest is summed directly. */
    private static final long DIRECT_ROWS = 64;
    /** The widest stage: more leading rows per output make too many concurrent memory streams. */
    private static final int MAX_STAGE = 8;

    private ChannelSums() {
    }

    /**
     * Each channel's sum over all other dimensions of {@code values} ({@code [N, C]}, or rank 4 in {@code format}),
     * as a vector of length C.
     */
    static INDArray of(INDArray values, CNN2DFormat format) {
        if (values.rank() == 4 && format == CNN2DFormat.NCHW) {
            // Row sums of the [N·C, H·W] view have N·C outputs, enough for every core.
            long batch = values.size(0);
            long channels = values.size(1);
            return values.reshape('c', batch * channels, values.size(2) * values.size(3)).sum(1)
                    .reshape(batch, channels).sum(0);
        }
        long channels = values.size(values.rank() - 1);
        return staged(values.reshape('c', values.length() / channels, channels));
    }

    /** Column sums of the {@code [rows, channels]} matrix {@code m}, in stages of at most {@link #MAX_STAGE} rows. */
    private static INDArray staged(INDArray m) {
        long channels = m.size(1);
        for (long rows = m.size(0); rows > DIRECT_ROWS; rows = m.size(0)) {
            int stage = largestFactor(rows);
            if (stage == 1) {
                break;
            }
            m = m.reshape('c', stage, rows / stage * channels).sum(0).reshape(rows / stage, channels);
        }
        return m.sum(0);
    }

    /** The largest factor of {@code rows} from 2 to {@link #MAX_STAGE}, or 1 when none divides it. */
    private static int largestFactor(long rows) {
        for (int k = MAX_STAGE; k >= 2; k--) {
            if (rows % k == 0) {
                return k;
            }
        }
        return 1;
    }
}
