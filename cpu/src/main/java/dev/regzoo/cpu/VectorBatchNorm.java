package dev.regzoo.cpu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BatchNorm's passes over single-precision values, fused and vectorized with the JDK's Vector API
 * ({@code jdk.incubator.vector}): the batch statistics in one read of the values, the normalization in one more, the
 * backward pass in two. libnd4j 1.0.0-M2.1 has no fused BatchNorm, and its separate passes (sums, squared deviations,
 * broadcasts) took 5× PyTorch's time per BatchNorm layer (docs/benchmarks.md, "Minimal reproduction"); these run at
 * about PyTorch's speed. Written by hand because neither DL4J nor ND4J offers these passes; the maths is the standard
 * one (Ioffe and Szegedy 2015), checked against DL4J's own implementation in the tests.
 *
 * <p>Values are a c-ordered {@link Layout} {@code [outer, channels, inner]}. Sums run in single precision over at most
 * {@value #BLOCK} rows or vectors and are then added in double precision; the variance combines each block's sum of
 * squared deviations from its own mean (Chan et al.), so large means do not cancel it away. Large arrays are split
 * between the common fork-join pool's threads. Needs the JVM option {@code --add-modules jdk.incubator.vector};
 * {@link #available()} says whether it was given.
 */
final class VectorBatchNorm {

    /** Rows (channels-last) or vectors (channels-first) summed in single precision before a double-precision sum. */
    static final int BLOCK = 64;
    /** Arrays with fewer values are handled on the calling thread. */
    private static final long PARALLEL_MIN_VALUES = 1L << 16;
    private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private VectorBatchNorm() {
    }

    /** Whether the JVM was started with {@code jdk.incubator.vector}, without which the passes cannot run. */
    static boolean available() {
        return AVAILABLE;
    }

    /**
     * The shape of values as {@code [outer, channels, inner]}: {@code [rows, C, 1]} for channels-last and dense
     * values, {@code [N, C, H·W]} for channels-first ones.
     */
    record Layout(long outer, int channels, long inner) {

        static Layout channelsLast(long rows, int channels) {
            return new Layout(rows, channels, 1);
        }

        static Layout channelsFirst(long images, int channels, long plane) {
            return new Layout(images, channels, plane);
        }

        long length() {
            return outer * channels * inner;
        }
    }

    /**
     * Whether {@code values} can be handled here: single precision, c-ordered over their whole buffer, under 2 GiB.
     */
    static boolean handles(INDArray values) {
        return values.dataType() == DataType.FLOAT && values.ordering() == 'c'
                && Shape.hasDefaultStridesForShape(values) && values.length() == values.data().length()
                && values.length() <= Integer.MAX_VALUE / Float.BYTES;
    }

    /** Each channel's mean and biased variance of {@code x}, written into {@code mean} and {@code variance}. */
    static void moments(INDArray x, Layout layout, INDArray mean, INDArray variance) {
        ChannelMoments total = inSlices(layout, slice -> {
            ChannelMoments moments = new ChannelMoments(layout.channels());
            BatchNormKernels.of(layout, bytes(x), null).moments(slice.from(), slice.to(), moments);
            return moments;
        }).stream().reduce(ChannelMoments::merge).orElseThrow();
        ChannelVectors.write(mean, total.means());
        ChannelVectors.write(variance, total.variances());
    }

    /**
     * The backward pass's reductions: each channel's sum of {@code gradient} and of {@code gradient · (x - mean)}.
     *
     * @return {@code {sums of gradient, sums of gradient times centred x}}
     */
    static double[][] gradientSums(INDArray x, INDArray gradient, Layout layout, float[] mean) {
        return inSlices(layout, slice -> {
            double[][] sums = new double[2][layout.channels()];
            BatchNormKernels.of(layout, bytes(x), bytes(gradient)).gradientSums(slice.from(), slice.to(), mean, sums);
            return sums;
        }).stream().reduce((a, b) -> {
            for (int c = 0; c < a[0].length; c++) {
                a[0][c] += b[0][c];
                a[1][c] += b[1][c];
            }
            return a;
        }).orElseThrow();
    }

    /**
     * {@code out = (x - mean) · xScale + shift}, plus {@code gradient · gradientScale} when {@code gradient} is not
     * null, with per-channel factors: the normalization ({@code gradient} null) and the backward pass's input gradient.
     */
    static void affine(INDArray x, float[] mean, float[] xScale, float[] shift, INDArray gradient,
                       float[] gradientScale, Layout layout, INDArray out) {
        forEachSlice(layout, slice -> BatchNormKernels.of(layout, bytes(x), gradient == null ? null : bytes(gradient))
                .affine(slice.from(), slice.to(), mean, xScale, shift, gradientScale, bytes(out)));
    }

    /** A range of work units: blocks of {@value #BLOCK} rows (channels-last) or whole planes (channels-first). */
    private record Slice(long from, long to) {
    }

    /** Runs {@code work} on the layout's work units split into slices, one per thread, and returns their results. */
    private static <T> List<T> inSlices(Layout layout, Function<Slice, T> work) {
        long units = layout.inner() == 1 ? (layout.outer() + BLOCK - 1) / BLOCK : layout.outer() * layout.channels();
        int threads = layout.length() < PARALLEL_MIN_VALUES ? 1
                : Math.min(Nd4j.getEnvironment().maxMasterThreads(), ForkJoinPool.getCommonPoolParallelism() + 1);
        int slices = (int) Math.max(1, Math.min(threads, units));
        IntFunction<T> slice = i -> work.apply(new Slice(units * i / slices, units * (i + 1) / slices));
        return slices == 1 ? List.of(slice.apply(0)) : IntStream.range(0, slices).parallel().mapToObj(slice).toList();
    }

    private static void forEachSlice(Layout layout, Consumer<Slice> work) {
        inSlices(layout, slice -> {
            work.accept(slice);
            return slice;
        });
    }

    /** The values of {@code a} (c-ordered over its whole buffer) as a native-order byte buffer. */
    /** The float values of {@code a} (contiguous from its first element) as a native-order buffer. */
    static ByteBuffer bytes(INDArray a) {
        Pointer data = a.data().addressPointer();
        long start = data.position() * data.sizeof();
        long end = start + a.length() * Float.BYTES;
        BytePointer bytes = new BytePointer(data);
        bytes.capacity(end).limit(end).position(start);
        return bytes.asByteBuffer().order(ByteOrder.nativeOrder());
    }

    /**
     * Per-channel count, mean and sum of squared deviations, combined block by block with Chan et al.'s update, which
     * keeps the variance accurate whatever the mean.
     */
    static final class ChannelMoments {
        private final long[] count;
        private final double[] mean;
        private final double[] squaredDeviations;

        ChannelMoments(int channels) {
            count = new long[channels];
            mean = new double[channels];
            squaredDeviations = new double[channels];
        }

        /** Adds {@code n} values of channel {@code c} with sum {@code sum} and squared deviations {@code m2}. */
        void add(int c, long n, double sum, double m2) {
            long total = count[c] + n;
            double delta = sum / n - mean[c];
            mean[c] += delta * n / total;
            squaredDeviations[c] += m2 + delta * delta * count[c] * n / total;
            count[c] = total;
        }

        ChannelMoments merge(ChannelMoments other) {
            for (int c = 0; c < count.length; c++) {
                if (other.count[c] > 0) {
                    add(c, other.count[c], other.mean[c] * other.count[c], other.squaredDeviations[c]);
                }
            }
            return this;
        }

        float[] means() {
            float[] means = new float[mean.length];
            for (int c = 0; c < means.length; c++) {
                means[c] = (float) mean[c];
            }
            return means;
        }

        float[] variances() {
            float[] variances = new float[mean.length];
            for (int c = 0; c < variances.length; c++) {
                variances[c] = (float) (squaredDeviations[c] / count[c]);
            }
            return variances;
        }
    }
}
