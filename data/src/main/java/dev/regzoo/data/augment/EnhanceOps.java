package dev.regzoo.data.augment;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.addWeighted;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.filter2D;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * The policies' enhancement operations (PIL's {@code ImageEnhance}, torchvision's {@code adjust_*}): each blends the
 * image with a degenerate version of itself, {@code out = f·image + (1 − f)·degenerate}, with {@code f = 1 + m} and
 * the result saturated to [0, 255]; {@code m = 0} leaves the image as it is. regzoo's own
 * {@link BrightnessContrastTransform} is not reused: it adds to brightness and scales contrast about 0, where these
 * scale brightness and blend contrast towards the mean grey.
 *
 * <p>Brightness and contrast blend with a constant and are lookup tables that truncate as torchvision does; color,
 * sharpness and the mean grey of colour images come from OpenCV's {@code cvtColor} and {@code addWeighted}, which round
 * where torchvision truncates: compared with torchvision on test images, contrast and sharpness were at most 1 grey
 * level off, color 2.
 */
final class EnhanceOps {

    private EnhanceOps() {
    }

    /** Blends with black: every value times {@code 1 + m}. */
    static Mat brightness(Mat image, double m) {
        float f = (float) (1 + m);
        return m == 0 ? image : PixelTables.map(image, v -> (int) (f * v));
    }

    /** Blends with the mean grey level of the image (its greyscale's for colour images). */
    static Mat contrast(Mat image, double m) {
        if (m == 0) {
            return image;
        }
        float f = (float) (1 + m);
        float grey = (float) mean(image.channels() == 1 ? image : greyscale(image)).get(0);
        return PixelTables.map(image, v -> (int) (f * v + (1 - f) * grey));
    }

    /** Blends with the image's greyscale (saturation); a one-channel image is left as it is. */
    static Mat color(Mat image, double m) {
        if (m == 0 || image.channels() == 1) {
            return image;
        }
        Mat grey = new Mat();
        cvtColor(greyscale(image), grey, COLOR_GRAY2BGR);
        return blend(image, grey, 1 + m);
    }

    /**
     * Blends with the image smoothed by PIL's filter (1 around, 5 in the centre, divided by 13), whose one-pixel border
     * is the original's. (The kernel is made per call: a shared native Mat would be freed by the first
     * {@code PointerScope} it was created in.)
     */
    static Mat sharpness(Mat image, double m) {
        if (m == 0 || image.rows() <= 2 || image.cols() <= 2) {
            return image;
        }
        Mat smooth = new Mat();
        float side = 1 / 13f;
        Mat kernel = new Mat(3, 3, CV_32F, new FloatPointer(side, side, side, side, 5 / 13f, side, side, side, side),
                true);
        filter2D(image, smooth, -1, kernel);
        Mat degenerate = image.clone();
        Rect inside = new Rect(1, 1, image.cols() - 2, image.rows() - 2);
        new Mat(smooth, inside).copyTo(new Mat(degenerate, inside));
        return blend(image, degenerate, 1 + m);
    }

    private static Mat greyscale(Mat bgr) {
        Mat grey = new Mat();
        cvtColor(bgr, grey, COLOR_BGR2GRAY);
        return grey;
    }

    private static Mat blend(Mat image, Mat degenerate, double f) {
        Mat out = new Mat();
        addWeighted(image, f, degenerate, 1 - f, 0, out);
        return out;
    }
}
