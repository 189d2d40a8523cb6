package dev.regzoo.data.augment;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC;
import static org.bytedeco.opencv.global.opencv_core.LUT;

import java.util.function.IntUnaryOperator;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Per-value operations on 8-bit images: lookup tables applied by OpenCV's {@code LUT}, and per-channel histograms. */
final class PixelTables {

    private static final int LEVELS = 256;

    private PixelTables() {
    }

    /** {@code image} with every value {@code v} of every channel replaced by {@code table(v)}, clamped to [0, 255]. */
    static Mat map(Mat image, IntUnaryOperator table) {
        int[] values = new int[LEVELS];
        for (int v = 0; v < LEVELS; v++) {
            values[v] = table.applyAsInt(v);
        }
        return map(image, new int[][] {values});
    }

    /**
     * {@code image} with each channel's values mapped through its own table of 256 entries; a single table serves
     * every channel.
     */
    static Mat map(Mat image, int[][] tables) {
        int channels = tables.length;
        byte[] lut = new byte[LEVELS * channels];
        for (int v = 0; v < LEVELS; v++) {
            for (int c = 0; c < channels; c++) {
                lut[v * channels + c] = (byte) Math.max(0, Math.min(LEVELS - 1, tables[c][v]));
            }
        }
        Mat out = new Mat();
        LUT(image, new Mat(1, LEVELS, CV_8UC(channels), new BytePointer(lut), true), out);
        return out;
    }

    /** The 256-bin histogram of each channel of an 8-bit image. */
    static int[][] histograms(Mat image) {
        int channels = image.channels();
        Mat continuous = image.isContinuous() ? image : image.clone();
        byte[] pixels = new byte[Math.toIntExact(continuous.total() * channels)];
        continuous.data().get(pixels);
        int[][] histograms = new int[channels][LEVELS];
        for (int i = 0; i < pixels.length; i++) {
            histograms[i % channels][pixels[i] & 0xFF]++;
        }
        return histograms;
    }
}
