package dev.regzoo.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Per-channel vectors read and written through memory land exactly where ND4J's own ops would put them. */
class ChannelVectorsTest {

    /** 0, 1, ..., 19 as a [4, 5] single-precision matrix: parameters flattened as DL4J keeps them. */
    private static INDArray flat(DataType type) {
        return Nd4j.arange(20).castTo(type).reshape(4, 5);
    }

    /** Views as BatchNorm's parameters and gradients are: rows and slices of a flat array, whole vectors, columns. */
    static Stream<Arguments> vectors() {
        return Stream.of(
                Arguments.of("whole vector", Nd4j.arange(5).castTo(DataType.FLOAT)),
                Arguments.of("row view at an offset", flat(DataType.FLOAT).getRow(2)),
                Arguments.of("first row view", flat(DataType.FLOAT).getRow(0)),
                Arguments.of("[1, n] slice of a flat vector", flat(DataType.FLOAT).reshape(1, 20)
                        .get(NDArrayIndex.point(0), NDArrayIndex.interval(7, 12)).reshape(1, 5)),
                Arguments.of("column of a c-order matrix (strided)", flat(DataType.FLOAT).getColumn(1)),
                Arguments.of("every other element (strided)", Nd4j.arange(10).castTo(DataType.FLOAT)
                        .get(NDArrayIndex.interval(0, 2, 10))),
                Arguments.of("double precision", flat(DataType.DOUBLE).getRow(1)),
                Arguments.of("single channel", flat(DataType.FLOAT).getRow(3).get(NDArrayIndex.interval(2, 3))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void readsWhatNd4jReads(String name, INDArray vector) {
        assertArrayEquals(vector.dup().reshape(vector.length()).toFloatVector(), ChannelVectors.read(vector));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void writesOnlyTheVectorsElements(String name, INDArray vector) {
        INDArray whole = vector.isView() ? null : vector;
        INDArray before = vector.dup();
        float[] values = new float[(int) vector.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = 100 + i;
        }
        INDArray expected = Nd4j.createFromArray(values).reshape(vector.shape()).castTo(vector.dataType());
        ChannelVectors.write(vector, values);
        assertEquals(expected, vector);
        ChannelVectors.write(vector, before.reshape(vector.length()).toDoubleVector());
        assertEquals(before, vector, "written back through the double overload");
        if (whole != null) {
            assertEquals(before, whole);
        }
    }

    @Test
    void leavesTheNeighboursOfAViewUntouched() {
        INDArray params = flat(DataType.FLOAT);
        INDArray expected = params.dup();
        expected.getRow(2).assign(-1);
        ChannelVectors.write(params.getRow(2), new float[] {-1, -1, -1, -1, -1});
        assertEquals(expected, params);
        ChannelVectors.write(params.getRow(0), new double[] {0.1, 0.2, 0.3, 0.4, 0.5});
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f}, params.getRow(0).toFloatVector());
        assertEquals(expected.getRow(1), params.getRow(1));
    }

    @Test
    void rejectsAWrongNumberOfValues() {
        assertThrows(IllegalArgumentException.class,
                () -> ChannelVectors.write(Nd4j.zeros(DataType.FLOAT, 3), new float[] {1, 2}));
    }
}
