package dev.regzoo.data;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import dev.regzoo.zoo.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reads single image files (JPEG, PNG, BMP) the way the training pipeline does. */
public final class ImageFiles {

    private ImageFiles() {
    }

    /**
     * Reads {@code file} converted to {@code shape} (grey ↔ BGR, alpha dropped, resized), as an 8-bit Mat.
     *
     * @throws InvalidDataException naming the file when it is missing or not a readable image
     */
    static Mat readMat(Path file, Shape shape) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidDataException(file, "image file not found");
        }
        Mat mat = imread(file.toString(), shape.channels() == 1 ? IMREAD_GRAYSCALE : IMREAD_COLOR);
        if (mat.empty()) {
            throw new InvalidDataException(file, "is not a readable JPEG, PNG or BMP image");
        }
        return MatImages.toShape(mat, shape);
    }

    /**
     * Reads {@code file} as a network input: {@code [1, C, H, W]} floats in [0, 255], before normalization. Images of
     * another size or channel count are converted, not rejected.
     *
     * @throws InvalidDataException naming the file when it is missing or not a readable image
     */
    public static INDArray read(Path file, Shape shape) {
        float[] pixels = new float[shape.channels() * shape.height() * shape.width()];
        try (PointerScope scope = new PointerScope()) {
            MatImages.copyChannelsFirst(readMat(file, shape), new byte[pixels.length], pixels, 0);
        }
        return Nd4j.create(pixels, shape.batchShape(1), 'c');
    }
}
