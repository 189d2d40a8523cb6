package dev.regzoo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.zoo.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

class ImageBatchIteratorTest {

    private static final Shape SHAPE = new Shape(1, 12, 12);
    private static final AugmentationSpec ALL = AugmentationSpec.parse(
            "hflip=0.5,rotate=15,translate=2,scale=0.1,brightness=0.2,contrast=0.2,erase=0.5");

    /** 30 images of 3 classes; image i is a bright square whose position depends on i. */
    static InMemoryImages images(int n) {
        byte[] pixels = new byte[n * 144];
        int[] labels = new int[n];
        Random random = new Random(1);
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int p = 0; p < 144; p++) {
                pixels[i * 144 + p] = (byte) random.nextInt(40);
            }
            int x = 1 + i % 6;
            for (int r = 3; r < 9; r++) {
                for (int c = x; c < x + 5; c++) {
                    pixels[i * 144 + r * 12 + c] = (byte) 200;
                }
            }
        }
        return InMemoryImages.of("test images", SHAPE, List.of("a", "b", "c"), pixels, labels);
    }

    private static List<DataSet> epoch(ImageBatchIterator it) {
        List<DataSet> batches = new ArrayList<>();
        while (it.hasNext()) {
            batches.add(it.next());
        }
        return batches;
    }

    private static INDArray features(List<DataSet> batches) {
        return org.nd4j.linalg.factory.Nd4j.concat(0, batches.stream().map(DataSet::getFeatures)
                .toArray(INDArray[]::new));
    }

    @Test
    void batchesCoverTheEpochInOrderWithoutShuffle() {
        InMemoryImages source = images(30);
        try (ImageBatchIterator it = ImageBatchIterator.builder(source).batchSize(8).build()) {
            List<DataSet> batches = epoch(it);
            assertEquals(4, batches.size());
            assertEquals(6, batches.get(3).numExamples(), "last batch holds the rest");
            assertArrayEquals(new long[] {8, 1, 12, 12}, batches.get(0).getFeatures().shape());
            assertEquals(2, batches.get(0).getLabels().getRow(2).argMax().getInt(0), "image 2 has label 2");
            assertEquals(source.read(9).data().get(3 * 12 + 2) & 0xFF,
                    batches.get(1).getFeatures().getDouble(1, 0, 3, 2), 0, "pixels in [0,255], channels first");
            assertThrows(NoSuchElementException.class, it::next);
            it.reset();
            assertEquals(4, epoch(it).size(), "reset starts another epoch");
        }
    }

    @Test
    void augmentationKeepsShapeAndLabelsAndChangesPixels() {
        InMemoryImages source = images(30);
        try (ImageBatchIterator plain = ImageBatchIterator.builder(source).batchSize(30).build();
             ImageBatchIterator augmented = ImageBatchIterator.builder(source).batchSize(30).augmentation(ALL)
                     .build()) {
            DataSet a = plain.next();
            DataSet b = augmented.next();
            assertArrayEquals(a.getFeatures().shape(), b.getFeatures().shape());
            assertEquals(a.getLabels(), b.getLabels());
            assertNotEquals(a.getFeatures(), b.getFeatures());
            assertTrue(b.getFeatures().minNumber().doubleValue() >= 0 && b.getFeatures().maxNumber().doubleValue() <= 255);
        }
    }

    @Test
    void sameSeedRepeatsAcrossThreadCountsAndEpochsDiffer() {
        InMemoryImages source = images(30);
        try (ImageBatchIterator one = ImageBatchIterator.builder(source).batchSize(7).shuffle(true).augmentation(ALL)
                .seed(5).workers(1, 1).build();
             ImageBatchIterator three = ImageBatchIterator.builder(source).batchSize(7).shuffle(true)
                     .augmentation(ALL).seed(5).workers(3, 6).build();
             ImageBatchIterator otherSeed = ImageBatchIterator.builder(source).batchSize(7).shuffle(true)
                     .augmentation(ALL).seed(6).build()) {
            INDArray first = features(epoch(one));
            assertEquals(first, features(epoch(three)), "same seed, same batches, whatever the threads");
            assertNotEquals(first, features(epoch(otherSeed)));
            one.reset();
            assertNotEquals(first, features(epoch(one)), "the next epoch shuffles and augments anew");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard,randaugment=2:9", "trivialaugment", "randaugment=3:30"})
    void policiesKeepShapeLabelsAndRangeRepeatUnderASeedAndDifferBetweenEpochs(String policy) {
        AugmentationSpec spec = AugmentationSpec.parse(policy);
        InMemoryImages source = images(30);
        try (ImageBatchIterator plain = ImageBatchIterator.builder(source).batchSize(30).build();
             ImageBatchIterator one = ImageBatchIterator.builder(source).batchSize(30).augmentation(spec).seed(5)
                     .workers(1, 1).build();
             ImageBatchIterator three = ImageBatchIterator.builder(source).batchSize(7).augmentation(spec).seed(5)
                     .workers(3, 6).build()) {
            DataSet original = plain.next();
            DataSet first = one.next();
            assertArrayEquals(original.getFeatures().shape(), first.getFeatures().shape());
            assertEquals(original.getLabels(), first.getLabels());
            assertNotEquals(original.getFeatures(), first.getFeatures());
            assertTrue(first.getFeatures().minNumber().doubleValue() >= 0
                    && first.getFeatures().maxNumber().doubleValue() <= 255);
            assertEquals(first.getFeatures(), features(epoch(three)), "same seed, same images, whatever the threads");
            one.reset();
            assertNotEquals(first.getFeatures(), one.next().getFeatures(), "the next epoch draws other operations");
        }
    }

    @Test
    void convertsToTheRequestedShape() {
        try (ImageBatchIterator it = ImageBatchIterator.builder(images(4)).shape(new Shape(3, 24, 20)).batchSize(4)
                .build()) {
            assertArrayEquals(new long[] {4, 3, 24, 20}, it.next().getFeatures().shape());
        }
    }

    @Test
    void normalizationIsFittedOnTheTrainingImagesOnly() {
        InMemoryImages source = images(30);
        int[] train = java.util.stream.IntStream.range(0, 30).filter(i -> i % 3 != 0).toArray();
        NormalizerStandardize normalizer = Normalization.fitStandardize(source, train, SHAPE);
        double sum = 0;
        for (int i : train) {
            byte[] px = new byte[144];
            source.read(i).data().get(px);
            for (byte p : px) {
                sum += p & 0xFF;
            }
        }
        assertEquals(sum / (train.length * 144.0), normalizer.getMean().getDouble(0), 1e-3);
        try (ImageBatchIterator it = ImageBatchIterator.builder(source).indices(train).batchSize(30)
                .preProcessor(normalizer).build()) {
            INDArray x = it.next().getFeatures();
            assertEquals(0, x.meanNumber().doubleValue(), 1e-4);
            assertEquals(1, x.stdNumber().doubleValue(), 2e-2);
        }
    }

    @Test
    void horizontalFlipMirrorsLeftToRightAndLeavesTheSourceAlone() {
        InMemoryImages source = images(6);
        byte[] before = new byte[144];
        source.read(4).data().get(before);
        try (ImageBatchIterator flipped = ImageBatchIterator.builder(source).batchSize(6)
                .augmentation(AugmentationSpec.parse("hflip=1")).build()) {
            INDArray x = flipped.next().getFeatures();
            for (int r = 0; r < 12; r++) {
                for (int c = 0; c < 12; c++) {
                    assertEquals(before[r * 12 + (11 - c)] & 0xFF, x.getDouble(4, 0, r, c), 0, "row " + r + " col " + c);
                }
            }
        }
        byte[] after = new byte[144];
        source.read(4).data().get(after);
        assertArrayEquals(before, after);
    }

    @Test
    void changingThePreProcessorMidEpochKeepsThePlace() {
        try (ImageBatchIterator it = ImageBatchIterator.builder(images(30)).batchSize(10).build()) {
            it.next();
            it.setPreProcessor(ds -> ds.getFeatures().muli(0));
            assertEquals(0, it.next().getFeatures().maxNumber().doubleValue(), 0, "the new pre-processor applies");
            it.next();
            assertFalse(it.hasNext(), "the epoch did not start over");
        }
    }

    @Test
    void resetWithoutABatchInBetweenDoesNotSkipAnEpoch() {
        try (ImageBatchIterator it = ImageBatchIterator.builder(images(30)).batchSize(30).shuffle(true).build()) {
            it.reset();
            it.reset();
            it.next();
            assertEquals(0, it.epoch());
        }
    }

    @Test
    void badSettingsAreRejected() {
        InMemoryImages source = images(3);
        assertThrows(IllegalArgumentException.class, () -> ImageBatchIterator.builder(source).batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> ImageBatchIterator.builder(source).indices(new int[] {3}));
        assertFalse(ImageBatchIterator.builder(source).build().asyncSupported());
    }

    @Test
    void augmentationSpecParsesAndRejects() {
        assertEquals(AugmentationSpec.STANDARD, AugmentationSpec.parse("standard"));
        assertEquals(AugmentationSpec.NONE, AugmentationSpec.parse("none"));
        AugmentationSpec spec = AugmentationSpec.parse("standard,rotate=10,erase=0.25");
        assertEquals(10, spec.rotate());
        assertEquals(0.5, spec.hflip());
        assertEquals(spec, AugmentationSpec.parse(spec.toString()));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> AugmentationSpec.parse("hflip=0.5,mixup=1"));
        assertTrue(unknown.getMessage().contains("mixup"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> AugmentationSpec.parse("hflip=2"));
        assertTrue(bad.getMessage().contains("hflip") && bad.getMessage().contains("[0, 1]"), bad.getMessage());
        assertEquals(0, AugmentationSpec.STANDARD.vflip(), "vertical flip is off by default");
    }
}
