package dev.regzoo.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An IDX image dataset with a training and a test part: Fashion-MNIST or MNIST, gzipped or plain.
 *
 * <p>{@link #open(String, Path)} finds the files in this order: the given directory ({@code --data-dir}), the
 * {@code REGZOO_DATA} environment variable, the dataset's system directory (Debian's {@code dataset-fashion-mnist}
 * installs {@code /usr/share/datasets/fashion-mnist}), and last, for Fashion-MNIST, a class-balanced sample of 6,000
 * training and 1,000 test images embedded in regzoo, so that everything runs on a fresh machine. Nothing is ever
 * downloaded.
 *
 * @param name        dataset name, e.g. {@code fashion}
 * @param train       the training images (before any train/validation split)
 * @param test        the test images
 * @param location    where the files were found: a directory, or the embedded sample
 * @param embeddedSample whether this is the embedded sample rather than the full set
 */
public record IdxDataset(String name, ImageSource train, ImageSource test, String location, boolean embeddedSample) {

    /** Environment variable naming a directory with the IDX files. */
    public static final String ENV_DATA_DIR = "REGZOO_DATA";

    private static final Logger LOG = LoggerFactory.getLogger(IdxDataset.class);
    private static final String SAMPLE_RESOURCE = "/dev/regzoo/data/fashion-mnist-sample/";

    /** The IDX datasets regzoo knows, by name. */
    enum Known {
        FASHION("fashion", List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                "Sneaker", "Bag", "Ankle boot"), Optional.of(Path.of("/usr/share/datasets/fashion-mnist")), true,
                "install the full set with 'sudo apt-get install dataset-fashion-mnist' (Debian/Ubuntu) or pass "
                        + "--data-dir / set REGZOO_DATA to a folder with the four Fashion-MNIST IDX files"),
        MNIST("mnist", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), Optional.empty(), false,
                "pass --data-dir or set REGZOO_DATA to a folder with the four MNIST IDX files");

        final String id;
        final List<String> classes;
        final Optional<Path> systemDir;
        final boolean hasSample;
        final String howToGet;

        Known(String id, List<String> classes, Optional<Path> systemDir, boolean hasSample, String howToGet) {
            this.id = id;
            this.classes = classes;
            this.systemDir = systemDir;
            this.hasSample = hasSample;
            this.howToGet = howToGet;
        }
    }

    /** Names accepted by {@link #open}. */
    public static List<String> names() {
        return java.util.Arrays.stream(Known.values()).map(k -> k.id).toList();
    }

    /**
     * Opens the named dataset from {@code dataDir} (nullable), then the fallbacks listed in the class Javadoc.
     *
     * @throws IllegalArgumentException for an unknown name, or a dataset found nowhere
     * @throws InvalidDataException     for a directory without the files or a bad file
     */
    public static IdxDataset open(String name, Path dataDir) {
        return open(name, dataDir, System.getenv(ENV_DATA_DIR));
    }

    static IdxDataset open(String name, Path dataDir, String envDataDir) {
        Known known = known(name);
        if (dataDir != null) {
            return fromDirectory(known, dataDir, "--data-dir");
        }
        if (envDataDir != null && !envDataDir.isBlank()) {
            return fromDirectory(known, Path.of(envDataDir), ENV_DATA_DIR);
        }
        if (known.systemDir.isPresent() && Files.isDirectory(known.systemDir.get())) {
            return fromDirectory(known, known.systemDir.get(), "system directory");
        }
        if (known.hasSample) {
            LOG.warn("Using regzoo's embedded {} sample (6,000 train / 1,000 test images, not the full set): {}",
                    known.id, known.howToGet);
            return fashionSample();
        }
        throw new IllegalArgumentException("dataset '" + known.id + "' was not found: " + known.howToGet);
    }

    /**
     * The Fashion-MNIST sample shipped inside regzoo: 600 training and 100 test images of each class, chosen at
     * random (seeded) from the full set by {@code data/tools/make-fashion-sample.py}.
     */
    public static IdxDataset fashionSample() {
        return new IdxDataset(Known.FASHION.id, sample(Known.FASHION, "train"), sample(Known.FASHION, "t10k"),
                "embedded sample (classpath " + SAMPLE_RESOURCE + ")", true);
    }

    /** How to get the full dataset of this name, for messages. */
    public String howToGetFullSet() {
        return known(name).howToGet;
    }

    private static Known known(String name) {
        for (Known k : Known.values()) {
            if (k.id.equals(name == null ? null : name.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("dataset must be one of " + names() + ", got '" + name + "'");
    }

    private static IdxDataset fromDirectory(Known known, Path dir, String via) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidDataException(dir, "directory not found (given by " + via + ")");
        }
        LOG.info("Reading {} from {} ({})", known.id, dir, via);
        return new IdxDataset(known.id, fromFiles(known, dir, "train"), fromFiles(known, dir, "t10k"),
                dir.toAbsolutePath().toString(), false);
    }

    private static ImageSource fromFiles(Known known, Path dir, String split) {
        return InMemoryImages.fromIdx(find(dir, split + "-images-idx3-ubyte"), find(dir, split + "-labels-idx1-ubyte"),
                known.classes);
    }

    private static Path find(Path dir, String base) {
        for (String candidate : new String[] {base + ".gz", base, base.replace("-idx", ".idx")}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new InvalidDataException(dir.resolve(base + ".gz"), "file not found (nor " + base + " without .gz)");
    }

    private static ImageSource sample(Known known, String split) {
        return InMemoryImages.fromIdx(Path.of("classpath:" + SAMPLE_RESOURCE + split + "-images-idx3-ubyte.gz"),
                Path.of("classpath:" + SAMPLE_RESOURCE + split + "-labels-idx1-ubyte.gz"), known.classes,
                IdxDataset::openResource);
    }

    private static InputStream openResource(Path name) throws IOException {
        String resource = name.toString().substring("classpath:".length());
        InputStream in = IdxDataset.class.getResourceAsStream(resource);
        if (in == null) {
            throw new NoSuchFileException(name.toString());
        }
        return in;
    }

    /** Images per class of both parts, for reports. */
    public Map<String, int[]> classCounts() {
        Map<String, int[]> counts = new TreeMap<>();
        counts.put("train", train.classCounts());
        counts.put("test", test.classCounts());
        return counts;
    }
}
