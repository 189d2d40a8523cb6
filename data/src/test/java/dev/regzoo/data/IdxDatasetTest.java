package dev.regzoo.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDatasetTest {

    private static final Path SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path dir;

    @Test
    void embeddedSampleIsClassBalanced() {
        IdxDataset sample = IdxDataset.fashionSample();
        assertTrue(sample.embeddedSample());
        assertEquals(6000, sample.train().size());
        assertEquals(1000, sample.test().size());
        assertTrue(Arrays.stream(sample.train().classCounts()).allMatch(c -> c == 600));
        assertTrue(Arrays.stream(sample.test().classCounts()).allMatch(c -> c == 100));
        assertEquals("Ankle boot", sample.train().classNames().get(9));
        assertEquals(new dev.regzoo.zoo.Shape(1, 28, 28), sample.train().shape());
    }

    @Test
    void dataDirComesFirst() throws IOException {
        IdxFiles.dataset(dir, "train", 20, 4, 4, 10, true);
        IdxFiles.dataset(dir, "t10k", 10, 4, 4, 10, false);
        IdxDataset data = IdxDataset.open("fashion", dir, "/somewhere/else");
        assertFalse(data.embeddedSample());
        assertEquals(20, data.train().size());
        assertEquals(10, data.test().size());
        assertEquals(dir.toAbsolutePath().toString(), data.location());
    }

    @Test
    void environmentVariableComesNext() throws IOException {
        IdxFiles.dataset(dir, "train", 20, 4, 4, 10, false);
        IdxFiles.dataset(dir, "t10k", 10, 4, 4, 10, false);
        assertEquals(20, IdxDataset.open("mnist", null, dir.toString()).train().size());
    }

    @Test
    void fullFashionMnistWhenTheDebianPackageIsInstalled() {
        Assumptions.assumeTrue(Files.isDirectory(SYSTEM_DIR),
                "skipped: dataset-fashion-mnist is not installed (" + SYSTEM_DIR + " missing)");
        IdxDataset data = IdxDataset.open("fashion", null, null);
        assertEquals(60_000, data.train().size());
        assertEquals(10_000, data.test().size());
        assertFalse(data.embeddedSample());
    }

    @Test
    void missingDirectoryAndMissingFilesAreNamed() throws IOException {
        Path missing = dir.resolve("absent");
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> IdxDataset.open("fashion", missing));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("directory not found"));
        IdxFiles.dataset(dir, "train", 20, 4, 4, 10, false);
        InvalidDataException noTest = assertThrows(InvalidDataException.class, () -> IdxDataset.open("fashion", dir));
        assertTrue(noTest.getMessage().contains("t10k-images-idx3-ubyte"), noTest.getMessage());
    }

    @Test
    void mnistHasNoSampleAndUnknownNamesAreRejected() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> IdxDataset.open("cifar", null, null));
        assertTrue(unknown.getMessage().contains("fashion") && unknown.getMessage().contains("cifar"));
        IllegalArgumentException mnist = assertThrows(IllegalArgumentException.class,
                () -> IdxDataset.open("mnist", null, null));
        assertTrue(mnist.getMessage().contains("--data-dir"), mnist.getMessage());
    }
}
