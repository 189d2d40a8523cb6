package dev.regzoo.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Channel sums from matrix products equal ND4J's direct sums, whatever the row count factors into. */
class ChannelSumsTest {

    static Arguments[] shapes() {
        return new Arguments[] {
            // rows 120: 30 blocks of 4 rows
            Arguments.of(new long[] {4, 5, 6, 7}, CNN2DFormat.NHWC, new int[] {0, 1, 2}),
            // rows 231 = 3·7·11: 21 blocks of 11 rows
            Arguments.of(new long[] {3, 7, 11, 13}, CNN2DFormat.NHWC, new int[] {0, 1, 2}),
            // rows 67, a prime: one block
            Arguments.of(new long[] {1, 67, 1, 5}, CNN2DFormat.NHWC, new int[] {0, 1, 2}),
            // rows 6,272 = 2^7·7², the shape of a SmallCnn gradient at a smaller batch
            Arguments.of(new long[] {8, 28, 28, 3}, CNN2DFormat.NHWC, new int[] {0, 1, 2}),
            // rows 100,352: SmallCnn's first layers at batch 128, where one long chain rounds visibly
            Arguments.of(new long[] {128, 28, 28, 2}, CNN2DFormat.NHWC, new int[] {0, 1, 2}),
            Arguments.of(new long[] {200, 9}, CNN2DFormat.NHWC, new int[] {0}),
            Arguments.of(new long[] {4, 6, 5, 5}, CNN2DFormat.NCHW, new int[] {0, 2, 3}),
        };
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void equalTheDirectSums(long[] shape, CNN2DFormat format, int[] dims) {
        Nd4j.getRandom().setSeed(shape.length + shape[0]);
        INDArray values = Nd4j.randn(DataType.DOUBLE, shape).addi(0.5);

        double[] expected = values.sum(dims).toDoubleVector();
        double[] actual = ChannelSums.of(values, format).toDoubleVector();

        assertArrayEquals(expected, actual, 1e-9);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void takeValuesInAnyMemoryOrder(long[] shape, CNN2DFormat format, int[] dims) {
        INDArray values = Nd4j.rand(DataType.DOUBLE, shape).dup('f');

        assertArrayEquals(values.sum(dims).toDoubleVector(), ChannelSums.of(values, format).toDoubleVector(), 1e-9);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void roundNoWorseThanOneChainInSinglePrecision(long[] shape, CNN2DFormat format, int[] dims) {
        INDArray values = Nd4j.rand(DataType.DOUBLE, shape);
        double[] exact = values.sum(dims).toDoubleVector();
        INDArray single = values.castTo(DataType.FLOAT);

        double blockedError = maxRelativeError(exact, ChannelSums.of(single, format).toDoubleVector());
        double chainError = maxRelativeError(exact, single.sum(dims).toDoubleVector());

        assertTrue(blockedError <= Math.max(chainError, 1e-6),
                "blocked error " + blockedError + " vs one chain " + chainError);
    }

    private static double maxRelativeError(double[] exact, double[] actual) {
        double worst = 0;
        for (int i = 0; i < exact.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - exact[i]) / Math.abs(exact[i]));
        }
        return worst;
    }
}
