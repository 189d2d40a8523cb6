package dev.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.train.TinyFashion;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {

    @TempDir
    Path dir;



    @Test
    void infoReportsSourceCountsSplitAndNormalization() throws IOException {
        TinyFashion.write(dir, 200, 50);
        Cli.Result r = Cli.run("data", "info", "fashion", "--data-dir", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(dir.toAbsolutePath().toString()), r.out());
        assertTrue(r.out().contains("200 images, split (seed 42, 10% per class) into 180 train + 20 validation"),
                r.out());
        assertTrue(r.out().contains("Test:        50 images"), r.out());
        assertTrue(r.out().contains("9 Ankle boot") && r.out().contains("mean ["), r.out());
        Cli.Result seeded = Cli.run("data", "info", "fashion", "--data-dir", dir.toString(), "--seed", "7",
                "--validation", "0.2");
        assertTrue(seeded.out().contains("200 images, split (seed 7, 20% per class) into 160 train + 40 validation"),
                seeded.out());
    }

    @Test
    void previewWritesAPngGrid() throws IOException {
        TinyFashion.write(dir, 40, 10);
        Path png = dir.resolve("out/preview.png");
        Cli.Result r = Cli.run("data", "preview", "fashion", "--data-dir", dir.toString(), "--augment", "hflip=1",
                "--rows", "2", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 10 * 8 && image.getHeight() > 3 * 8, image.getWidth() + "x" + image.getHeight());
    }

    @Test
    void previewShowsThePoliciesAndTrainRejectsABadMagnitudeBeforeTraining() throws IOException {
        TinyFashion.write(dir, 40, 10);
        Path png = dir.resolve("policy.png");
        Cli.Result r = Cli.run("data", "preview", "fashion", "--data-dir", dir.toString(), "--augment",
                "standard,randaugment=2:9", "--rows", "2", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("augmentation 'hflip=0.5,translate=2,randaugment=2:9'"), r.out());
        assertTrue(ImageIO.read(png.toFile()).getWidth() > 10 * 8);
        Cli.Result magnitude = Cli.run("train", "fashion-smallcnn", "--data-dir", dir.toString(), "--augment",
                "randaugment=2:31", "--out", dir.resolve("run").toString());
        assertEquals(2, magnitude.code(), magnitude.err());
        assertTrue(magnitude.err().contains("augmentation randaugment M (magnitude) must be a whole number in "
                + "[0, 30], got 31"), magnitude.err());
        assertTrue(Files.notExists(dir.resolve("run/recipe.json")), "rejected before any training");
        Cli.Result two = Cli.run("data", "preview", "fashion", "--data-dir", dir.toString(), "--augment",
                "trivialaugment,randaugment", "--out", png.toString());
        assertEquals(2, two.code());
        assertTrue(two.err().contains("augmentation takes one policy, got trivialaugment and randaugment"),
                two.err());
    }

    @Test
    void badInputExitsWithTwoAndSaysWhat() {
        Cli.Result unknown = Cli.run("data", "info", "cifar10");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("cifar10") && unknown.err().contains("folder"), unknown.err());
        Cli.Result folder = Cli.run("data", "info", "folder");
        assertEquals(2, folder.code());
        assertTrue(folder.err().contains("--data-dir"), folder.err());
        Path missing = dir.resolve("nothing-here");
        Cli.Result absent = Cli.run("data", "info", "fashion", "--data-dir", missing.toString());
        assertEquals(2, absent.code());
        assertTrue(absent.err().contains(missing.toString()), absent.err());
        Cli.Result augment = Cli.run("data", "preview", "fashion", "--augment", "spin=3", "--out", "x.png");
        assertEquals(2, augment.code());
        assertTrue(augment.err().contains("spin"), augment.err());
    }
}
