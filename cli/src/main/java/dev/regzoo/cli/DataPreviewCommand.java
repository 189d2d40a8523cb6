package dev.regzoo.cli;

import dev.regzoo.data.Datasets;
import dev.regzoo.data.ImageSource;
import dev.regzoo.data.PreviewGrid;
import dev.regzoo.data.augment.AugmentationSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code regzoo data preview DATASET --out FILE.png}: original vs augmented training images. */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = "Write a PNG grid of training images: the originals in the first row (with class names), "
                + "augmented versions from successive epochs below.")
final class DataPreviewCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatasetArguments data;

    @Option(names = "--augment", defaultValue = "standard", paramLabel = "SPEC",
            description = "none, standard (hflip=0.5,translate=2), or key=value,... with keys hflip, vflip, rotate, "
                    + "translate, scale, brightness, contrast, erase; plus at most one policy, applied after them: "
                    + "randaugment=N:M (N operations per image at magnitude M of 0-30, torchvision's 31 bins; "
                    + "'randaugment' is 2:9) or trivialaugment (TrivialAugment wide), e.g. standard,randaugment=2:9 "
                    + "(default: ${DEFAULT-VALUE}).")
    private String augment;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "Where to write the PNG.")
    private Path out;

    @Option(names = "--per-class", defaultValue = "1", description = "Images per class (default: ${DEFAULT-VALUE}).")
    private int perClass;

    @Option(names = "--rows", defaultValue = "4", description = "Augmented rows (default: ${DEFAULT-VALUE}).")
    private int rows;

    @Override
    public void run() {
        if (perClass < 1 || rows < 1) {
            throw new IllegalArgumentException("--per-class and --rows must be at least 1, got " + perClass + " and "
                    + rows);
        }
        AugmentationSpec spec = AugmentationSpec.parse(augment);
        Datasets.Opened opened = data.open();
        ImageSource train = opened.train();
        int[] taken = new int[train.classNames().size()];
        int[] indices = IntStream.range(0, train.size())
                .filter(i -> taken[train.label(i)]++ < perClass).toArray();
        Path tmp = null;
        try {
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            tmp = Files.createTempFile(parent, ".preview", ".png");
            ImageIO.write(PreviewGrid.render(train, indices, spec, rows, data.seed()), "png", tmp.toFile());
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
        this.spec.commandLine().getOut().printf("Wrote %s: %d images (%s), augmentation '%s', %d augmented rows%n",
                out, indices.length, opened.name(), spec, rows);
        this.spec.commandLine().getOut().flush();
    }

    private static void deleteQuietly(Path tmp) {
        try {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException ignored) {
            // only a leftover temporary file
        }
    }
}
