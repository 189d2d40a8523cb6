package dev.regzoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.recipes.EmaSpec;
import dev.regzoo.zoo.ModelManifest;
import dev.regzoo.zoo.ResNet18;
import dev.regzoo.zoo.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class EmaWeightsTest {

    @TempDir
    Path dir;

    /** BatchNorm (gamma, beta, running mean and variance) then a softmax layer: 4 + 4 + 4 + 4 + 15 parameters. */
    private static MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new BatchNormalization.Builder().useLogStd(false).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(4)).build());
        net.init();
        return net;
    }

    /** Parameters w_0 … w_4: random, each step moving every value, BatchNorm's statistics included. */
    private static List<INDArray> weights(long n) {
        Nd4j.getRandom().setSeed(3);
        return List.of(Nd4j.rand(DataType.FLOAT, 1, n), Nd4j.rand(DataType.FLOAT, 1, n),
                Nd4j.rand(DataType.FLOAT, 1, n), Nd4j.rand(DataType.FLOAT, 1, n), Nd4j.rand(DataType.FLOAT, 1, n));
    }

    /** Trains nothing: sets each of {@code steps} as the network's weights and tells the listener a step is done. */
    private static void steps(MultiLayerNetwork net, EmaWeights<MultiLayerNetwork> ema, List<INDArray> steps) {
        for (INDArray w : steps) {
            net.setParams(w);
            ema.iterationDone(net, 0, 0);
        }
    }

    /** Σ_k c_k·w_k with c_0 = Π d_t and c_k = (1 − d_{k−1})·Π_{t ≥ k} d_t: the average unrolled. */
    private static INDArray closedForm(List<INDArray> w, double... decays) {
        INDArray sum = Nd4j.zeros(DataType.DOUBLE, w.get(0).shape());
        for (int k = 0; k < w.size(); k++) {
            double c = k == 0 ? 1 : 1 - decays[k - 1];
            for (int t = k; t < decays.length; t++) {
                c *= decays[t];
            }
            sum.addi(w.get(k).castTo(DataType.DOUBLE).mul(c));
        }
        return sum;
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        INDArray difference = expected.sub(actual.castTo(DataType.DOUBLE));
        assertTrue(difference.amaxNumber().doubleValue() < 1e-6, "off by " + difference);
    }

    @Test
    void theAverageIsItsClosedFormOverEveryParameterBatchNormStatisticsIncluded() {
        MultiLayerNetwork net = network();
        List<INDArray> w = weights(net.numParams());
        net.setParams(w.get(0));
        EmaWeights<MultiLayerNetwork> ema = EmaWeights.startingAt(net, new EmaSpec(0.9, 0));
        steps(net, ema, w.subList(1, 5));
        assertClose(closedForm(w, 0.9, 0.9, 0.9, 0.9), ema.network().params());
        assertEquals(4, ema.updates());
        assertTrue(ema.network().paramTable().keySet().containsAll(List.of("0_mean", "0_var")),
                "BatchNorm's running statistics are parameters: " + ema.network().paramTable().keySet());
        assertNotEquals(net.getParam("0_mean"), ema.network().getParam("0_mean"), "and are averaged");
    }

    @Test
    void aComputationGraphIsAveragedAlike() {
        ComputationGraph graph = ResNet18.builder().inputShape(1, 8, 8).classes(3).width(4).seed(3).build().init();
        INDArray start = graph.params().dup();
        EmaWeights<ComputationGraph> ema = EmaWeights.startingAt(graph, new EmaSpec(0.75, 0));
        INDArray next = Nd4j.rand(DataType.FLOAT, start.shape());
        graph.setParams(next);
        ema.iterationDone(graph, 0, 0);
        assertClose(closedForm(List.of(start, next), 0.75), ema.network().params());
        assertTrue(ema.network().paramTable().keySet().stream().anyMatch(k -> k.endsWith("_mean")),
                "BatchNorm's running means are among the averaged parameters");
    }

    @Test
    void theWarmUpDecaysAreTensorFlows() {
        MultiLayerNetwork net = network();
        List<INDArray> w = weights(net.numParams());
        net.setParams(w.get(0));
        EmaWeights<MultiLayerNetwork> ema = EmaWeights.startingAt(net, new EmaSpec(0.99, 10));
        steps(net, ema, w.subList(1, 5));
        assertClose(closedForm(w, 1 / 10.0, 2 / 11.0, 3 / 12.0, 4 / 13.0), ema.network().params());
    }

    @Test
    void theTrainedNetworkIsNeverTouchedAndScoringSeesTheAverage() {
        MultiLayerNetwork net = network();
        List<INDArray> w = weights(net.numParams());
        EmaWeights<MultiLayerNetwork> ema = EmaWeights.startingAt(net, new EmaSpec(0.5, 0));
        steps(net, ema, w.subList(1, 3));
        assertEquals(w.get(2).ravel(), net.params().ravel(), "the trained network keeps its own weights");
        MultiLayerNetwork[] scored = new MultiLayerNetwork[1];
        ScoreCalculator<MultiLayerNetwork> calculator = ema.scoring(new ScoreCalculator<>() {
            @Override
            public double calculateScore(MultiLayerNetwork network) {
                scored[0] = network;
                return 1;
            }

            @Override
            public boolean minimizeScore() {
                return true;
            }
        });
        calculator.calculateScore(net);
        assertSame(ema.network(), scored[0]);
    }

    @Test
    void theAverageSurvivesSavingAndResumingWhereItWas() throws IOException {
        MultiLayerNetwork net = network();
        List<INDArray> w = weights(net.numParams());
        EmaSpec spec = new EmaSpec(0.9, 10);
        EmaWeights<MultiLayerNetwork> ema = EmaWeights.startingAt(net, spec);
        steps(net, ema, w.subList(1, 3));
        net.setIterationCount(2);
        AtomicModelSaver<MultiLayerNetwork> files = new AtomicModelSaver<>(dir, null,
                new ModelManifest(new Shape(1, 1, 4), List.of("a", "b", "c"), "test", "test", null),
                MultiLayerNetwork.class, Double.NaN, true);
        ema.saving(files).saveLatestModel(net, 0.5);
        ema.saving(files).saveBestModel(net, 0.5);
        assertEquals(ema.network().params(), files.getBestModel().params(), "the best model is the average");
        assertEquals(net.params(), files.getLatestModel().params(), "the checkpoint is the trained network");

        MultiLayerNetwork resumed = files.getLatestModel();
        EmaWeights<MultiLayerNetwork> restored = EmaWeights.restore(dir.resolve(EmaWeights.FILE), resumed,
                MultiLayerNetwork.class, spec);
        assertEquals(ema.network().params(), restored.network().params());
        assertEquals(2, restored.updates());
        steps(net, ema, w.subList(3, 5));
        steps(resumed, restored, w.subList(3, 5));
        assertEquals(ema.network().params(), restored.network().params(), "the warm-up continues from update 2");

        resumed.setIterationCount(7);
        IllegalArgumentException stale = assertThrows(IllegalArgumentException.class, () -> EmaWeights.restore(
                dir.resolve(EmaWeights.FILE), resumed, MultiLayerNetwork.class, spec));
        assertTrue(stale.getMessage().contains("delete latestEma.zip"), stale.getMessage());
    }
}
