package dev.regzoo.spark;

import dev.regzoo.data.ImageBatchIterator;
import dev.regzoo.data.ImageShard;
import dev.regzoo.data.labels.SoftLabelIterator;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.RecipeFiles;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.input.PortableDataStream;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.dataset.api.preprocessor.serializer.NormalizerSerializer;
import scala.Tuple2;

/**
 * Turns one training shard file into one epoch's minibatches, on the executor that reads it: the images are shuffled
 * within the shard, augmented with the recipe's augmentation, normalized and given the recipe's soft labels by the
 * same code as local training ({@link ImageBatchIterator}, {@link SoftLabelIterator}), so each image's augmentation
 * comes from (seed, epoch, image) exactly as in a local run. Mixing (mixup, CutMix) draws per batch from the seed
 * offset by the shard's first image index, the epoch and the batch's place in the shard.
 */
final class AugmentedEpoch implements FlatMapFunction<Tuple2<String, PortableDataStream>, DataSet> {

    private static final long serialVersionUID = 1L;

    private final String recipe;
    private final int batchSize;
    private final byte[] normalizer;
    private final int epoch;

    /**
     * @param recipe     the recipe whose augmentation, soft labels and seed apply
     * @param batchSize  images per minibatch (the export's)
     * @param normalizer the export's normalizer file, as bytes
     * @param epoch      the epoch, from 0
     */
    AugmentedEpoch(Recipe recipe, int batchSize, byte[] normalizer, int epoch) {
        this.recipe = RecipeFiles.toJson(recipe);
        this.batchSize = batchSize;
        this.normalizer = normalizer.clone();
        this.epoch = epoch;
    }

    @Override
    public Iterator<DataSet> call(Tuple2<String, PortableDataStream> file) throws Exception {
        Recipe r = RecipeFiles.fromJson(recipe, "the Spark job's recipe");
        ImageShard shard;
        try (DataInputStream in = file._2().open()) {
            shard = ImageShard.read(in, file._1());
        }
        NormalizerStandardize standardize = NormalizerSerializer.getDefault()
                .restore(new ByteArrayInputStream(normalizer));
        int[] images = shard.indices();
        List<DataSet> batches = new ArrayList<>();
        try (ImageBatchIterator augmented = ImageBatchIterator.builder(shard).indices(images).batchSize(batchSize)
                .shuffle(true).augmentation(r.augmentation()).preProcessor(standardize).seed(r.seed())
                .firstEpoch(epoch).workers(1, 2).build()) {
            DataSetIterator labelled = SoftLabelIterator.wrap(augmented, r.softLabels(), r.seed() + images[0], epoch);
            while (labelled.hasNext()) {
                batches.add(labelled.next());
            }
        }
        return batches.iterator();
    }
}
