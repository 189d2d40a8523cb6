package dev.regzoo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.data.Datasets;
import dev.regzoo.data.ImageBatchIterator;
import dev.regzoo.data.ImageShard;
import dev.regzoo.data.ImageSource;
import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.recipes.FashionSmallCnn;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.train.DataExport;
import dev.regzoo.train.ExportManifest;
import dev.regzoo.train.TinyFashion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The executors augment every epoch anew, each image as local training does in that epoch. */
class AugmentedEpochTest {

    private static final AugmentationSpec AUGMENT = AugmentationSpec.parse("hflip=0.5,translate=2,rotate=10");

    @TempDir
    static Path dir;
    static Path data;
    static Recipe recipe;
    static ExportedData export;
    static JavaSparkContext sc;

    @BeforeAll
    static void exportAndStartSpark() throws IOException {
        data = TinyFashion.write(Files.createDirectories(dir.resolve("data")), 300, 20);
        recipe = FashionSmallCnn.recipe().toBuilder().dataDir(data).batchSize(16).augmentation(AUGMENT).build();
        DataExport.write(recipe, dir.resolve("export"));
        export = ExportedData.open(dir.resolve("export").toString(), new Configuration());
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("regzoo augmentation"));
    }

    @AfterAll
    static void stopSpark() {
        sc.close();
    }

    @Test
    void eachSparkEpochAugmentsEveryImageAsLocalTrainingDoesInThatEpoch() throws IOException {
        INDArray epoch0 = features(export.trainEpoch(sc, recipe, 0).collect());
        INDArray epoch1 = features(export.trainEpoch(sc, recipe, 1).collect());
        assertEquals(export.manifest().trainImages(), epoch0.rows(), "every training image once per epoch");
        assertEquals(epoch0, features(export.trainEpoch(sc, recipe, 0).collect()).dup(),
                "the same epoch repeats under the seed");

        ImageSource local = Datasets.open("fashion", data, null).train();
        int[] images = firstShard();
        int changed = 0;
        for (int i = 0; i < 8; i++) {
            INDArray first = locallyAugmented(local, images[i], 0);
            INDArray second = locallyAugmented(local, images[i], 1);
            assertTrue(holdsRow(epoch0, first), "image " + images[i] + " of epoch 0 as local training has it");
            assertTrue(holdsRow(epoch1, second), "image " + images[i] + " of epoch 1 as local training has it");
            changed += first.equals(second) ? 0 : 1;
        }
        assertTrue(changed >= 6, "epochs 0 and 1 see other pixels for most images: " + changed + " of 8");
        assertNotEquals(epoch0, epoch1);
    }

    @Test
    void softLabelsAreAppliedOnTheExecutors() {
        Recipe smoothed = recipe.toBuilder().softLabels(s -> s.smoothing(0.2)).build();
        INDArray labels = Nd4j.concat(0, export.trainEpoch(sc, smoothed, 0).collect().stream()
                .map(DataSet::getLabels).toArray(INDArray[]::new));
        assertEquals(0.82, labels.maxNumber().doubleValue(), 1e-6, "1 - 0.2 + 0.2/10");
        assertEquals(0.02, labels.minNumber().doubleValue(), 1e-6, "0.2/10");
    }

    /** The dataset indices of the images in the export's first training shard. */
    private static int[] firstShard() throws IOException {
        Path file = dir.resolve("export").resolve(ExportManifest.TRAIN).resolve("shard-00000.bin");
        try (InputStream in = Files.newInputStream(file)) {
            return ImageShard.read(in, file.toString()).indices();
        }
    }

    /** Image {@code image} as a local training run augments and normalizes it in epoch {@code epoch}. */
    private static INDArray locallyAugmented(ImageSource source, int image, int epoch) {
        try (ImageBatchIterator it = ImageBatchIterator.builder(source).indices(new int[] {image}).batchSize(1)
                .augmentation(AUGMENT).seed(recipe.seed()).firstEpoch(epoch).preProcessor(export.normalizer())
                .workers(1, 1).build()) {
            return it.next().getFeatures().reshape(1, -1);
        }
    }

    private static boolean holdsRow(INDArray rows, INDArray row) {
        for (int r = 0; r < rows.rows(); r++) {
            if (rows.get(NDArrayIndex.point(r), NDArrayIndex.all()).reshape(1, -1).equalsWithEps(row, 1e-5)) {
                return true;
            }
        }
        return false;
    }

    private static INDArray features(List<DataSet> batches) {
        assertFalse(batches.isEmpty());
        return Nd4j.concat(0, batches.stream().map(b -> b.getFeatures().reshape(b.numExamples(), -1))
                .toArray(INDArray[]::new));
    }
}
