package dev.regzoo.cpu;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-channel sums of activations or gradients, the reductions of a BatchNorm layer's statistics and backward pass, as
 * matrix products with a vector of ones (libnd4j's {@code matmul}: oneDNN's matrix-vector kernels on the CPU), which
 * run at memory speed.
 *
 * <p>libnd4j 1.0.0-M2.1 gives a reduction one thread per 1,024 outputs, and each output is one serial chain of
 * additions: summing a {@code [128, 28, 28, 32]} channels-last array into 32 channel sums takes 3.3 ms on an AVX-512
 * core (6.3 ms with AVX2); the product of a row of ones with the {@code [M, C]} matrix takes 0.4–0.7 ms. To round no
 * worse than a pairwise sum, the matrix is viewed as {@code [M/b, b·C]} (b ≤ 32 blocks of rows): the product gives
 * b partial sums per channel from chains b times shorter, which are then added (docs/benchmarks.md). Written by hand
 * because ND4J has no other fast reduction for it.
 */
final class ChannelSums {

    /** The most blocks of rows summed apart: shorter chains round less; 32 keeps the last sum small. */
    private static final int MAX_BLOCKS = 32;

    private ChannelSums() {
    }

    /**
     * Each channel's sum over all other dimensions of {@code values} ({@code [N, C]}, or rank 4 in {@code format}),
     * as a vector of length C.
     */
    static INDArray of(INDArray values, CNN2DFormat format) {
        if (values.rank() == 4 && format == CNN2DFormat.NCHW) {
            long batch = values.size(0);
            long channels = values.size(1);
            long plane = values.size(2) * values.size(3);
            // Each (image, channel) row of the [N·C, H·W] view summed, then the images of each channel.
            INDArray rowSums = Nd4j.create(values.dataType(), batch * channels, 1);
            Nd4j.gemm(values.reshape('c', batch * channels, plane), Nd4j.ones(values.dataType(), plane, 1), rowSums,
                    false, false, 1.0, 0.0);
            return columnSums(rowSums.reshape('c', batch, channels));
        }
        long channels = values.size(values.rank() - 1);
        return columnSums(values.reshape('c', values.length() / channels, channels));
    }

    /** Column sums of the {@code [rows, channels]} matrix {@code m}, in up to {@link #MAX_BLOCKS} blocks of rows. */
    private static INDArray columnSums(INDArray m) {
        long rows = m.size(0);
        long channels = m.size(1);
        int blocks = largestFactor(rows);
        INDArray partial = Nd4j.create(m.dataType(), 1, blocks * channels);
        Nd4j.gemm(Nd4j.ones(m.dataType(), 1, rows / blocks), m.reshape('c', rows / blocks, blocks * channels), partial,
                false, false, 1.0, 0.0);
        return partial.reshape(blocks, channels).sum(0);
    }

    /** The largest factor of {@code rows} up to {@link #MAX_BLOCKS} (1 when none above 1 divides it). */
    private static int largestFactor(long rows) {
        for (int k = MAX_BLOCKS; k >= 2; k--) {
            if (rows % k == 0) {
                return k;
            }
        }
        return 1;
    }
}
