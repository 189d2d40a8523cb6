package dev.regzoo.data;

import dev.regzoo.zoo.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A user's own images in class folders. With {@code train/} and {@code test/} subfolders both are used (the test
 * folder's classes must be among the training ones); otherwise the whole folder is the training set and there is no
 * test set.
 *
 * @param root  the folder given by the user
 * @param train the training images
 * @param test  the test images, when a {@code test/} folder exists
 */
public record ImageFolderDataset(Path root, ImageFolderSource train, Optional<ImageFolderSource> test) {

    /**
     * Opens {@code root}, converting images to {@code shape}.
     *
     * @throws InvalidDataException see {@link ImageFolderSource#open(Path, Shape)}
     */
    public static ImageFolderDataset open(Path root, Shape shape) {
        Path trainDir = root.resolve("train");
        if (!Files.isDirectory(trainDir)) {
            return new ImageFolderDataset(root, ImageFolderSource.open(root, shape), Optional.empty());
        }
        ImageFolderSource train = ImageFolderSource.open(trainDir, shape);
        Path testDir = root.resolve("test");
        Optional<ImageFolderSource> test = Files.isDirectory(testDir)
                ? Optional.of(ImageFolderSource.open(testDir, shape, train.classNames()))
                : Optional.empty();
        return new ImageFolderDataset(root, train, test);
    }
}
