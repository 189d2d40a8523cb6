package dev.regzoo.train;

import dev.regzoo.data.ImageBatchIterator;
import dev.regzoo.data.ImageShard;
import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.recipes.Recipe;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.nd4j.linalg.dataset.api.preprocessor.serializer.NormalizerSerializer;

/**
 * Writes a recipe's data as files for cluster training ({@code regzoo data export}): the same limit, stratified split
 * and normalizer as {@code regzoo train} uses, the training split as unaugmented {@link ImageShard}s of
 * {@value #SHARD_BATCHES} minibatches each (in a seeded random order, so that every shard holds every class), which
 * the Spark executors augment each epoch as local training does, the evaluation splits as normalized minibatches, and
 * an {@link ExportManifest}.
 */
public final class DataExport {

    /** Minibatches per training shard (the last shard may hold fewer). */
    static final int SHARD_BATCHES = 16;

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
            int train = writeShards(data, dir, recipe.batchSize(), recipe.seed());
            int validation = writeSplit(data.validation(), dir, ExportManifest.VALIDATION);
            Optional<ImageBatchIterator> testIt = data.test();
            int test = testIt.isPresent() ? writeSplit(testIt.get(), dir, ExportManifest.TEST) : 0;
            NormalizerSerializer.getDefault().write(data.normalizer(), dir.resolve(ExportManifest.NORMALIZER).toFile());
            ExportManifest manifest = new ExportManifest(ExportManifest.FORMAT, recipe.name(), data.opened().name(), data.shape().channels(),
                    data.shape().height(), data.shape().width(), data.classNames(), recipe.batchSize(), train,
                    validation, test, data.trainSize());
            manifest.write(dir);
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static int writeShards(TrainingData data, Path dir, int batchSize, long seed) throws IOException {
        Files.createDirectories(dir.resolve(ExportManifest.TRAIN));
        List<Integer> order = new ArrayList<>(Arrays.stream(data.trainIndices()).boxed().toList());
        Collections.shuffle(order, new Random(seed));
        int perShard = SHARD_BATCHES * batchSize;
        int n = 0;
        for (int from = 0; from < order.size(); from += perShard) {
            int[] images = order.subList(from, Math.min(order.size(), from + perShard)).stream()
                    .mapToInt(Integer::intValue).toArray();
            ImageShard shard = ImageShard.of(data.opened().train(), images, data.shape());
            try (OutputStream out = new BufferedOutputStream(
                    Files.newOutputStream(dir.resolve(ExportManifest.file(ExportManifest.TRAIN, n++))))) {
                shard.write(out);
            }
        }
        return n;
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
