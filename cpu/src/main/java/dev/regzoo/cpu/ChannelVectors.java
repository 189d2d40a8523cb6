package dev.regzoo.cpu;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-channel vectors (BatchNorm's gamma, beta, statistics and their gradients) moved between INDArrays and Java
 * arrays through the arrays' memory. Each ND4J op costs tens of microseconds however small its array (JNI, a new
 * shape descriptor, a registration with ND4J's deallocator); a BatchNorm layer's per-channel reads and writes took
 * about ten such ops per training step, a ResNet's hundreds. Single-precision vectors whose elements lie next to each
 * other are read and written directly; others go through ND4J.
 */
final class ChannelVectors {

    private ChannelVectors() {
    }

    /** The values of {@code vector} (any shape with one non-unit dimension, or a scalar). */
    static float[] read(INDArray vector) {
        if (!direct(vector)) {
            return vector.reshape(vector.length()).toFloatVector();
        }
        float[] values = new float[(int) vector.length()];
        floats(vector).get(values);
        return values;
    }

    /** Writes {@code values} into {@code vector}, in order. */
    static void write(INDArray vector, float[] values) {
        if (vector.length() != values.length) {
            throw new IllegalArgumentException("writing " + values.length + " values into " + vector.length());
        }
        if (direct(vector)) {
            floats(vector).put(values);
        } else {
            vector.assign(Nd4j.createFromArray(values).reshape(vector.shape()).castTo(vector.dataType()));
        }
    }

    /** Writes {@code values}, rounded to single precision where {@code vector} holds it, into {@code vector}. */
    static void write(INDArray vector, double[] values) {
        if (direct(vector)) {
            float[] rounded = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                rounded[i] = (float) values[i];
            }
            write(vector, rounded);
        } else {
            vector.assign(Nd4j.createFromArray(values).reshape(vector.shape()).castTo(vector.dataType()));
        }
    }

    /** Single precision, elements adjacent in memory from the array's first one. */
    private static boolean direct(INDArray vector) {
        return vector.dataType() == DataType.FLOAT && (vector.isVectorOrScalar() || vector.length() == 1)
                && (vector.length() == 1 || vector.elementWiseStride() == 1)
                && vector.length() <= Integer.MAX_VALUE / Float.BYTES;
    }

    private static FloatBuffer floats(INDArray vector) {
        return VectorBatchNorm.bytes(vector).asFloatBuffer();
    }
}
