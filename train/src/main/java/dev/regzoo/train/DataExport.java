package dev.regzoo.train;

import dev.regzoo.data.ImageBatchIterator;
import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.recipes.Recipe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.nd4j.linalg.dataset.api.preprocessor.serializer.NormalizerSerializer;

/**
 * Writes a recipe's data as files for cluster training ({@code regzoo data export}): the same limit, stratified split
 * and normalizer as {@code regzoo train} uses, one shuffled pass over the training split without augmentation (a
 * file holds fixed minibatches), and an {@link ExportManifest}.
 */
public final class DataExport {

    private DataExport() {
    }

    /**
     * Exports {@code recipe}'s data into {@code dir} (created if absent).
     *
     * @throws IllegalArgumentException for bad data settings or a folder that cannot be written
     */
    public static ExportManifest write(Recipe recipe, Path dir) {
        RunFolder.create(dir);
        Recipe plain = recipe.toBuilder().augmentation(AugmentationSpec.NONE).build();
        try (TrainingData data = TrainingData.prepare(plain)) {
            int train = writeSplit(data.train(), dir, ExportManifest.TRAIN);
            int validation = writeSplit(data.validation(), dir, ExportManifest.VALIDATION);
            Optional<ImageBatchIterator> testIt = data.test();
            int test = testIt.isPresent() ? writeSplit(testIt.get(), dir, ExportManifest.TEST) : 0;
            NormalizerSerializer.getDefault().write(data.normalizer(), dir.resolve(ExportManifest.NORMALIZER).toFile());
            ExportManifest manifest = new ExportManifest(recipe.name(), data.opened().name(), data.shape().channels(),
                    data.shape().height(), data.shape().width(), data.classNames(), recipe.batchSize(), train,
                    validation, test, data.trainSize());
            manifest.write(dir);
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static int writeSplit(ImageBatchIterator batches, Path dir, String split) throws IOException {
        Files.createDirectories(dir.resolve(split));
        batches.reset();
        int n = 0;
        while (batches.hasNext()) {
            batches.next().save(dir.resolve(ExportManifest.file(split, n++)).toFile());
        }
        return n;
    }
}
