package dev.regzoo.data.augment;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC;

import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Small 8-bit test images and their pixels. */
final class Images {

    private Images() {
    }

    /** A {@code rows×cols} image with {@code channels} channels from interleaved pixel values in [0, 255]. */
    static Mat of(int rows, int cols, int channels, int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return new Mat(rows, cols, CV_8UC(channels), new BytePointer(bytes), true);
    }

    /** Random pixels in [lo, hi]. */
    static Mat random(int rows, int cols, int channels, int lo, int hi, long seed) {
        Random random = new Random(seed);
        int[] values = new int[rows * cols * channels];
        for (int i = 0; i < values.length; i++) {
            values[i] = lo + random.nextInt(hi - lo + 1);
        }
        return of(rows, cols, channels, values);
    }

    /** The interleaved pixel values of an 8-bit image. */
    static int[] pixels(Mat mat) {
        Mat continuous = mat.isContinuous() ? mat : mat.clone();
        byte[] bytes = new byte[Math.toIntExact(continuous.total() * continuous.channels())];
        continuous.data().get(bytes);
        int[] values = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = bytes[i] & 0xFF;
        }
        return values;
    }

    /** The value at row {@code y}, column {@code x} of a one-channel image. */
    static int at(Mat grey, int y, int x) {
        return pixels(grey)[y * grey.cols() + x];
    }
}
