package dev.regzoo.train.ablate;

import java.util.List;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * What one variant reached with one seed; stored as {@code result.json} in its run folder, so that a stopped study
 * skips it when it continues.
 *
 * @param variant            the variant's id
 * @param seed               the seed
 * @param bestValAccuracy    the highest validation accuracy of any epoch
 * @param trainAccuracy      the judged model on the training images (without augmentation)
 * @param testAccuracy       the judged model on the test set
 * @param epochs             epochs trained
 * @param seconds            wall time of training and evaluation
 * @param valAccuracyByEpoch validation accuracy after each epoch
 */
public record VariantResult(@JsonProperty("variant") String variant, @JsonProperty("seed") long seed,
                            @JsonProperty("bestValAccuracy") double bestValAccuracy,
                            @JsonProperty("trainAccuracy") double trainAccuracy,
                            @JsonProperty("testAccuracy") double testAccuracy, @JsonProperty("epochs") int epochs,
                            @JsonProperty("seconds") double seconds,
                            @JsonProperty("valAccuracyByEpoch") List<Double> valAccuracyByEpoch) {

    /** File name inside the variant's run folder. */
    static final String FILE = "result.json";

    /** Train accuracy minus test accuracy. */
    public double gap() {
        return trainAccuracy - testAccuracy;
    }
}
