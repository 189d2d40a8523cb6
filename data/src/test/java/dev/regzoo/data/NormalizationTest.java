package dev.regzoo.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.regzoo.zoo.Shape;
import dev.regzoo.zoo.SmallCnn;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

class NormalizationTest {

    @TempDir
    Path dir;

    @Test
    void travelsWithASavedModel() throws IOException {
        InMemoryImages images = ImageBatchIteratorTest.images(30);
        NormalizerStandardize fitted = Normalization.fitStandardize(images, new int[] {0, 1, 2, 3, 4, 5},
                new Shape(1, 12, 12));
        File model = dir.resolve("model.zip").toFile();
        // DL4J 1.0.0-M2.1's writeModel(net, file, true, normalizer) throws: write, then add the normalizer.
        ModelSerializer.writeModel(SmallCnn.builder().inputShape(1, 12, 12).classes(3).width(4).build().init(),
                model, true);
        ModelSerializer.addNormalizerToModel(model, fitted);
        NormalizerStandardize restored = ModelSerializer.restoreNormalizerFromFile(model);
        assertEquals(fitted.getMean(), restored.getMean());
        assertEquals(fitted.getStd(), restored.getStd());
    }
}
