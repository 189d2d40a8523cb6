package dev.regzoo.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFiles {

    private IdxFiles() {
    }

    static byte[] idx(int magic, int[] dims, byte[] payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(payload);
        return bytes.toByteArray();
    }

    static Path write(Path file, byte[] content, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
        return file;
    }

    /** {@code n} images of rows×cols where pixel j of image i is (i*7 + j) mod 256; labels i mod classes. */
    static void dataset(Path dir, String split, int n, int rows, int cols, int classes, boolean gzip)
            throws IOException {
        byte[] pixels = new byte[n * rows * cols];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < rows * cols; j++) {
                pixels[i * rows * cols + j] = (byte) ((i * 7 + j) % 256);
            }
        }
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % classes);
        }
        String ext = gzip ? ".gz" : "";
        write(dir.resolve(split + "-images-idx3-ubyte" + ext), idx(0x803, new int[] {n, rows, cols}, pixels), gzip);
        write(dir.resolve(split + "-labels-idx1-ubyte" + ext), idx(0x801, new int[] {n}, labels), gzip);
    }
}
