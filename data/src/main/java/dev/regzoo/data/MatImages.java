package dev.regzoo.data;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.regzoo.zoo.Shape;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/** Conversions between 8-bit OpenCV images and the network's channels-first float input. */
final class MatImages {

    private MatImages() {
    }

    /** Converts channels (grey ↔ BGR, dropping alpha) and resizes to {@code shape}; returns {@code mat} if it fits. */
    static Mat toShape(Mat mat, Shape shape) {
        Mat out = mat;
        int channels = mat.channels();
        if (channels != shape.channels()) {
            Mat converted = new Mat();
            cvtColor(out, converted, conversion(channels, shape.channels()));
            out = converted;
        }
        if (out.rows() != shape.height() || out.cols() != shape.width()) {
            Mat resized = new Mat();
            boolean shrink = out.rows() > shape.height() || out.cols() > shape.width();
            resize(out, resized, new Size(shape.width(), shape.height()), 0, 0, shrink ? INTER_AREA : INTER_LINEAR);
            out = resized;
        }
        return out;
    }

    private static int conversion(int from, int to) {
        if (from == 1 && to == 3) {
            return COLOR_GRAY2BGR;
        }
        if (from == 3 && to == 1) {
            return COLOR_BGR2GRAY;
        }
        if (from == 4 && to == 3) {
            return COLOR_BGRA2BGR;
        }
        if (from == 4 && to == 1) {
            return COLOR_BGRA2GRAY;
        }
        throw new IllegalArgumentException("cannot convert " + from + "-channel images to " + to + " channels");
    }

    /** Copies an 8-bit {@code H×W×C} image into {@code dst} at {@code offset} as it is stored (channels interleaved). */
    static void copyInterleaved(Mat mat, byte[] dst, int offset) {
        Mat continuous = mat.isContinuous() ? mat : mat.clone();
        continuous.data().get(dst, offset, continuous.rows() * continuous.cols() * continuous.channels());
    }

    /** Writes an 8-bit {@code H×W×C} image into {@code dst} at {@code offset} as channels-first floats in [0, 255]. */
    static void copyChannelsFirst(Mat mat, byte[] scratch, float[] dst, int offset) {
        Mat continuous = mat.isContinuous() ? mat : mat.clone();
        int h = continuous.rows();
        int w = continuous.cols();
        int c = continuous.channels();
        continuous.data().get(scratch, 0, h * w * c);
        int plane = h * w;
        for (int p = 0; p < plane; p++) {
            for (int ch = 0; ch < c; ch++) {
                dst[offset + ch * plane + p] = scratch[p * c + ch] & 0xFF;
            }
        }
    }
}
