package dev.regzoo.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.zoo.GradientChecks;
import dev.regzoo.zoo.RegularizationSpec;
import dev.regzoo.zoo.ResNet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Analytic gradients of a tiny residual network (stem, a BasicBlock with BatchNorm, ReLU and the residual Add, global
 * pooling, softmax, L2) match numeric ones; with the oneDNN build, its BatchNorm layers run on regzoo's own
 * {@code FastBatchNormHelper}, so this checks that helper's backward pass too; its convolutions are the zoo's
 * {@link KeptOutputConvolutionLayer}.
 *
 * <p>The network has a single stage: with a projection shortcut DL4J 1.0.0-M2.1's {@code GradientCheckUtil} names
 * flattened parameter indices in parameter-table order, which differs from the flat layout of a branching graph, so
 * BatchNorm running statistics (updated, not trained) can no longer be excluded by name.
 */
class GradientCheckTest {

    /** BatchNorm's running mean and variance are updated, not trained: they have no gradient to check. */
    private static Set<String> runningStatistics(ComputationGraph net) {
        return net.paramTable().keySet().stream()
                .filter(p -> p.endsWith("_mean") || p.endsWith("_var") || p.endsWith("_log10stdev"))
                .collect(Collectors.toSet());
    }

    @Test
    void tinyResidualNetworkGradientsAreCorrect() {
        GradientChecks.inDoublePrecision(() -> {
            ComputationGraph net = ResNet.builder().blocksPerStage(List.of(1)).inputShape(1, 6, 6).classes(3).width(3)
                    .regularization(RegularizationSpec.builder().l2(1e-3).dropout(0).build())
                    .updater(new NoOp()).dataType(DataType.DOUBLE).seed(12345).build().init();
            Nd4j.getRandom().setSeed(12345);
            INDArray x = Nd4j.rand(DataType.DOUBLE, 8, 1, 6, 6);
            INDArray y = Nd4j.zeros(DataType.DOUBLE, 8, 3);
            for (int i = 0; i < 8; i++) {
                y.putScalar(i, i % 3, 1.0);
            }
            if (NativeHelpers.oneDnnActive()) {
                assertTrue(((BatchNormalization) net.getLayer("stem_bn")).getHelper() instanceof FastBatchNormHelper);
            }
            GradientChecks.assertGradientsCorrect(net, x, y, runningStatistics(net));
        });
    }
}
