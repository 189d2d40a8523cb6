package dev.regzoo.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (the MNIST / Fashion-MNIST format), gzipped or plain, into memory. Written by hand because DL4J's
 * {@code MnistManager} reads only uncompressed files and does not validate them.
 *
 * <p>Everything is checked before a result is returned: magic number, dimensions, that the file holds exactly the
 * announced bytes. A bad file raises {@link InvalidDataException} naming the file and the problem.
 */
public final class IdxReader {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /** Images of an IDX3 file: {@code count} images of {@code rows×cols} unsigned bytes, row-major. */
    public record Images(int count, int rows, int cols, byte[] pixels) {
    }

    /** Reads an IDX3 unsigned-byte image file. */
    public static Images readImages(Path file) {
        return readImages(file, Files::newInputStream);
    }

    /** Reads IDX3 images from a stream; {@code name} is used in error messages. */
    static Images readImages(Path name, StreamOpener opener) {
        try (DataInputStream in = open(opener.open(name))) {
            Path file = name;
            expectMagic(file, in.readInt(), IMAGES_MAGIC, "image");
            int count = positive(file, "image count", in.readInt());
            int rows = positive(file, "rows", in.readInt());
            int cols = positive(file, "columns", in.readInt());
            long bytes = (long) count * rows * cols;
            if (bytes > Integer.MAX_VALUE - 8) {
                throw new InvalidDataException(file, count + " images of " + rows + "x" + cols + " do not fit in memory");
            }
            byte[] pixels = readExactly(file, in, (int) bytes, count + " images of " + rows + "x" + cols);
            return new Images(count, rows, cols, pixels);
        } catch (EOFException e) {
            throw new InvalidDataException(name, "truncated: the header is incomplete", e);
        } catch (IOException e) {
            throw unreadable(name, e);
        }
    }

    /** Reads an IDX1 unsigned-byte label file. */
    public static byte[] readLabels(Path file) {
        return readLabels(file, Files::newInputStream);
    }

    /** Reads IDX1 labels from a stream; {@code name} is used in error messages. */
    static byte[] readLabels(Path name, StreamOpener opener) {
        try (DataInputStream in = open(opener.open(name))) {
            Path file = name;
            expectMagic(file, in.readInt(), LABELS_MAGIC, "label");
            int count = positive(file, "label count", in.readInt());
            return readExactly(file, in, count, count + " labels");
        } catch (EOFException e) {
            throw new InvalidDataException(name, "truncated: the header is incomplete", e);
        } catch (IOException e) {
            throw unreadable(name, e);
        }
    }

    /** Opens the bytes behind a name: a file, or a classpath resource. */
    @FunctionalInterface
    interface StreamOpener {
        InputStream open(Path name) throws IOException;
    }

    private static DataInputStream open(InputStream stream) throws IOException {
        InputStream raw = new BufferedInputStream(stream, 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        boolean gzip = b0 == 0x1f && b1 == 0x8b;
        return new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw);
    }

    private static byte[] readExactly(Path file, DataInputStream in, int length, String what) throws IOException {
        byte[] data = new byte[length];
        int read = in.readNBytes(data, 0, length);
        if (read < length) {
            throw new InvalidDataException(file, "truncated: the header announces " + what + " (" + length
                    + " bytes) but only " + read + " bytes follow");
        }
        if (in.read() != -1) {
            throw new InvalidDataException(file, "has data after the " + what + " its header announces");
        }
        return data;
    }

    private static void expectMagic(Path file, int magic, int expected, String kind) {
        if (magic != expected) {
            throw new InvalidDataException(file, String.format(
                    "not an IDX %s file: magic number 0x%08X, expected 0x%08X", kind, magic, expected));
        }
    }

    private static int positive(Path file, String field, int value) {
        if (value <= 0) {
            throw new InvalidDataException(file, "invalid header: " + field + " is " + value);
        }
        return value;
    }

    private static InvalidDataException unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new InvalidDataException(file, "file not found", e);
        }
        return new InvalidDataException(file, "cannot be read: " + e.getMessage(), e);
    }
}
