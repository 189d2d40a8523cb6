package dev.regzoo.data;

import dev.regzoo.zoo.Shape;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A labelled set of images, read one at a time (by background threads: implementations are thread-safe).
 * Images come as 8-bit OpenCV {@link Mat}s so that DataVec's image transforms apply to them directly.
 */
public interface ImageSource {

    /** Where the images come from, for logs and {@code regzoo data info}. */
    String description();

    /** The shape every image has (channels, height, width). */
    Shape shape();

    /** Class names, in label order. */
    List<String> classNames();

    /** Number of images. */
    int size();

    /** Label of image {@code index}, in {@code [0, classNames().size())}. */
    int label(int index);

    /** Image {@code index} as an 8-bit {@code height×width} Mat with {@code channels} channels; the caller owns it. */
    Mat read(int index);

    /** Number of images per class, in label order. */
    default int[] classCounts() {
        int[] counts = new int[classNames().size()];
        for (int i = 0; i < size(); i++) {
            counts[label(i)]++;
        }
        return counts;
    }

    /** All labels, in image order. */
    default int[] labels() {
        int[] labels = new int[size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = label(i);
        }
        return labels;
    }
}
