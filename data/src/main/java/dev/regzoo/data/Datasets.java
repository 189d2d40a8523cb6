package dev.regzoo.data;

import dev.regzoo.zoo.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Opens a dataset by name: {@code fashion} and {@code mnist} (IDX files) or {@code folder} (class folders). */
public final class Datasets {

    /** The name for a user's class folders. */
    public static final String FOLDER = "folder";

    private Datasets() {
    }

    /**
     * An opened dataset.
     *
     * @param name           the name it was opened by
     * @param train          training images (before the train/validation split)
     * @param test           test images, if the dataset has them
     * @param location       where the images were found
     * @param embeddedSample whether this is regzoo's embedded Fashion-MNIST sample
     */
    public record Opened(String name, ImageSource train, Optional<ImageSource> test, String location,
                         boolean embeddedSample) {
    }

    /** Accepted names. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(IdxDataset.names());
        names.add(FOLDER);
        return names;
    }

    /**
     * Opens {@code name}. IDX datasets keep their own shape; a folder's images are converted to {@code folderShape}.
     *
     * @param dataDir the {@code --data-dir} value, nullable (required for {@code folder})
     * @throws IllegalArgumentException for an unknown name or a missing required directory
     * @throws InvalidDataException     for unusable files
     */
    public static Opened open(String name, Path dataDir, Shape folderShape) {
        if (FOLDER.equalsIgnoreCase(name)) {
            if (dataDir == null) {
                throw new IllegalArgumentException("dataset 'folder' needs --data-dir DIR (a folder of class folders)");
            }
            ImageFolderDataset folder = ImageFolderDataset.open(dataDir, folderShape);
            return new Opened(FOLDER, folder.train(), folder.test().map(ImageSource.class::cast),
                    dataDir.toAbsolutePath().toString(), false);
        }
        if (!IdxDataset.names().contains(name == null ? "" : name.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("dataset must be one of " + names() + ", got '" + name + "'");
        }
        IdxDataset idx = IdxDataset.open(name, dataDir);
        return new Opened(idx.name(), idx.train(), Optional.of(idx.test()), idx.location(), idx.embeddedSample());
    }
}
