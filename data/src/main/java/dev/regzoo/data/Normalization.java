package dev.regzoo.data;

import dev.regzoo.zoo.Shape;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/** Per-channel standardisation fitted on training images only, as DL4J's own {@link NormalizerStandardize}. */
public final class Normalization {

    private Normalization() {
    }

    /**
     * Fits per-channel mean and standard deviation on the {@code trainIndices} images of {@code source}, converted to
     * {@code shape} and not augmented. The result can travel with a model ({@code ModelSerializer.addNormalizerToModel}).
     */
    public static NormalizerStandardize fitStandardize(ImageSource source, int[] trainIndices, Shape shape) {
        NormalizerStandardize normalizer = new NormalizerStandardize();
        try (ImageBatchIterator images = ImageBatchIterator.builder(source).indices(trainIndices).shape(shape)
                .batchSize(512).build()) {
            normalizer.fit(images);
        }
        return normalizer;
    }
}
