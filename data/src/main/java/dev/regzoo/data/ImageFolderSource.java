package dev.regzoo.data;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import dev.regzoo.zoo.Shape;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.datavec.api.io.labels.ParentPathLabelGenerator;
import org.datavec.api.io.labels.PathLabelGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Images in class folders ({@code root/<class>/<image>}, JPEG, PNG or BMP), labelled by DataVec's
 * {@link ParentPathLabelGenerator} and decoded with OpenCV on the pipeline's threads. Any size and channel count is
 * converted to the requested shape (grey ↔ BGR, alpha dropped, resized without keeping the aspect ratio).
 *
 * <p>Every file is decoded once when the folder is opened, so that unreadable files are found before training: they
 * are skipped and counted in one warning. Class names are the folder names in natural order ({@code 2} before
 * {@code 10}), and one list serves the training and the test folder.
 */
public final class ImageFolderSource implements ImageSource {

    private static final Logger LOG = LoggerFactory.getLogger(ImageFolderSource.class);
    private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp");
    private static final int LISTED_SKIPS = 5;

    private final Path root;
    private final Shape shape;
    private final List<String> classNames;
    private final List<Path> files;
    private final int[] labels;

    private ImageFolderSource(Path root, Shape shape, List<String> classNames, List<Path> files, int[] labels) {
        this.root = root;
        this.shape = shape;
        this.classNames = List.copyOf(classNames);
        this.files = List.copyOf(files);
        this.labels = labels;
    }

    /**
     * Opens {@code root} with its class folders taken as the classes.
     *
     * @throws InvalidDataException for a missing directory, fewer than two class folders, an empty class folder, or
     *                              a folder in which no image can be read
     */
    public static ImageFolderSource open(Path root, Shape shape) {
        return open(root, shape, classFolders(root));
    }

    /** Opens {@code root} whose class folders must be among {@code classNames} (a test folder, say). */
    static ImageFolderSource open(Path root, Shape shape, List<String> classNames) {
        List<String> present = classFolders(root);
        for (String name : present) {
            if (!classNames.contains(name)) {
                throw new InvalidDataException(root.resolve(name), "class folder not among the training classes "
                        + classNames);
            }
        }
        PathLabelGenerator labeller = new ParentPathLabelGenerator();
        List<Path> candidates = new ArrayList<>();
        for (String name : present) {
            List<Path> inClass = listFiles(root.resolve(name));
            if (inClass.isEmpty()) {
                throw new InvalidDataException(root.resolve(name), "class folder is empty");
            }
            candidates.addAll(inClass);
        }
        int flag = shape.channels() == 1 ? IMREAD_GRAYSCALE : IMREAD_COLOR;
        List<Path> readable = candidates.parallelStream().filter(f -> isImage(f, flag)).toList();
        reportSkipped(root, candidates, readable);
        if (readable.isEmpty()) {
            throw new InvalidDataException(root, "none of its " + candidates.size() + " files is a readable image ("
                    + String.join(", ", EXTENSIONS) + ")");
        }
        int[] labels = new int[readable.size()];
        for (int i = 0; i < labels.length; i++) {
            String label = labeller.getLabelForPath(readable.get(i).toUri()).toString();
            labels[i] = classNames.indexOf(label);
        }
        return new ImageFolderSource(root, shape, classNames, readable, labels);
    }

    private static List<String> classFolders(Path root) {
        if (!Files.isDirectory(root)) {
            throw new InvalidDataException(root, "directory not found");
        }
        List<String> names;
        try (Stream<Path> entries = Files.list(root)) {
            names = entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted(ImageFolderSource::natural).toList();
        } catch (IOException e) {
            throw new InvalidDataException(root, "cannot be listed: " + e.getMessage(), e);
        }
        if (names.size() < 2) {
            throw new InvalidDataException(root, "needs at least two class folders (one per class), found "
                    + names.size() + (names.isEmpty() ? "" : ": " + names));
        }
        return names;
    }

    private static List<Path> listFiles(Path classDir) {
        try (Stream<Path> entries = Files.list(classDir)) {
            return entries.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new InvalidDataException(classDir, "cannot be listed: " + e.getMessage(), e);
        }
    }

    private static boolean isImage(Path file, int flag) {
        String name = file.getFileName().toString();
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (!EXTENSIONS.contains(ext)) {
            return false;
        }
        Mat decoded = imread(file.toString(), flag);
        boolean ok = !decoded.empty();
        decoded.release();
        return ok;
    }

    private static void reportSkipped(Path root, List<Path> candidates, List<Path> readable) {
        int skipped = candidates.size() - readable.size();
        if (skipped > 0) {
            Set<Path> kept = Set.copyOf(readable);
            List<String> examples = candidates.stream().filter(p -> !kept.contains(p)).limit(LISTED_SKIPS)
                    .map(p -> root.relativize(p).toString()).toList();
            LOG.warn("{}: skipped {} of {} files that are not readable JPEG/PNG/BMP images, e.g. {}", root, skipped,
                    candidates.size(), examples);
        }
    }

    /** Orders names with embedded numbers by value: "class2" before "class10". */
    static int natural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                int cmp = new BigInteger(a.substring(si, i)).compareTo(new BigInteger(b.substring(sj, j)));
                if (cmp != 0) {
                    return cmp;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    @Override
    public String description() {
        return root.toString();
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    /** The image file behind {@code index}. */
    public Path file(int index) {
        return files.get(index);
    }

    @Override
    public Mat read(int index) {
        return ImageFiles.readMat(files.get(index), shape);
    }
}
