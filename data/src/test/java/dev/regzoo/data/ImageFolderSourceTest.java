package dev.regzoo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.zoo.Shape;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

class ImageFolderSourceTest {

    private static final Shape SHAPE = new Shape(3, 16, 16);

    @TempDir
    Path dir;

    /** Writes an image of the given type and size filled with one grey level. */
    static void image(Path file, int type, int width, int height, int grey) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(width, height, type);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(grey, grey, grey));
        g.fillRect(0, 0, width, height);
        g.dispose();
        String name = file.getFileName().toString();
        assertTrue(ImageIO.write(img, name.substring(name.lastIndexOf('.') + 1), file.toFile()), name);
    }

    /** Classes "bright" (grey 230) and "dark" (grey 20) with mixed formats, sizes and channel counts. */
    private Path mixedFolder(Path root) throws IOException {
        image(root.resolve("bright/a.png"), BufferedImage.TYPE_BYTE_GRAY, 20, 31, 230);
        image(root.resolve("bright/b.jpg"), BufferedImage.TYPE_3BYTE_BGR, 64, 48, 230);
        image(root.resolve("bright/c.png"), BufferedImage.TYPE_INT_ARGB, 9, 9, 230);
        image(root.resolve("dark/d.bmp"), BufferedImage.TYPE_3BYTE_BGR, 16, 16, 20);
        image(root.resolve("dark/e.jpg"), BufferedImage.TYPE_BYTE_GRAY, 100, 40, 20);
        return root;
    }

    @Test
    void mixedSizesAndChannelsLoadWithTheRightLabels() throws IOException {
        ImageFolderSource source = ImageFolderSource.open(mixedFolder(dir), SHAPE);
        assertEquals(List.of("bright", "dark"), source.classNames());
        assertEquals(5, source.size());
        assertArrayEquals(new int[] {3, 2}, source.classCounts());
        try (ImageBatchIterator it = ImageBatchIterator.builder(source).batchSize(5).build()) {
            DataSet batch = it.next();
            assertArrayEquals(new long[] {5, 3, 16, 16}, batch.getFeatures().shape());
            for (int i = 0; i < 5; i++) {
                double mean = batch.getFeatures().slice(i).meanNumber().doubleValue();
                int label = batch.getLabels().getRow(i).argMax().getInt(0);
                assertEquals(mean > 128 ? 0 : 1, label, "image " + source.file(i) + " mean " + mean);
                assertEquals(label == 0 ? 230 : 20, mean, 3);
            }
        }
    }

    @Test
    void unreadableAndNonImageFilesAreSkipped() throws IOException {
        mixedFolder(dir);
        Files.write(dir.resolve("bright/broken.jpg"), new byte[] {1, 2, 3, 4, 5});
        Files.writeString(dir.resolve("dark/notes.txt"), "not an image");
        ImageFolderSource source = ImageFolderSource.open(dir, SHAPE);
        assertEquals(5, source.size());
    }

    @Test
    void trainAndTestFoldersShareOneClassList() throws IOException {
        mixedFolder(dir.resolve("train"));
        image(dir.resolve("test/dark/x.png"), BufferedImage.TYPE_BYTE_GRAY, 8, 8, 20);
        image(dir.resolve("test/bright/y.png"), BufferedImage.TYPE_BYTE_GRAY, 8, 8, 230);
        ImageFolderDataset data = ImageFolderDataset.open(dir, new Shape(1, 8, 8));
        assertEquals(5, data.train().size());
        ImageFolderSource test = data.test().orElseThrow();
        assertEquals(data.train().classNames(), test.classNames());
        for (int i = 0; i < test.size(); i++) {
            assertEquals(test.file(i).getParent().getFileName().toString().equals("dark") ? 1 : 0, test.label(i));
        }
    }

    @Test
    void classNamesSortNaturally() {
        assertTrue(ImageFolderSource.natural("class2", "class10") < 0);
        assertTrue(ImageFolderSource.natural("b", "a") > 0);
        assertEquals(0, ImageFolderSource.natural("x1", "x1"));
    }

    @Test
    void badFoldersFailWithTheFolderNamed() throws IOException {
        Path missing = dir.resolve("missing");
        assertMessage(() -> ImageFolderSource.open(missing, SHAPE), missing, "directory not found");

        image(dir.resolve("one/only/a.png"), BufferedImage.TYPE_BYTE_GRAY, 4, 4, 0);
        assertMessage(() -> ImageFolderSource.open(dir.resolve("one"), SHAPE), dir.resolve("one"),
                "at least two class folders");

        image(dir.resolve("empty/a/x.png"), BufferedImage.TYPE_BYTE_GRAY, 4, 4, 0);
        Files.createDirectories(dir.resolve("empty/b"));
        assertMessage(() -> ImageFolderSource.open(dir.resolve("empty"), SHAPE), dir.resolve("empty/b"),
                "class folder is empty");

        Files.createDirectories(dir.resolve("junk/a"));
        Files.createDirectories(dir.resolve("junk/b"));
        Files.write(dir.resolve("junk/a/1.jpg"), new byte[] {0});
        Files.write(dir.resolve("junk/b/2.png"), new byte[] {0});
        assertMessage(() -> ImageFolderSource.open(dir.resolve("junk"), SHAPE), dir.resolve("junk"),
                "none of its 2 files is a readable image");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, Path path, String text) {
        InvalidDataException e = assertThrows(InvalidDataException.class, call);
        assertTrue(e.getMessage().contains(path.toString()) && e.getMessage().contains(text), e.getMessage());
    }
}
