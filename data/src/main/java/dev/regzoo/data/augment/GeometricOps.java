package dev.regzoo.data.augment;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.WARP_INVERSE_MAP;
import static org.bytedeco.opencv.global.opencv_imgproc.getRotationMatrix2D;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The policies' geometric operations, as torchvision's {@code F.affine}/{@code F.rotate} compute them: bilinear
 * interpolation (torchvision's reference recipes pass {@code interpolation=BILINEAR}; integer translations are exact
 * either way), the area outside the image filled with 0. Coordinates below are OpenCV's, with pixel centres at
 * whole numbers. OpenCV interpolates at 1/32 pixel: compared with torchvision's {@code grid_sample} on test images,
 * rotations and shears were at most 4 grey levels off, on 1–2% of the pixels.
 */
final class GeometricOps {

    private GeometricOps() {
    }

    /**
     * Horizontal shear by {@code m} about the top-left corner (torchvision's {@code center=[0, 0]}): the output pixel
     * {@code (x, y)} takes the input at {@code (x + m·(y + ½), y)}; with a positive {@code m} lower rows move further
     * left.
     */
    static Mat shearX(Mat image, double m) {
        return m == 0 ? image : warpInverse(image, 1, m, m / 2, 0, 1, 0);
    }

    /** Vertical shear by {@code m} about the top-left: output {@code (x, y)} takes {@code (x, y + m·(x + ½))}. */
    static Mat shearY(Mat image, double m) {
        return m == 0 ? image : warpInverse(image, 1, 0, 0, m, 1, m / 2);
    }

    /** Shift right by {@code m} pixels truncated to a whole number (torchvision's {@code int(magnitude)}). */
    static Mat translateX(Mat image, double m) {
        return (int) m == 0 ? image : RandomTranslateTransform.shift(image, (int) m, 0);
    }

    /** Shift down by {@code m} pixels truncated to a whole number. */
    static Mat translateY(Mat image, double m) {
        return (int) m == 0 ? image : RandomTranslateTransform.shift(image, 0, (int) m);
    }

    /** Rotation by {@code degrees} counter-clockwise about the exact image centre (torchvision's {@code F.rotate}). */
    static Mat rotate(Mat image, double degrees) {
        if (degrees == 0) {
            return image;
        }
        Point2f centre = new Point2f((image.cols() - 1) / 2f, (image.rows() - 1) / 2f);
        return warp(image, getRotationMatrix2D(centre, degrees, 1), INTER_LINEAR);
    }

    /** {@code image} through the 2×3 affine {@code matrix} (forward, or inverse with {@code WARP_INVERSE_MAP}). */
    static Mat warp(Mat image, Mat matrix, int flags) {
        Mat out = new Mat();
        warpAffine(image, out, matrix, new Size(image.cols(), image.rows()), flags, BORDER_CONSTANT, Scalar.all(0));
        return out;
    }

    /** Warps with the output-to-input map {@code x_in = a·x + b·y + c, y_in = d·x + e·y + f}. */
    private static Mat warpInverse(Mat image, double a, double b, double c, double d, double e, double f) {
        Mat matrix = new Mat(2, 3, CV_64F, new DoublePointer(a, b, c, d, e, f), true);
        return warp(image, matrix, INTER_LINEAR | WARP_INVERSE_MAP);
    }
}
