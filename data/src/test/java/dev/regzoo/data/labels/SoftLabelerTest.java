package dev.regzoo.data.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class SoftLabelerTest {

    private static final int N = 6;
    private static final int SIDE = 8;

    /** N images of SIDE×SIDE whose every pixel is i + 1, of class i: each pixel and target says where it came from. */
    static DataSet batch() {
        INDArray features = Nd4j.create(DataType.FLOAT, N, 1, SIDE, SIDE);
        for (int i = 0; i < N; i++) {
            features.get(NDArrayIndex.point(i)).assign(i + 1);
        }
        return new DataSet(features, Nd4j.eye(N).castTo(DataType.FLOAT));
    }

    private static DataSet apply(SoftLabelSpec spec, int key) {
        return new SoftLabeler(spec).apply(batch(), SoftLabelIterator.random(7, key, key));
    }

    @Test
    void smoothingGivesEachOtherClassEpsilonOverKAndLeavesTheImagesAlone() {
        DataSet out = apply(SoftLabelSpec.builder().smoothing(0.1).build(), 0);
        for (int i = 0; i < N; i++) {
            for (int c = 0; c < N; c++) {
                assertEquals(c == i ? 0.9 + 0.1 / N : 0.1 / N, out.getLabels().getDouble(i, c), 1e-6);
            }
        }
        assertEquals(batch().getFeatures(), out.getFeatures());
    }

    @Test
    void mixupMixesEachImageWithTheNextByTheLambdaItsTargetsSay() {
        SoftLabelSpec spec = SoftLabelSpec.builder().mixup(1.0).build();
        for (int key = 0; key < 10; key++) {
            DataSet out = apply(spec, key);
            double lambda = out.getLabels().getDouble(0, 0);
            assertTrue(lambda > 0 && lambda < 1, "λ " + lambda);
            for (int i = 0; i < N; i++) {
                int partner = (i + 1) % N;
                assertEquals(lambda, out.getLabels().getDouble(i, i), 1e-6, "one λ per batch");
                assertEquals(1 - lambda, out.getLabels().getDouble(i, partner), 1e-6);
                double expected = lambda * (i + 1) + (1 - lambda) * (partner + 1);
                assertEquals(expected, out.getFeatures().getDouble(i, 0, 3, 5), 1e-5);
            }
        }
    }

    @Test
    void cutMixTargetsWeighTheImagesByTheAreaActuallyPasted() {
        SoftLabelSpec spec = SoftLabelSpec.builder().cutmix(1.0).smoothing(0.1).build();
        boolean pastedSome = false;
        for (int key = 0; key < 15; key++) {
            DataSet out = apply(spec, key);
            for (int i = 0; i < N; i++) {
                int partner = (i + 1) % N;
                INDArray image = out.getFeatures().get(NDArrayIndex.point(i));
                double pasted = count(image, partner + 1);
                assertEquals(1, pasted + count(image, i + 1), 1e-9, "each pixel is the image's own or its partner's");
                // smoothing inside the mixing: λ·(1 − ε + ε/K) + (1 − λ)·ε/K for the own class
                assertEquals((1 - pasted) * 0.9 + 0.1 / N, out.getLabels().getDouble(i, i), 1e-6);
                assertEquals(pasted * 0.9 + 0.1 / N, out.getLabels().getDouble(i, partner), 1e-6);
                pastedSome |= pasted > 0;
            }
        }
        assertTrue(pastedSome, "some batch got a box");
    }

    /** The share of {@code image}'s pixels equal to {@code value}. */
    private static double count(INDArray image, double value) {
        return image.eq(value).castTo(DataType.INT32).sumNumber().doubleValue() / image.length();
    }

    @Test
    void aCutMixBoxHasTheNominalSidesUnlessTheBorderClipsIt() {
        int clipped = 0;
        for (int key = 0; key < 200; key++) {
            CutMixBox box = CutMixBox.sample(SIDE, SIDE, 0.75, SoftLabelIterator.random(3, 0, key));
            assertTrue(box.bottom() - box.top() <= SIDE / 2 && box.right() - box.left() <= SIDE / 2, box.toString());
            assertEquals(1 - box.area() / 64.0, box.keptFraction(SIDE, SIDE), 1e-12);
            clipped += box.area() < 16 ? 1 : 0;
        }
        assertTrue(clipped > 0 && clipped < 200, "boxes centred near a border are clipped: " + clipped);
    }

    @Test
    void mixedTargetsSumToOne() {
        SoftLabelSpec spec = SoftLabelSpec.builder().smoothing(0.1).mixup(0.2).cutmix(1.0).build();
        for (int key = 0; key < 10; key++) {
            INDArray sums = apply(spec, key).getLabels().sum(1);
            for (int i = 0; i < N; i++) {
                assertEquals(1, sums.getDouble(i), 1e-6);
            }
        }
    }

    @Test
    void theGivenBatchIsNeverChanged() {
        DataSet given = batch();
        new SoftLabeler(SoftLabelSpec.builder().smoothing(0.2).mixup(1).cutmix(1).build())
                .apply(given, SoftLabelIterator.random(1, 2, 3));
        assertEquals(batch().getFeatures(), given.getFeatures());
        assertEquals(batch().getLabels(), given.getLabels());
    }

    @Test
    void mixProbabilityZeroOnlySmooths() {
        DataSet out = apply(SoftLabelSpec.builder().mixup(1).cutmix(1).mixProbability(0).build(), 3);
        assertEquals(batch().getFeatures(), out.getFeatures());
        assertEquals(batch().getLabels(), out.getLabels());
    }

    @Test
    void cutMixNeedsImages() {
        DataSet vectors = new DataSet(Nd4j.rand(DataType.FLOAT, N, 5), Nd4j.eye(N).castTo(DataType.FLOAT));
        SoftLabeler cutmix = new SoftLabeler(SoftLabelSpec.builder().cutmix(1).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cutmix.apply(vectors, SoftLabelIterator.random(1, 0, 0)));
        assertTrue(e.getMessage().contains("--cutmix") && e.getMessage().contains("[6, 5]"), e.getMessage());
        DataSet mixed = new SoftLabeler(SoftLabelSpec.builder().mixup(1).build())
                .apply(vectors, SoftLabelIterator.random(1, 0, 0));
        assertFalse(mixed.getFeatures().equals(vectors.getFeatures()), "mixup mixes vectors too");
    }
}
