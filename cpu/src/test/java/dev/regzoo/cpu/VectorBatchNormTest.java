package dev.regzoo.cpu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link VectorBatchNorm}'s passes equal the same maths in double precision, for channel counts and planes that fill
 * whole vectors, leave a scalar remainder, or are smaller than one vector; for arrays split between threads; and for
 * values whose mean is large next to their spread.
 */
class VectorBatchNormTest {

    @BeforeAll
    static void requireVectorApi() {
        assertTrue(VectorBatchNorm.available(), "the tests run with --add-modules=jdk.incubator.vector (pom.xml)");
    }

    static VectorBatchNorm.Layout[] layouts() {
        return new VectorBatchNorm.Layout[] {
            VectorBatchNorm.Layout.channelsLast(8 * 28 * 28, 32),  // whole vectors; split between threads
            VectorBatchNorm.Layout.channelsLast(130, 20),          // a partial last block, a scalar remainder
            VectorBatchNorm.Layout.channelsLast(50, 3),            // fewer channels than one vector
            VectorBatchNorm.Layout.channelsFirst(4, 5, 7 * 7),     // planes with a scalar remainder
            VectorBatchNorm.Layout.channelsFirst(3, 2, 40 * 40),   // planes summed in several pieces
            VectorBatchNorm.Layout.channelsFirst(16, 8, 28 * 28),  // split between threads
        };
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void momentsEqualTheDoublePrecisionOnes(VectorBatchNorm.Layout layout) {
        INDArray x = values(layout, 1, 100, 0.5);
        INDArray mean = Nd4j.create(DataType.FLOAT, layout.channels());
        INDArray variance = mean.ulike();

        VectorBatchNorm.moments(x, layout, mean, variance);

        INDArray exact = asDouble(x, layout);
        assertClose(exact.mean(0, 2).toDoubleVector(), mean.toDoubleVector(), 1e-6 * 100, "mean");
        // The spread is 0.5 on a mean of 100: summing squares in single precision would lose the variance entirely.
        assertClose(exact.var(false, 0, 2).toDoubleVector(), variance.toDoubleVector(), 1e-4 * 0.25, "variance");
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void gradientSumsEqualTheDoublePrecisionOnes(VectorBatchNorm.Layout layout) {
        INDArray x = values(layout, 2, 3, 2);
        INDArray gradient = values(layout, 3, 0.1, 1);
        float[] mean = asDouble(x, layout).mean(0, 2).toFloatVector();

        double[][] sums = VectorBatchNorm.gradientSums(x, gradient, layout, mean);

        INDArray g = asDouble(gradient, layout);
        INDArray centred = asDouble(x, layout).subi(Nd4j.createFromArray(mean).castTo(DataType.DOUBLE)
                .reshape(1, layout.channels(), 1));
        double scale = Math.sqrt(layout.length() / layout.channels());
        assertClose(g.sum(0, 2).toDoubleVector(), sums[0], 1e-5 * scale, "gradient sums");
        assertClose(g.mul(centred).sum(0, 2).toDoubleVector(), sums[1], 1e-5 * scale * 2, "centred sums");
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void affineEqualsTheDoublePrecisionOne(VectorBatchNorm.Layout layout) {
        INDArray x = values(layout, 4, 3, 2);
        INDArray gradient = values(layout, 5, 0, 1);
        int channels = layout.channels();
        float[] mean = random(channels, 6, 3);
        float[] xScale = random(channels, 7, 1);
        float[] shift = random(channels, 8, 0);
        float[] gradientScale = random(channels, 9, 1);
        INDArray out = x.ulike();
        INDArray outWithGradient = x.ulike();

        VectorBatchNorm.affine(x, mean, xScale, shift, null, null, layout, out);
        VectorBatchNorm.affine(x, mean, xScale, shift, gradient, gradientScale, layout, outWithGradient);

        INDArray expected = asDouble(x, layout).subi(perChannel(mean, channels)).muli(perChannel(xScale, channels))
                .addi(perChannel(shift, channels));
        assertClose(expected.data().asDouble(), out.data().asDouble(), 1e-5, "normalization");
        expected.addi(asDouble(gradient, layout).muli(perChannel(gradientScale, channels)));
        assertClose(expected.data().asDouble(), outWithGradient.data().asDouble(), 1e-5, "input gradient");
    }

    @Test
    void handlesOnlyContiguousSinglePrecisionValues() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 6);
        assertTrue(VectorBatchNorm.handles(x));
        assertFalse(VectorBatchNorm.handles(x.castTo(DataType.DOUBLE)));
        assertFalse(VectorBatchNorm.handles(x.dup('f')));
        assertFalse(VectorBatchNorm.handles(x.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3))));
    }

    @Test
    void readsAViewOfConsecutiveRowsFromItsOwnStart() {
        INDArray rows = values(VectorBatchNorm.Layout.channelsLast(40, 6), 10, 0, 1).reshape(40, 6)
                .get(NDArrayIndex.interval(10, 30), NDArrayIndex.all());
        assertTrue(VectorBatchNorm.handles(rows));
        VectorBatchNorm.Layout layout = VectorBatchNorm.Layout.channelsLast(20, 6);
        INDArray mean = Nd4j.create(DataType.FLOAT, 6);
        INDArray variance = mean.ulike();

        VectorBatchNorm.moments(rows, layout, mean, variance);

        assertClose(rows.castTo(DataType.DOUBLE).mean(0).toDoubleVector(), mean.toDoubleVector(), 1e-6, "mean");
    }

    /** Single-precision values in the layout's shape, normal with the given mean and spread. */
    private static INDArray values(VectorBatchNorm.Layout layout, long seed, double mean, double spread) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, layout.outer(), layout.channels(), layout.inner()).muli(spread).addi(mean);
    }

    private static INDArray asDouble(INDArray values, VectorBatchNorm.Layout layout) {
        return values.castTo(DataType.DOUBLE).reshape(layout.outer(), layout.channels(), layout.inner());
    }

    private static float[] random(int channels, long seed, double mean) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, channels).addi(mean).toFloatVector();
    }

    private static INDArray perChannel(float[] values, int channels) {
        return Nd4j.createFromArray(values).castTo(DataType.DOUBLE).reshape(1, channels, 1);
    }

    private static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(worst <= tolerance, what + ": largest difference " + worst + " > " + tolerance + " (expected "
                + Arrays.toString(Arrays.copyOf(expected, Math.min(4, expected.length))) + "...)");
    }
}
