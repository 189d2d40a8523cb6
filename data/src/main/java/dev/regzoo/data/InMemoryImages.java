package dev.regzoo.data;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC;

import dev.regzoo.zoo.Shape;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Images held in memory as 8-bit pixels (height × width × channels, interleaved), such as an IDX dataset. */
public final class InMemoryImages implements ImageSource {

    private final String description;
    private final Shape shape;
    private final List<String> classNames;
    private final byte[] pixels;
    private final byte[] labels;

    private InMemoryImages(String description, Shape shape, List<String> classNames, byte[] pixels, byte[] labels) {
        this.description = description;
        this.shape = shape;
        this.classNames = List.copyOf(classNames);
        this.pixels = pixels;
        this.labels = labels;
    }

    /**
     * Reads an IDX image file and its label file.
     *
     * @throws InvalidDataException if either file is invalid, their counts differ, or a label is outside
     *                              {@code [0, classNames.size())}
     */
    public static InMemoryImages fromIdx(Path imagesFile, Path labelsFile, List<String> classNames) {
        return fromIdx(imagesFile, labelsFile, classNames, java.nio.file.Files::newInputStream);
    }

    static InMemoryImages fromIdx(Path imagesFile, Path labelsFile, List<String> classNames,
                                  IdxReader.StreamOpener opener) {
        IdxReader.Images images = IdxReader.readImages(imagesFile, opener);
        byte[] labels = IdxReader.readLabels(labelsFile, opener);
        if (labels.length != images.count()) {
            throw new InvalidDataException(labelsFile, "has " + labels.length + " labels but " + imagesFile
                    + " has " + images.count() + " images");
        }
        for (int i = 0; i < labels.length; i++) {
            int label = Byte.toUnsignedInt(labels[i]);
            if (label >= classNames.size()) {
                throw new InvalidDataException(labelsFile, "label " + label + " of image " + i
                        + " is outside the class range [0, " + (classNames.size() - 1) + "]");
            }
        }
        return new InMemoryImages(imagesFile.toString(), new Shape(1, images.rows(), images.cols()), classNames,
                images.pixels(), labels);
    }

    /**
     * Images from memory: {@code pixels} holds {@code labels.length} images of {@code shape}, each height × width ×
     * channels (interleaved, as OpenCV stores them), 8 bits per value.
     *
     * @throws IllegalArgumentException if the sizes disagree or a label is outside the class range
     */
    public static InMemoryImages of(String description, Shape shape, List<String> classNames, byte[] pixels,
                                    int[] labels) {
        long perImage = (long) shape.channels() * shape.height() * shape.width();
        if (pixels.length != perImage * labels.length) {
            throw new IllegalArgumentException(description + ": " + pixels.length + " pixel values for "
                    + labels.length + " images of " + shape + " (expected " + perImage * labels.length + ")");
        }
        byte[] packed = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException(description + ": label " + labels[i] + " of image " + i
                        + " is outside [0, " + (classNames.size() - 1) + "]");
            }
            packed[i] = (byte) labels[i];
        }
        return new InMemoryImages(description, shape, classNames, pixels.clone(), packed);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int label(int index) {
        return Byte.toUnsignedInt(labels[index]);
    }

    @Override
    public Mat read(int index) {
        int length = shape.channels() * shape.height() * shape.width();
        Mat mat = new Mat(shape.height(), shape.width(), CV_8UC(shape.channels()));
        ((BytePointer) mat.data()).put(pixels, index * length, length);
        return mat;
    }
}
