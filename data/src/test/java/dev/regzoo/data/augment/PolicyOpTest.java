package dev.regzoo.data.augment;

import static dev.regzoo.data.augment.Images.at;
import static dev.regzoo.data.augment.Images.pixels;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_COUNTERCLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.rotate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.data.augment.PolicyOp.Ranges;
import dev.regzoo.data.augment.PolicyOp.Step;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PolicyOpTest {

    private static final Mat GREY = Images.random(12, 10, 1, 0, 255, 1);
    private static final Mat COLOUR = Images.random(12, 10, 3, 0, 255, 2);

    @ParameterizedTest
    @EnumSource(PolicyOp.class)
    void everyOpKeepsSizeTypeAndItsInputAtEveryStrengthAndSign(PolicyOp op) {
        for (Mat image : new Mat[] {GREY, COLOUR}) {
            int[] before = pixels(image);
            for (Ranges ranges : Ranges.values()) {
                for (int bin : new int[] {0, 9, 30}) {
                    for (int sign : new int[] {1, -1}) {
                        Mat out = new Step(op, sign * op.magnitude(ranges, bin, image)).apply(image);
                        String at = op + " " + ranges + " bin " + bin + " sign " + sign;
                        assertEquals(image.rows(), out.rows(), at);
                        assertEquals(image.cols(), out.cols(), at);
                        assertEquals(image.type(), out.type(), at + ": still 8-bit (0-255), same channels");
                        assertArrayEquals(before, pixels(image), at + ": the input is not changed");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = PolicyOp.class, names = {"SOLARIZE", "AUTO_CONTRAST", "EQUALIZE"},
            mode = EnumSource.Mode.EXCLUDE)
    void binZeroIsTheIdentityForAllButTheThreeTorchvisionDefinesOtherwise(PolicyOp op) {
        for (Mat image : new Mat[] {GREY, COLOUR}) {
            for (Ranges ranges : Ranges.values()) {
                Mat out = op.step(ranges, 0, image, new Random(3)).apply(image);
                assertArrayEquals(pixels(image), pixels(out), op + " " + ranges + " at bin 0");
            }
        }
    }

    @Test
    void solarizeAtBinZeroInvertsOnlyPureWhiteAndAutoContrastAndEqualizeIgnoreTheMagnitude() {
        Mat image = Images.of(1, 4, 1, 0, 100, 254, 255);
        assertArrayEquals(new int[] {0, 100, 254, 0},
                pixels(PolicyOp.SOLARIZE.step(Ranges.STANDARD, 0, image, new Random(1)).apply(image)));
        for (PolicyOp op : new PolicyOp[] {PolicyOp.AUTO_CONTRAST, PolicyOp.EQUALIZE}) {
            assertArrayEquals(pixels(new Step(op, 0).apply(COLOUR)), pixels(new Step(op, 30).apply(COLOUR)));
        }
    }

    @Test
    void magnitudesAreTorchvisionsRanges() {
        Mat image = Images.random(28, 20, 1, 0, 255, 4);
        // bin 30 is each range's end; torchvision: linspace(0, max, 31), Solarize linspace(255, 0, 31)
        assertEquals(0.3, PolicyOp.SHEAR_X.magnitude(Ranges.STANDARD, 30, image), 1e-12);
        assertEquals(0.99, PolicyOp.SHEAR_Y.magnitude(Ranges.WIDE, 30, image), 1e-12);
        assertEquals(150.0 / 331 * 20, PolicyOp.TRANSLATE_X.magnitude(Ranges.STANDARD, 30, image), 1e-12);
        assertEquals(150.0 / 331 * 28, PolicyOp.TRANSLATE_Y.magnitude(Ranges.STANDARD, 30, image), 1e-12);
        assertEquals(32, PolicyOp.TRANSLATE_X.magnitude(Ranges.WIDE, 30, image), 1e-12);
        assertEquals(30, PolicyOp.ROTATE.magnitude(Ranges.STANDARD, 30, image), 1e-12);
        assertEquals(135, PolicyOp.ROTATE.magnitude(Ranges.WIDE, 30, image), 1e-12);
        assertEquals(0.9 * 9 / 30, PolicyOp.BRIGHTNESS.magnitude(Ranges.STANDARD, 9, image), 1e-12);
        assertEquals(0.99, PolicyOp.SHARPNESS.magnitude(Ranges.WIDE, 30, image), 1e-12);
        assertEquals(178.5, PolicyOp.SOLARIZE.magnitude(Ranges.STANDARD, 9, image), 1e-12);
        // torchvision: 8 - (arange(31) / ((31 - 1) / 4)).round(), and / 6 for the wide ranges
        int[] standardBits = {8, 8, 8, 8, 7, 7, 7, 7, 7, 7, 7, 7, 6, 6, 6, 6, 6, 6, 6, 5, 5, 5, 5, 5, 5, 5, 5, 4, 4, 4,
            4};
        int[] wideBits = {8, 8, 8, 7, 7, 7, 7, 7, 6, 6, 6, 6, 6, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 2, 2, 2};
        for (int bin = 0; bin < PolicyOp.BINS; bin++) {
            assertEquals(standardBits[bin], PolicyOp.POSTERIZE.magnitude(Ranges.STANDARD, bin, image), "bin " + bin);
            assertEquals(wideBits[bin], PolicyOp.POSTERIZE.magnitude(Ranges.WIDE, bin, image), "bin " + bin);
        }
    }

    @Test
    void signedOpsTakeBothSignsAndTheOthersNone() {
        Random random = new Random(5);
        for (PolicyOp op : PolicyOp.values()) {
            Set<Double> seen = new java.util.HashSet<>();
            for (int i = 0; i < 40; i++) {
                seen.add(Math.signum(op.step(Ranges.STANDARD, 30, GREY, random).magnitude()));
            }
            boolean hasMagnitude = op.magnitude(Ranges.STANDARD, 30, GREY) != 0;
            assertEquals(op.signed() ? Set.of(1.0, -1.0) : Set.of(hasMagnitude ? 1.0 : 0.0), seen, op.toString());
        }
    }

    @Test
    void toneOpsComputeTorchvisionsTables() {
        Mat ramp = Images.of(1, 6, 1, 0, 17, 100, 128, 200, 255);
        assertArrayEquals(new int[] {0, 16, 96, 128, 192, 240}, pixels(ToneOps.posterize(ramp, 4)));
        assertArrayEquals(pixels(ramp), pixels(ToneOps.posterize(ramp, 8)));
        assertArrayEquals(new int[] {0, 17, 100, 127, 55, 0}, pixels(ToneOps.solarize(ramp, 128)));

        Mat narrow = Images.of(1, 3, 1, 50, 100, 150);
        assertArrayEquals(new int[] {0, 127, 255}, pixels(ToneOps.autoContrast(narrow)));
        Mat flat = Images.of(1, 3, 1, 70, 70, 70);
        assertArrayEquals(pixels(flat), pixels(ToneOps.autoContrast(flat)), "a flat channel is left alone");
        Mat twoChannels = Images.of(1, 2, 3, 10, 0, 7, 20, 255, 7);
        assertArrayEquals(new int[] {0, 0, 7, 255, 255, 7}, pixels(ToneOps.autoContrast(twoChannels)),
                "each channel on its own");

        // 4 levels of 255 pixels each: step = (1020 - 255) / 255 = 3, level v -> (pixels below v + 1) / 3
        int[] levels = IntStream.range(0, 1020).map(i -> 10 * (i / 255)).toArray();
        Mat steps = Images.of(34, 30, 1, levels);
        int[] equalized = pixels(ToneOps.equalize(steps));
        assertEquals(Set.of(0, 85, 170, 255), IntStream.of(equalized).boxed().collect(java.util.stream.Collectors
                .toSet()));
        assertEquals(85, equalized[255]);
        assertArrayEquals(pixels(narrow), pixels(ToneOps.equalize(narrow)), "too few pixels: step 0, unchanged");
    }

    @Test
    void enhanceOpsBlendWithTheirDegenerateImage() {
        Mat ramp = Images.of(1, 4, 1, 0, 60, 101, 200);
        assertArrayEquals(new int[] {0, 90, 151, 255}, pixels(EnhanceOps.brightness(ramp, 0.5)));
        assertArrayEquals(new int[] {0, 30, 50, 100}, pixels(EnhanceOps.brightness(ramp, -0.5)));
        // mean 90.25: factor 0 gives the mean, factor 0.5 halfway to it
        assertArrayEquals(new int[] {90, 90, 90, 90}, pixels(EnhanceOps.contrast(ramp, -1)));
        assertArrayEquals(new int[] {45, 75, 95, 145}, pixels(EnhanceOps.contrast(ramp, -0.5)));
        assertArrayEquals(new int[] {0, 29, 111, 255}, pixels(EnhanceOps.contrast(ramp, 1)));

        assertArrayEquals(pixels(GREY), pixels(EnhanceOps.color(GREY, 0.9)), "color is the identity on grey");
        int[] grey = pixels(EnhanceOps.color(COLOUR, -1));
        for (int p = 0; p < grey.length; p += 3) {
            assertTrue(grey[p] == grey[p + 1] && grey[p] == grey[p + 2], "factor 0 gives the greyscale");
        }

        int[] dot = new int[25];
        dot[12] = 130;
        Mat point = Images.of(5, 5, 1, dot);
        Mat smooth = EnhanceOps.sharpness(point, -1);
        assertEquals(50, at(smooth, 2, 2), "centre: 130 * 5 / 13");
        assertEquals(10, at(smooth, 1, 1), "neighbour: 130 / 13");
        assertEquals(0, at(smooth, 0, 0), "the border is the original's");
        Mat sharp = EnhanceOps.sharpness(point, 0.5);
        assertEquals(170, at(sharp, 2, 2), "1.5 * 130 - 0.5 * 50");
        assertEquals(0, at(sharp, 1, 1), "1.5 * 0 - 0.5 * 10, saturated");
    }

    @Test
    void geometricOpsMoveThePixelsTheWayTorchvisionDoes() {
        Mat image = Images.random(7, 7, 1, 1, 255, 6);
        Mat right = GeometricOps.translateX(image, 2.9);
        Mat up = GeometricOps.translateY(image, -1.5);
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 7; x++) {
                assertEquals(x < 2 ? 0 : at(image, y, x - 2), at(right, y, x), "2.9 truncates to a 2-pixel shift");
                assertEquals(y == 6 ? 0 : at(image, y + 1, x), at(up, y, x), "a negative shift moves up");
            }
        }
        assertEquals(0, IntStream.of(pixels(GeometricOps.translateX(image, -32))).sum(), "beyond the image: black");

        // output (x, y) takes input (x + m (y + 1/2), y): with m = 2, row 0 from x + 1, row 1 from x + 3
        Mat sheared = GeometricOps.shearX(image, 2);
        assertEquals(at(image, 0, 4), at(sheared, 0, 3));
        assertEquals(at(image, 1, 6), at(sheared, 1, 3));
        assertEquals(0, at(sheared, 1, 4), "from outside the image: 0");
        Mat shearedY = GeometricOps.shearY(image, -2);
        assertEquals(at(image, 2, 0), at(shearedY, 3, 0), "row y takes y - 2 (x + 1/2)");

        Mat rotated = new Mat();
        for (Mat square : new Mat[] {image, Images.random(6, 6, 3, 0, 255, 7)}) {
            rotate(square, rotated, ROTATE_90_COUNTERCLOCKWISE);
            assertArrayEquals(pixels(rotated), pixels(GeometricOps.rotate(square, 90)),
                    "+90° turns counter-clockwise about the exact centre, odd or even size");
        }
    }
}
