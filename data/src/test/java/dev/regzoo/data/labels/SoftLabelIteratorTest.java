package dev.regzoo.data.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.data.ImageBatchIterator;
import dev.regzoo.data.InMemoryImages;
import dev.regzoo.zoo.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.adapter.SingletonDataSetIterator;

class SoftLabelIteratorTest {

    private static final SoftLabelSpec ALL = SoftLabelSpec.builder().smoothing(0.1).mixup(0.2).cutmix(1.0).build();

    /** 18 images of 6 classes in three batches, in the same order every epoch; image i's pixels are all 10·i. */
    private static DataSetIterator batches() {
        int n = 18;
        byte[] pixels = new byte[n * 64];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(pixels, i * 64, (i + 1) * 64, (byte) (10 * i));
            labels[i] = i % 6;
        }
        InMemoryImages images = InMemoryImages.of("test", new Shape(1, 8, 8), List.of("a", "b", "c", "d", "e", "f"),
                pixels, labels);
        return ImageBatchIterator.builder(images).shape(new Shape(1, 8, 8)).batchSize(6).build();
    }

    private static List<DataSet> epoch(DataSetIterator it) {
        List<DataSet> epoch = new ArrayList<>();
        it.reset();
        while (it.hasNext()) {
            epoch.add(it.next());
        }
        return epoch;
    }

    @Test
    void withEverythingOffTheIteratorIsUntouched() {
        DataSetIterator plain = batches();
        assertSame(plain, SoftLabelIterator.wrap(plain, SoftLabelSpec.NONE, 42, 0));
        assertSame(plain, SoftLabelIterator.wrap(plain, SoftLabelSpec.builder().mixProbability(0.3).build(), 42, 0),
                "probabilities alone change nothing");
    }

    @Test
    void theSameSeedGivesTheSameBatchesAndEachEpochMixesAnew() {
        DataSetIterator a = SoftLabelIterator.wrap(batches(), ALL, 42, 0);
        DataSetIterator b = SoftLabelIterator.wrap(batches(), ALL, 42, 0);
        List<DataSet> first = epoch(a);
        assertEquals(first, epoch(b), "same seed, same epoch: same batches");
        List<DataSet> second = epoch(a);
        assertNotEquals(first, second, "the next epoch mixes differently");
        assertNotEquals(first.get(0), first.get(1), "so does the next batch of an epoch");
        assertNotEquals(first, epoch(SoftLabelIterator.wrap(batches(), ALL, 43, 0)), "another seed, another mixing");
        assertEquals(second, epoch(SoftLabelIterator.wrap(batches(), ALL, 42, 1)),
                "a resumed run starting at epoch 1 mixes as the uninterrupted run's epoch 1");
    }

    @Test
    void aResetBeforeAnyBatchStartsNoEpoch() {
        DataSetIterator it = SoftLabelIterator.wrap(batches(), ALL, 42, 0);
        it.reset();
        it.reset();
        assertEquals(epoch(SoftLabelIterator.wrap(batches(), ALL, 42, 0)), epoch(it));
    }

    @Test
    void theWrappedIteratorsPropertiesShowThrough() {
        DataSetIterator single = new SingletonDataSetIterator(SoftLabelerTest.batch());
        DataSetIterator wrapped = SoftLabelIterator.wrap(single, ALL, 1, 0);
        assertEquals(single.resetSupported(), wrapped.resetSupported());
        assertEquals(single.asyncSupported(), wrapped.asyncSupported());
        assertTrue(wrapped.hasNext());
        assertEquals(6, wrapped.next().numExamples());
        assertThrows(IllegalArgumentException.class, () -> SoftLabelIterator.wrap(single, ALL, 1, -1));
    }
}
