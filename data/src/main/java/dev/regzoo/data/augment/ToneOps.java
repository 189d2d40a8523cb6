package dev.regzoo.data.augment;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The policies' tone operations, each a lookup table over the 256 grey levels, computed as torchvision's
 * {@code F.posterize}, {@code F.solarize}, {@code F.autocontrast} and {@code F.equalize} do for 8-bit images (same
 * values, level for level). Auto-contrast and equalization work on each channel separately.
 */
final class ToneOps {

    private ToneOps() {
    }

    /** Keeps the {@code bits} highest bits of every value (8: unchanged). */
    static Mat posterize(Mat image, double bits) {
        int mask = 0xFF & -(1 << (8 - (int) bits));
        return mask == 0xFF ? image : PixelTables.map(image, v -> v & mask);
    }

    /** Inverts every value at or above {@code threshold} ({@code v → 255 − v}); at 255 only pure white is inverted. */
    static Mat solarize(Mat image, double threshold) {
        return PixelTables.map(image, v -> v >= threshold ? 255 - v : v);
    }

    /** Stretches each channel linearly so that its darkest value becomes 0 and its brightest 255 (flat: unchanged). */
    static Mat autoContrast(Mat image) {
        int[][] histograms = PixelTables.histograms(image);
        int[][] tables = new int[histograms.length][256];
        for (int c = 0; c < histograms.length; c++) {
            int min = 0;
            while (histograms[c][min] == 0) {
                min++;
            }
            int max = 255;
            while (histograms[c][max] == 0) {
                max--;
            }
            float scale = 255f / (max - min); // float, as torchvision: it decides where values truncate
            for (int v = 0; v < 256; v++) {
                tables[c][v] = max == min ? v : (int) Math.min(255f, Math.max(0f, (v - min) * scale));
            }
        }
        return PixelTables.map(image, tables);
    }

    /**
     * Histogram equalization of each channel, PIL's {@code ImageOps.equalize} as torchvision ports it: with
     * {@code step} the pixel count outside the brightest non-empty level divided by 255 (rounded down), {@code v}
     * becomes
     * {@code (count below v + step / 2) / step}; a channel whose step is 0 (nearly flat) is left as it is.
     */
    static Mat equalize(Mat image) {
        int[][] histograms = PixelTables.histograms(image);
        int[][] tables = new int[histograms.length][256];
        for (int c = 0; c < histograms.length; c++) {
            int[] histogram = histograms[c];
            int last = 255;
            while (histogram[last] == 0) {
                last--;
            }
            long total = 0;
            for (int count : histogram) {
                total += count;
            }
            long step = (total - histogram[last]) / 255;
            long below = 0;
            for (int v = 0; v < 256; v++) {
                tables[c][v] = step == 0 ? v : (int) ((below + step / 2) / step);
                below += histogram[v];
            }
        }
        return PixelTables.map(image, tables);
    }
}
