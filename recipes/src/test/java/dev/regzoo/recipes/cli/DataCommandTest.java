package dev.regzoo.recipes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DataCommandTest {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        CommandLine cli = RegzooCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Result(cli.execute(args), out.toString(), err.toString());
    }

    /** A tiny Fashion-MNIST-shaped IDX dataset: n images of 6x6, label i mod 10. */
    private void idx(String split, int n) throws IOException {
        try (DataOutputStream img = new DataOutputStream(new GZIPOutputStream(
                Files.newOutputStream(dir.resolve(split + "-images-idx3-ubyte.gz"))));
             DataOutputStream lbl = new DataOutputStream(new GZIPOutputStream(
                     Files.newOutputStream(dir.resolve(split + "-labels-idx1-ubyte.gz"))))) {
            img.writeInt(0x803);
            img.writeInt(n);
            img.writeInt(6);
            img.writeInt(6);
            lbl.writeInt(0x801);
            lbl.writeInt(n);
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < 36; p++) {
                    img.writeByte((i + p) % 256);
                }
                lbl.writeByte(i % 10);
            }
        }
    }

    @Test
    void infoReportsSourceCountsSplitAndNormalization() throws IOException {
        idx("train", 200);
        idx("t10k", 50);
        Result r = run("data", "info", "fashion", "--data-dir", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(dir.toAbsolutePath().toString()), r.out());
        assertTrue(r.out().contains("200 images, split (seed 42, 10% per class) into 180 train + 20 validation"),
                r.out());
        assertTrue(r.out().contains("Test:        50 images"), r.out());
        assertTrue(r.out().contains("9 Ankle boot") && r.out().contains("mean ["), r.out());
    }

    @Test
    void previewWritesAPngGrid() throws IOException {
        idx("train", 40);
        idx("t10k", 10);
        Path png = dir.resolve("out/preview.png");
        Result r = run("data", "preview", "fashion", "--data-dir", dir.toString(), "--augment", "hflip=1",
                "--rows", "2", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 10 * 6 && image.getHeight() > 3 * 6, image.getWidth() + "x" + image.getHeight());
    }

    @Test
    void badInputExitsWithTwoAndSaysWhat() {
        Result unknown = run("data", "info", "cifar10");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("cifar10") && unknown.err().contains("folder"), unknown.err());
        Result folder = run("data", "info", "folder");
        assertEquals(2, folder.code());
        assertTrue(folder.err().contains("--data-dir"), folder.err());
        Path missing = dir.resolve("nothing-here");
        Result absent = run("data", "info", "fashion", "--data-dir", missing.toString());
        assertEquals(2, absent.code());
        assertTrue(absent.err().contains(missing.toString()), absent.err());
        Result augment = run("data", "preview", "fashion", "--augment", "spin=3", "--out", "x.png");
        assertEquals(2, augment.code());
        assertTrue(augment.err().contains("spin"), augment.err());
    }
}
