package dev.regzoo.data.labels;

import java.util.Arrays;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Applies a {@link SoftLabelSpec} to one batch of one-hot labels, as timm's {@code Mixup} does in batch mode: one
 * decision and one λ per batch, the partner of image {@code i} being image {@code i + 1} (the batch rolled by one, as
 * torchvision's {@code MixUp}/{@code CutMix} pair it). The batch given is never changed: its arrays may be a user's,
 * read again in the next epoch.
 */
final class SoftLabeler {

    private final SoftLabelSpec spec;

    SoftLabeler(SoftLabelSpec spec) {
        this.spec = spec;
    }

    /**
     * {@code batch} with soft targets, and mixed images when {@code random} decides to mix it.
     *
     * @throws IllegalArgumentException when CutMix is to paste into features that are not images
     *                                  {@code [batch, channels, height, width]}
     */
    DataSet apply(DataSet batch, RandomGenerator random) {
        INDArray features = batch.getFeatures();
        INDArray targets = smoothed(batch.getLabels());
        long n = features.size(0);
        if (spec.mixing() && n > 1 && random.nextDouble() < spec.mixProbability()) {
            boolean cutmix = spec.cutmix() > 0 && (spec.mixup() == 0 || random.nextDouble() < spec.switchProbability());
            double alpha = cutmix ? spec.cutmix() : spec.mixup();
            double lambda = new BetaDistribution(random, alpha, alpha).sample();
            INDArray partners = rolled(features);
            if (cutmix) {
                checkImages(features);
                int height = (int) features.size(2);
                int width = (int) features.size(3);
                CutMixBox box = CutMixBox.sample(height, width, lambda, random);
                features = features.dup();
                if (box.area() > 0) {
                    INDArrayIndex[] inBox = {NDArrayIndex.all(), NDArrayIndex.all(),
                            NDArrayIndex.interval(box.top(), box.bottom()),
                            NDArrayIndex.interval(box.left(), box.right())};
                    features.get(inBox).assign(partners.get(inBox));
                }
                lambda = box.keptFraction(height, width);
            } else {
                features = features.mul(lambda).addi(partners.muli(1 - lambda));
            }
            targets = targets.mul(lambda).addi(rolled(targets).muli(1 - lambda));
        }
        return new DataSet(features, targets, batch.getFeaturesMaskArray(), batch.getLabelsMaskArray());
    }

    /** {@code (1 − ε)·labels + ε/K}, or {@code labels} themselves without smoothing. */
    private INDArray smoothed(INDArray labels) {
        double epsilon = spec.smoothing();
        return epsilon == 0 ? labels : labels.mul(1 - epsilon).addi(epsilon / labels.size(1));
    }

    /** A copy of {@code x} with example {@code i + 1} (cyclically) in row {@code i}. */
    private static INDArray rolled(INDArray x) {
        long n = x.size(0);
        return Nd4j.concat(0, x.get(NDArrayIndex.interval(1, n)), x.get(NDArrayIndex.interval(0, 1)));
    }

    private static void checkImages(INDArray features) {
        if (features.rank() != 4) {
            throw new IllegalArgumentException("--cutmix pastes boxes into images [batch, channels, height, width], "
                    + "got features of shape " + Arrays.toString(features.shape()) + "; use --mixup for them");
        }
    }
}
