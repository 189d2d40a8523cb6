package dev.regzoo.data;

import dev.regzoo.zoo.Shape;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Some images of a dataset, unaugmented and converted to the input shape, kept under their indices in the dataset, so
 * that an {@link ImageBatchIterator} over {@link #indices()} draws each image's augmentation from (seed, epoch, image)
 * as it does over the whole dataset. {@code regzoo data export} writes the training split so for the Spark job, whose
 * executors augment each epoch. Only the shard's own indices can be read; {@link #size()} is the whole dataset's.
 *
 * <p>File format (big-endian, written by {@link #write}): the magic {@code RZSH}, version 1, the dataset's image count,
 * channels, height, width, the class names (a count, then each as modified UTF-8), the image count, then per image its
 * index and label (ints), then every image's pixels ({@code height × width × channels} bytes, channels interleaved as
 * OpenCV stores them). Written by hand: DL4J's {@code DataSet} files hold float features and no image indices.
 */
public final class ImageShard implements ImageSource {

    private static final int MAGIC = 0x525A5348; // "RZSH"
    private static final int VERSION = 1;

    private final int datasetSize;
    private final int[] indices;
    private final int[] labels;
    private final byte[] pixels;
    private final InMemoryImages images;

    private ImageShard(int datasetSize, Shape shape, List<String> classNames, int[] indices, int[] labels,
                       byte[] pixels) {
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= datasetSize || (i > 0 && indices[i] <= indices[i - 1])) {
                throw new IllegalArgumentException("shard image indices must ascend within [0, " + datasetSize
                        + "), got " + indices[i] + " at position " + i);
            }
        }
        this.datasetSize = datasetSize;
        this.indices = indices;
        this.labels = labels;
        this.pixels = pixels;
        this.images = InMemoryImages.of("a shard of " + indices.length + " images", shape, classNames, pixels, labels);
    }

    /** Images {@code indices} of {@code source}, converted to {@code shape} and not augmented. */
    public static ImageShard of(ImageSource source, int[] indices, Shape shape) {
        int[] sorted = indices.clone();
        Arrays.sort(sorted);
        int length = shape.channels() * shape.height() * shape.width();
        byte[] pixels = new byte[sorted.length * length];
        int[] labels = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            try (PointerScope scope = new PointerScope()) {
                MatImages.copyInterleaved(MatImages.toShape(source.read(sorted[i]), shape), pixels, i * length);
            }
            labels[i] = source.label(sorted[i]);
        }
        return new ImageShard(source.size(), shape, source.classNames(), sorted, labels, pixels);
    }

    /** The dataset indices of the shard's images, ascending. */
    public int[] indices() {
        return indices.clone();
    }

    /** Writes the shard in the format described above. */
    public void write(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        Shape shape = shape();
        data.writeInt(MAGIC);
        data.writeInt(VERSION);
        data.writeInt(datasetSize);
        data.writeInt(shape.channels());
        data.writeInt(shape.height());
        data.writeInt(shape.width());
        data.writeInt(classNames().size());
        for (String name : classNames()) {
            data.writeUTF(name);
        }
        data.writeInt(indices.length);
        for (int i = 0; i < indices.length; i++) {
            data.writeInt(indices[i]);
            data.writeInt(labels[i]);
        }
        data.write(pixels);
        data.flush();
    }

    /**
     * Reads a shard {@link #write} wrote.
     *
     * @throws InvalidDataException when the stream is not such a shard
     */
    public static ImageShard read(InputStream in, String name) throws IOException {
        DataInputStream data = new DataInputStream(in);
        if (data.readInt() != MAGIC || data.readInt() != VERSION) {
            throw new InvalidDataException(Path.of(name), "is not a regzoo image shard (version "
                    + VERSION + ")");
        }
        int datasetSize = data.readInt();
        Shape shape = new Shape(data.readInt(), data.readInt(), data.readInt());
        List<String> classNames = new ArrayList<>();
        for (int n = data.readInt(); n > 0; n--) {
            classNames.add(data.readUTF());
        }
        int count = data.readInt();
        int[] indices = new int[count];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            indices[i] = data.readInt();
            labels[i] = data.readInt();
        }
        byte[] pixels = new byte[count * shape.channels() * shape.height() * shape.width()];
        data.readFully(pixels);
        return new ImageShard(datasetSize, shape, classNames, indices, labels, pixels);
    }

    @Override
    public String description() {
        return images.description();
    }

    @Override
    public Shape shape() {
        return images.shape();
    }

    @Override
    public List<String> classNames() {
        return images.classNames();
    }

    /** The whole dataset's image count: the shard's indices lie below it. */
    @Override
    public int size() {
        return datasetSize;
    }

    /** @throws IllegalArgumentException for an index outside the shard */
    @Override
    public int label(int index) {
        return images.label(position(index));
    }

    /** @throws IllegalArgumentException for an index outside the shard */
    @Override
    public Mat read(int index) {
        return images.read(position(index));
    }

    private int position(int index) {
        int position = Arrays.binarySearch(indices, index);
        if (position < 0) {
            throw new IllegalArgumentException("image " + index + " is not in this shard of " + indices.length
                    + " images");
        }
        return position;
    }
}
