package dev.regzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** DL4J's numeric gradient check with the zoo's tolerances, in double precision. */
public final class GradientChecks {

    private static final double EPSILON = 1e-6;
    private static final double MAX_RELATIVE_ERROR = 1e-3;
    private static final double MIN_ABSOLUTE_ERROR = 1e-8;
    private static final String FAILED = "gradient check failed (see log for the offending parameter)";

    private GradientChecks() {
    }

    /** Runs {@code test} with ND4J's default types set to double, restoring them afterwards. */
    public static void inDoublePrecision(Runnable test) {
        DataType previous = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            test.run();
        } finally {
            Nd4j.setDefaultDataTypes(previous, previous);
        }
    }

    public static void assertGradientsCorrect(MultiLayerNetwork net, DataSet batch) {
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                .input(batch.getFeatures()).labels(batch.getLabels())
                .epsilon(EPSILON).maxRelError(MAX_RELATIVE_ERROR).minAbsoluteError(MIN_ABSOLUTE_ERROR)), FAILED);
    }

    /**
     * The check with the random number generator reset to {@code maskSeed} before every pass, so that random masks
     * (dropout, DropBlock) are the same in each: the gradient of the network under one fixed mask.
     */
    public static void assertGradientsCorrect(MultiLayerNetwork net, DataSet batch, long maskSeed) {
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                .input(batch.getFeatures()).labels(batch.getLabels())
                .callEachIter(n -> Nd4j.getRandom().setSeed(maskSeed))
                .epsilon(EPSILON).maxRelError(MAX_RELATIVE_ERROR).minAbsoluteError(MIN_ABSOLUTE_ERROR)), FAILED);
    }

    /** {@code excluded}: parameters without a gradient (BatchNorm's running statistics). */
    public static void assertGradientsCorrect(ComputationGraph net, INDArray features, INDArray labels,
                                              Set<String> excluded) {
        assertTrue(GradientCheckUtil.checkGradients(graphCheck(net, features, labels, excluded)), FAILED);
    }

    /** The graph check under one fixed random mask, as for a {@link MultiLayerNetwork}. */
    public static void assertGradientsCorrect(ComputationGraph net, INDArray features, INDArray labels,
                                              Set<String> excluded, long maskSeed) {
        assertTrue(GradientCheckUtil.checkGradients(graphCheck(net, features, labels, excluded)
                .callEachIter(g -> Nd4j.getRandom().setSeed(maskSeed))), FAILED);
    }

    private static GradientCheckUtil.GraphConfig graphCheck(ComputationGraph net, INDArray features, INDArray labels,
                                                            Set<String> excluded) {
        return new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[] {features}).labels(new INDArray[] {labels}).excludeParams(excluded)
                .epsilon(EPSILON).maxRelError(MAX_RELATIVE_ERROR).minAbsoluteError(MIN_ABSOLUTE_ERROR);
    }
}
