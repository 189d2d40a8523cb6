package dev.regzoo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    private static final List<String> THREE = List.of("a", "b", "c");

    @TempDir
    Path dir;

    private static void assertInvalid(Executable call, Path file, String problem) {
        InvalidDataException e = assertThrows(InvalidDataException.class, call);
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void readsPlainAndGzippedFilesExactly() throws IOException {
        byte[] pixels = new byte[2 * 3 * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (250 + i);
        }
        for (boolean gzip : new boolean[] {false, true}) {
            Path f = IdxFiles.write(dir.resolve("img" + gzip), IdxFiles.idx(0x803, new int[] {2, 3, 4}, pixels), gzip);
            IdxReader.Images images = IdxReader.readImages(f);
            assertEquals(2, images.count());
            assertEquals(3, images.rows());
            assertEquals(4, images.cols());
            assertArrayEquals(pixels, images.pixels());
            Path l = IdxFiles.write(dir.resolve("lbl" + gzip), IdxFiles.idx(0x801, new int[] {2}, new byte[] {9, 0}),
                    gzip);
            assertArrayEquals(new byte[] {9, 0}, IdxReader.readLabels(l));
        }
    }

    @Test
    void inMemoryImagesKeepPixelsAndLabels() throws IOException {
        IdxFiles.dataset(dir, "train", 5, 2, 3, 3, true);
        InMemoryImages images = InMemoryImages.fromIdx(dir.resolve("train-images-idx3-ubyte.gz"),
                dir.resolve("train-labels-idx1-ubyte.gz"), THREE);
        assertEquals(5, images.size());
        assertEquals(1, images.label(4));
        byte[] row = new byte[6];
        images.read(3).data().get(row);
        assertEquals(21, row[0]);
        assertEquals(26, row[5]);
    }

    @Test
    void truncatedFile() throws IOException {
        byte[] full = IdxFiles.idx(0x803, new int[] {4, 2, 2}, new byte[16]);
        Path f = IdxFiles.write(dir.resolve("t.gz"), Arrays.copyOf(full, full.length - 5), true);
        assertInvalid(() -> IdxReader.readImages(f), f, "truncated");
        Path header = IdxFiles.write(dir.resolve("h"), Arrays.copyOf(full, 6), false);
        assertInvalid(() -> IdxReader.readImages(header), header, "header is incomplete");
    }

    @Test
    void wrongMagicNumber() throws IOException {
        Path f = IdxFiles.write(dir.resolve("labels-as-images"), IdxFiles.idx(0x801, new int[] {1}, new byte[1]),
                false);
        assertInvalid(() -> IdxReader.readImages(f), f, "magic number 0x00000801, expected 0x00000803");
    }

    @Test
    void imageAndLabelCountsDiffer() throws IOException {
        Path images = IdxFiles.write(dir.resolve("i"), IdxFiles.idx(0x803, new int[] {3, 1, 1}, new byte[3]), false);
        Path labels = IdxFiles.write(dir.resolve("l"), IdxFiles.idx(0x801, new int[] {2}, new byte[2]), false);
        assertInvalid(() -> InMemoryImages.fromIdx(images, labels, THREE), labels, "has 2 labels but");
    }

    @Test
    void labelOutsideTheClassRange() throws IOException {
        Path images = IdxFiles.write(dir.resolve("i"), IdxFiles.idx(0x803, new int[] {2, 1, 1}, new byte[2]), false);
        Path labels = IdxFiles.write(dir.resolve("l"), IdxFiles.idx(0x801, new int[] {2}, new byte[] {1, 7}), false);
        assertInvalid(() -> InMemoryImages.fromIdx(images, labels, THREE), labels, "label 7 of image 1");
    }

    @Test
    void trailingBytesAndMissingFile() throws IOException {
        Path f = IdxFiles.write(dir.resolve("long"), IdxFiles.idx(0x801, new int[] {1}, new byte[3]), false);
        assertInvalid(() -> IdxReader.readLabels(f), f, "data after");
        Path missing = dir.resolve("nope");
        assertInvalid(() -> IdxReader.readLabels(missing), missing, "file not found");
        assertTrue(Files.notExists(missing));
    }
}
