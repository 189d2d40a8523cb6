package dev.regzoo.cli;

import com.sun.management.OperatingSystemMXBean;
import dev.regzoo.data.IdxDataset;
import dev.regzoo.data.ImageBatchIterator;
import dev.regzoo.data.ImageFolderSource;
import dev.regzoo.data.ImageSource;
import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.zoo.Shape;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code regzoo data bench}: how many augmented, normalized images per second the input pipeline delivers, for
 * 28×28 IDX data and for a generated folder of 224×224 JPEGs, and the process's CPU time per image (which, unlike
 * images/s, stays comparable on a machine busy with other work). One JSON line per case.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure input-pipeline throughput (augmented images/s, and CPU microseconds per image): "
                + "Fashion-MNIST 28x28 from memory, and a generated folder of 224x224 JPEGs decoded from disk. "
                + "Prints one JSON line per case.")
final class DataBenchCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "10", description = "Timed seconds per case (default: ${DEFAULT-VALUE}).")
    private double seconds;

    @Option(names = "--jpegs", defaultValue = "512", description = "JPEGs to generate (default: ${DEFAULT-VALUE}).")
    private int jpegs;

    @Option(names = "--workers", description = "Background threads (default: the processors, at most 4).")
    private Integer workers;

    @Option(names = "--augment", defaultValue = "standard,rotate=10,erase=0.25", paramLabel = "SPEC",
            description = "The augmentation measured, as in 'regzoo data preview' (default: ${DEFAULT-VALUE}).")
    private String augment;

    @Override
    public void run() {
        if (!(seconds > 0) || jpegs < 2) {
            throw new IllegalArgumentException("--seconds must be > 0 and --jpegs at least 2, got " + seconds + " and "
                    + jpegs);
        }
        AugmentationSpec augmentation = AugmentationSpec.parse(augment);
        PrintWriter out = spec.commandLine().getOut();
        IdxDataset fashion = IdxDataset.open("fashion", null);
        out.println(measure("idx-28x28", fashion.train(), new Shape(1, 28, 28), 128, fashion.location(),
                augmentation));
        out.flush();
        Path dir = generateJpegs();
        try {
            Shape shape = new Shape(3, 224, 224);
            out.println(measure("jpeg-224x224", ImageFolderSource.open(dir, shape), shape, 32, jpegs + " generated",
                    augmentation));
        } finally {
            delete(dir);
        }
        out.flush();
    }

    private String measure(String name, ImageSource source, Shape shape, int batch, String data,
                           AugmentationSpec augmentation) {
        ImageBatchIterator.Builder builder = ImageBatchIterator.builder(source).shape(shape).batchSize(batch)
                .shuffle(true).augmentation(augmentation)
                .preProcessor(ds -> ds.getFeatures().divi(255));
        if (workers != null) {
            builder.workers(workers, 2 * workers + 2);
        }
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long images = 0;
        long start;
        long cpuStart;
        try (ImageBatchIterator it = builder.build()) {
            it.next(); // warm-up: thread start, first decode
            start = System.nanoTime();
            cpuStart = os.getProcessCpuTime();
            while (System.nanoTime() - start < seconds * 1e9) {
                if (!it.hasNext()) {
                    it.reset();
                }
                images += it.next().numExamples();
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpuMicros = (os.getProcessCpuTime() - cpuStart) / 1e3;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("case", name);
        row.put("data", data);
        row.put("batch", batch);
        row.put("augmentation", augmentation.toString());
        row.put("workers", workers == null ? ImageBatchIterator.defaultWorkers() : workers);
        row.put("images", images);
        row.put("seconds", Math.round(elapsed * 100) / 100.0);
        row.put("images_per_s", Math.round(images / elapsed));
        row.put("cpu_us_per_image", Math.round(10 * cpuMicros / images) / 10.0);
        try {
            return new ObjectMapper().writeValueAsString(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path generateJpegs() {
        try {
            Path dir = Files.createTempDirectory("regzoo-bench-jpegs");
            Random random = new Random(1);
            for (int i = 0; i < jpegs; i++) {
                BufferedImage img = new BufferedImage(224, 224, BufferedImage.TYPE_3BYTE_BGR);
                Graphics2D g = img.createGraphics();
                for (int s = 0; s < 12; s++) {
                    g.setColor(new Color(random.nextInt(0xFFFFFF)));
                    g.fillOval(random.nextInt(224), random.nextInt(224), 20 + random.nextInt(100),
                            20 + random.nextInt(100));
                }
                g.dispose();
                Path file = dir.resolve("class" + (i % 2)).resolve(i + ".jpg");
                Files.createDirectories(file.getParent());
                ImageIO.write(img, "jpg", file.toFile());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot generate benchmark JPEGs: " + e.getMessage(), e);
        }
    }

    private static void delete(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
