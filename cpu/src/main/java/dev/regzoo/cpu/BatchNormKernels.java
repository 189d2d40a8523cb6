package dev.regzoo.cpu;

import static dev.regzoo.cpu.VectorBatchNorm.BLOCK;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorBatchNorm}'s loops over one slice of the work units. Channels-last values are vectorized across
 * channels (a row's channels side by side, a scalar loop for those beyond the last whole vector), channels-first ones
 * along each channel's plane (a scalar loop for the plane's last values). Each loop is a method of its own, small
 * enough for the JIT to compile the vector operations into registers: larger methods got vectors boxed on the heap.
 */
abstract sealed class BatchNormKernels permits BatchNormKernels.ChannelsLast, BatchNormKernels.ChannelsFirst {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    static final ByteOrder ORDER = ByteOrder.nativeOrder();

    final VectorBatchNorm.Layout layout;
    final int channels;
    final ByteBuffer x;
    /** The gradient for the backward passes, else null. */
    final ByteBuffer gradient;

    private BatchNormKernels(VectorBatchNorm.Layout layout, ByteBuffer x, ByteBuffer gradient) {
        this.layout = layout;
        this.channels = layout.channels();
        this.x = x;
        this.gradient = gradient;
    }

    static BatchNormKernels of(VectorBatchNorm.Layout layout, ByteBuffer x, ByteBuffer gradient) {
        return layout.inner() == 1 ? new ChannelsLast(layout, x, gradient) : new ChannelsFirst(layout, x, gradient);
    }

    /** Adds the units' per-channel counts, sums and squared deviations to {@code moments}. */
    abstract void moments(long from, long to, VectorBatchNorm.ChannelMoments moments);

    /** Adds the units' per-channel sums of the gradient and of the gradient times centred x to {@code sums}. */
    abstract void gradientSums(long from, long to, float[] mean, double[][] sums);

    /** {@code out = (x - mean) · xScale + shift (+ gradient · gradientScale)} over the units. */
    abstract void affine(long from, long to, float[] mean, float[] xScale, float[] shift, float[] gradientScale,
                         ByteBuffer out);

    static FloatVector load(ByteBuffer values, int at) {
        return FloatVector.fromByteBuffer(SPECIES, values, at, ORDER);
    }

    /** {@link #affine} for the one value at byte {@code at}, of channel {@code c}. */
    final void affineScalar(int at, int c, float[] mean, float[] xScale, float[] shift, float[] gradientScale,
                            ByteBuffer out) {
        float v = (x.getFloat(at) - mean[c]) * xScale[c] + shift[c];
        out.putFloat(at, gradient == null ? v : v + gradient.getFloat(at) * gradientScale[c]);
    }

    /** {@code [rows, C]} values; the units are blocks of {@link VectorBatchNorm#BLOCK} rows. */
    static final class ChannelsLast extends BatchNormKernels {
        private final int rowBytes;

        ChannelsLast(VectorBatchNorm.Layout layout, ByteBuffer x, ByteBuffer gradient) {
            super(layout, x, gradient);
            rowBytes = channels * Float.BYTES;
        }

        @Override
        void moments(long from, long to, VectorBatchNorm.ChannelMoments moments) {
            float[] sums = new float[channels];
            float[] squaredDeviations = new float[channels];
            for (long block = from; block < to; block++) {
                int rows = rows(block);
                int first = (int) (block * BLOCK * rowBytes);
                int c = 0;
                for (; c + LANES <= channels; c += LANES) {
                    blockMoments(first + c * Float.BYTES, rows, sums, squaredDeviations, c);
                }
                for (; c < channels; c++) {
                    blockMomentsScalar(first + c * Float.BYTES, rows, sums, squaredDeviations, c);
                }
                for (c = 0; c < channels; c++) {
                    moments.add(c, rows, sums[c], squaredDeviations[c]);
                }
            }
        }

        private int rows(long block) {
            return (int) Math.min(BLOCK, layout.outer() - block * BLOCK);
        }

        /** One vector of channels from {@code c}: sums, then squared deviations from the block's mean. */
        private void blockMoments(int first, int rows, float[] sums, float[] squaredDeviations, int c) {
            FloatVector sum = FloatVector.zero(SPECIES);
            for (int r = 0, at = first; r < rows; r++, at += rowBytes) {
                sum = sum.add(load(x, at));
            }
            FloatVector mean = sum.div(rows);
            FloatVector deviations = FloatVector.zero(SPECIES);
            for (int r = 0, at = first; r < rows; r++, at += rowBytes) {
                FloatVector d = load(x, at).sub(mean);
                deviations = d.fma(d, deviations);
            }
            sum.intoArray(sums, c);
            deviations.intoArray(squaredDeviations, c);
        }

        private void blockMomentsScalar(int first, int rows, float[] sums, float[] squaredDeviations, int c) {
            float sum = 0;
            for (int r = 0, at = first; r < rows; r++, at += rowBytes) {
                sum += x.getFloat(at);
            }
            float mean = sum / rows;
            float deviations = 0;
            for (int r = 0, at = first; r < rows; r++, at += rowBytes) {
                float d = x.getFloat(at) - mean;
                deviations += d * d;
            }
            sums[c] = sum;
            squaredDeviations[c] = deviations;
        }

        @Override
        void gradientSums(long from, long to, float[] mean, double[][] sums) {
            float[] blockSums = new float[channels];
            float[] centredSums = new float[channels];
            for (long block = from; block < to; block++) {
                int rows = rows(block);
                int first = (int) (block * BLOCK * rowBytes);
                int c = 0;
                for (; c + LANES <= channels; c += LANES) {
                    blockGradientSums(first + c * Float.BYTES, rows, mean, blockSums, centredSums, c);
                }
                for (; c < channels; c++) {
                    blockGradientSumsScalar(first + c * Float.BYTES, rows, mean, blockSums, centredSums, c);
                }
                for (c = 0; c < channels; c++) {
                    sums[0][c] += blockSums[c];
                    sums[1][c] += centredSums[c];
                }
            }
        }

        private void blockGradientSums(int first, int rows, float[] mean, float[] sums, float[] centredSums, int c) {
            FloatVector m = FloatVector.fromArray(SPECIES, mean, c);
            FloatVector g = FloatVector.zero(SPECIES);
            FloatVector gx = FloatVector.zero(SPECIES);
            for (int r = 0, at = first; r < rows; r++, at += rowBytes) {
                FloatVector dy = load(gradient, at);
                g = g.add(dy);
                gx = load(x, at).sub(m).fma(dy, gx);
            }
            g.intoArray(sums, c);
            gx.intoArray(centredSums, c);
        }

        private void blockGradientSumsScalar(int first, int rows, float[] mean, float[] sums, float[] centredSums,
                                             int c) {
            float g = 0;
            float gx = 0;
            for (int r = 0, at = first; r < rows; r++, at += rowBytes) {
                float dy = gradient.getFloat(at);
                g += dy;
                gx += dy * (x.getFloat(at) - mean[c]);
            }
            sums[c] = g;
            centredSums[c] = gx;
        }

        @Override
        void affine(long from, long to, float[] mean, float[] xScale, float[] shift, float[] gradientScale,
                    ByteBuffer out) {
            long end = Math.min(layout.outer(), to * BLOCK);
            for (long row = from * BLOCK; row < end; row++) {
                int first = (int) (row * rowBytes);
                int c = 0;
                for (; c + LANES <= channels; c += LANES) {
                    affineVector(first + c * Float.BYTES, c, mean, xScale, shift, gradientScale, out);
                }
                for (; c < channels; c++) {
                    affineScalar(first + c * Float.BYTES, c, mean, xScale, shift, gradientScale, out);
                }
            }
        }

        private void affineVector(int at, int c, float[] mean, float[] xScale, float[] shift, float[] gradientScale,
                                  ByteBuffer out) {
            FloatVector v = load(x, at).sub(FloatVector.fromArray(SPECIES, mean, c))
                    .fma(FloatVector.fromArray(SPECIES, xScale, c), FloatVector.fromArray(SPECIES, shift, c));
            if (gradient != null) {
                v = load(gradient, at).fma(FloatVector.fromArray(SPECIES, gradientScale, c), v);
            }
            v.intoByteBuffer(out, at, ORDER);
        }
    }

    /**
     * {@code [N, C, H·W]} values; the units are planes, summed in pieces of {@link VectorBatchNorm#BLOCK} vectors.
     */
    static final class ChannelsFirst extends BatchNormKernels {
        private static final int PIECE = BLOCK * LANES;

        ChannelsFirst(VectorBatchNorm.Layout layout, ByteBuffer x, ByteBuffer gradient) {
            super(layout, x, gradient);
        }

        @Override
        void moments(long from, long to, VectorBatchNorm.ChannelMoments moments) {
            for (long plane = from; plane < to; plane++) {
                int c = (int) (plane % channels);
                for (long start = plane * layout.inner(), end = start + layout.inner(); start < end; start += PIECE) {
                    int n = (int) Math.min(PIECE, end - start);
                    int at = (int) (start * Float.BYTES);
                    float mean = sum(at, n) / n;
                    moments.add(c, n, mean * n, squaredDeviations(at, n, mean));
                }
            }
        }

        /** Sum of {@code n} consecutive values of {@code x} from byte {@code at}. */
        private float sum(int at, int n) {
            FloatVector sum = FloatVector.zero(SPECIES);
            int i = 0;
            for (; i + LANES <= n; i += LANES) {
                sum = sum.add(load(x, at + i * Float.BYTES));
            }
            float total = sum.reduceLanes(VectorOperators.ADD);
            for (; i < n; i++) {
                total += x.getFloat(at + i * Float.BYTES);
            }
            return total;
        }

        /** Sum of squared deviations from {@code mean} of {@code n} consecutive values of {@code x} from {@code at}. */
        private float squaredDeviations(int at, int n, float mean) {
            FloatVector sum = FloatVector.zero(SPECIES);
            FloatVector m = FloatVector.broadcast(SPECIES, mean);
            int i = 0;
            for (; i + LANES <= n; i += LANES) {
                FloatVector d = load(x, at + i * Float.BYTES).sub(m);
                sum = d.fma(d, sum);
            }
            float total = sum.reduceLanes(VectorOperators.ADD);
            for (; i < n; i++) {
                float d = x.getFloat(at + i * Float.BYTES) - mean;
                total += d * d;
            }
            return total;
        }

        @Override
        void gradientSums(long from, long to, float[] mean, double[][] sums) {
            float[] pieceSums = new float[2];
            for (long plane = from; plane < to; plane++) {
                int c = (int) (plane % channels);
                for (long start = plane * layout.inner(), end = start + layout.inner(); start < end; start += PIECE) {
                    pieceGradientSums((int) (start * Float.BYTES), (int) Math.min(PIECE, end - start), mean[c],
                            pieceSums);
                    sums[0][c] += pieceSums[0];
                    sums[1][c] += pieceSums[1];
                }
            }
        }

        /** The gradient's sum and its sum times centred x over {@code n} values from byte {@code at}. */
        private void pieceGradientSums(int at, int n, float mean, float[] pieceSums) {
            FloatVector m = FloatVector.broadcast(SPECIES, mean);
            FloatVector g = FloatVector.zero(SPECIES);
            FloatVector gx = FloatVector.zero(SPECIES);
            int i = 0;
            for (; i + LANES <= n; i += LANES) {
                FloatVector dy = load(gradient, at + i * Float.BYTES);
                g = g.add(dy);
                gx = load(x, at + i * Float.BYTES).sub(m).fma(dy, gx);
            }
            float gTotal = g.reduceLanes(VectorOperators.ADD);
            float gxTotal = gx.reduceLanes(VectorOperators.ADD);
            for (; i < n; i++) {
                float dy = gradient.getFloat(at + i * Float.BYTES);
                gTotal += dy;
                gxTotal += dy * (x.getFloat(at + i * Float.BYTES) - mean);
            }
            pieceSums[0] = gTotal;
            pieceSums[1] = gxTotal;
        }

        @Override
        void affine(long from, long to, float[] mean, float[] xScale, float[] shift, float[] gradientScale,
                    ByteBuffer out) {
            int planeBytes = (int) (layout.inner() * Float.BYTES);
            for (long plane = from; plane < to; plane++) {
                int c = (int) (plane % channels);
                int start = (int) (plane * planeBytes);
                int end = start + planeBytes;
                int at = affinePlane(start, end, c, mean, xScale, shift, gradientScale, out);
                for (; at < end; at += Float.BYTES) {
                    affineScalar(at, c, mean, xScale, shift, gradientScale, out);
                }
            }
        }

        /** The whole vectors of one plane, from byte {@code at}; returns where they end. */
        private int affinePlane(int at, int end, int c, float[] mean, float[] xScale, float[] shift,
                                float[] gradientScale, ByteBuffer out) {
            FloatVector m = FloatVector.broadcast(SPECIES, mean[c]);
            FloatVector a = FloatVector.broadcast(SPECIES, xScale[c]);
            FloatVector s = FloatVector.broadcast(SPECIES, shift[c]);
            FloatVector b = FloatVector.broadcast(SPECIES, gradient == null ? 0 : gradientScale[c]);
            for (; at + LANES * Float.BYTES <= end; at += LANES * Float.BYTES) {
                FloatVector v = load(x, at).sub(m).fma(a, s);
                if (gradient != null) {
                    v = load(gradient, at).fma(b, v);
                }
                v.intoByteBuffer(out, at, ORDER);
            }
            return at;
        }
    }
}
