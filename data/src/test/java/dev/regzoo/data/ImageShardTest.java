package dev.regzoo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.zoo.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class ImageShardTest {

    private static final AugmentationSpec AUGMENT = AugmentationSpec.parse("hflip=0.5,rotate=15,translate=2,erase=0.5");

    @Test
    void aWrittenShardReadsBackWithItsImagesUnderTheirDatasetIndices() throws IOException {
        InMemoryImages source = ImageBatchIteratorTest.images(30);
        ImageShard shard = ImageShard.of(source, new int[] {17, 3, 25}, source.shape());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        shard.write(bytes);
        ImageShard read = ImageShard.read(new ByteArrayInputStream(bytes.toByteArray()), "shard.bin");

        assertArrayEquals(new int[] {3, 17, 25}, read.indices());
        assertEquals(30, read.size());
        assertEquals(source.classNames(), read.classNames());
        for (int i : read.indices()) {
            assertEquals(source.label(i), read.label(i));
            assertEquals(plain(source, i), plain(read, i), "pixels of image " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> read.read(4), "image 4 is not in the shard");
        assertThrows(InvalidDataException.class,
                () -> ImageShard.read(new ByteArrayInputStream(new byte[16]), "x.bin"));
    }

    @Test
    void anImageIsAugmentedInAShardAsInItsWholeDatasetEpochByEpoch() {
        InMemoryImages source = ImageBatchIteratorTest.images(30);
        ImageShard shard = ImageShard.of(source, new int[] {2, 9, 14, 21}, source.shape());
        for (int image : shard.indices()) {
            INDArray epoch3 = augmented(shard, image, 3);
            assertEquals(augmented(source, image, 3), epoch3, "image " + image + " as the whole dataset has it");
            assertNotEquals(augmented(shard, image, 4), epoch3, "image " + image + " differs in the next epoch");
        }
    }

    /** Image {@code image} of {@code source} as a batch of one, augmented as in epoch {@code epoch} under seed 7. */
    private static INDArray augmented(ImageSource source, int image, int epoch) {
        try (ImageBatchIterator it = ImageBatchIterator.builder(source).indices(new int[] {image}).batchSize(1)
                .augmentation(AUGMENT).seed(7).firstEpoch(epoch).workers(1, 1).build()) {
            assertTrue(it.hasNext());
            return it.next().getFeatures();
        }
    }

    private static INDArray plain(ImageSource source, int image) {
        try (ImageBatchIterator it = ImageBatchIterator.builder(source).indices(new int[] {image}).batchSize(1)
                .workers(1, 1).build()) {
            return it.next().getFeatures();
        }
    }
}
