package dev.regzoo.zoo.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.zoo.GradientChecks;
import dev.regzoo.zoo.SavedInMemory;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Drop path drops whole examples' residual branches at its rate, rescales the rest and is a plain sum at inference. */
class DropPathAddVertexTest {

    private static final double P = 0.3;

    /** The vertex alone, fed by two graph inputs of {@code type}: the branch, then the shortcut. */
    private static ComputationGraph sumOnly(double p, InputType type) {
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("branch", "shortcut").setInputTypes(type, type)
                .addVertex("add", new DropPathAddVertex(p), "branch", "shortcut")
                .setOutputs("add").build());
        net.init();
        return net;
    }

    private static INDArray sum(ComputationGraph net, INDArray branch, INDArray shortcut, boolean training) {
        Map<String, INDArray> activations = net.feedForward(new INDArray[] {branch, shortcut}, training);
        return activations.get("add");
    }

    /** Dense activations [n, 3] and convolutional ones [n, 2, 3, 3] (the residual blocks'). */
    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void dropsWholeExamplesBranchesAtItsRateAndRescalesTheKeptOnes(int rank) {
        Nd4j.getRandom().setSeed(9);
        int n = 4000;
        long[] shape = rank == 2 ? new long[] {n, 3} : new long[] {n, 2, 3, 3};
        INDArray branch = Nd4j.rand(DataType.FLOAT, shape).addi(1);
        INDArray shortcut = Nd4j.rand(DataType.FLOAT, shape);
        InputType type = rank == 2 ? InputType.feedForward(3) : InputType.convolutional(3, 3, 2);
        INDArray out = sum(sumOnly(P, type), branch, shortcut, true).reshape(n, -1);
        INDArray kept = shortcut.add(branch.div(1 - P)).reshape(n, -1);
        double[] offDropped = Transforms.abs(out.sub(shortcut.reshape(n, -1))).max(1).toDoubleVector();
        double[] offKept = Transforms.abs(out.sub(kept)).max(1).toDoubleVector();
        int dropped = 0;
        for (int i = 0; i < n; i++) {
            boolean wasDropped = offDropped[i] < 1e-6;
            assertTrue(wasDropped || offKept[i] < 1e-5, "example " + i + ": the whole branch or none of it");
            dropped += wasDropped ? 1 : 0;
        }
        double sigma = Math.sqrt(P * (1 - P) / n);
        assertEquals(P, (double) dropped / n, 4 * sigma);
    }

    @Test
    void isThePlainSumAtInferenceAndWithoutARate() {
        INDArray branch = Nd4j.rand(DataType.FLOAT, 5, 3);
        INDArray shortcut = Nd4j.rand(DataType.FLOAT, 5, 3);
        assertEquals(branch.add(shortcut), sum(sumOnly(P, InputType.feedForward(3)), branch, shortcut, false));
        assertEquals(branch.add(shortcut), sum(sumOnly(0, InputType.feedForward(3)), branch, shortcut, true));
    }

    /** in → dense branch, dense shortcut → drop path sum → softmax. */
    private static ComputationGraph residualNet(DataType type) {
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3).dataType(type)
                .updater(new NoOp()).graphBuilder()
                .addInputs("in").setInputTypes(InputType.feedForward(4))
                .addLayer("branch", new DenseLayer.Builder().nOut(3).activation(Activation.TANH).build(), "in")
                .addLayer("shortcut", new DenseLayer.Builder().nOut(3).activation(Activation.TANH).build(), "in")
                .addVertex("add", new DropPathAddVertex(0.5), "branch", "shortcut")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "add")
                .setOutputs("out").build());
        net.init();
        return net;
    }

    private static DataSet batch(DataType type) {
        Nd4j.getRandom().setSeed(2);
        INDArray y = Nd4j.zeros(type, 8, 2);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i % 2, 1);
        }
        return new DataSet(Nd4j.randn(type, 8, 4), y);
    }

    @Test
    void gradientsMatchNumericOnesUnderAFixedMask() {
        GradientChecks.inDoublePrecision(() -> {
            ComputationGraph net = residualNet(DataType.DOUBLE);
            DataSet batch = batch(DataType.DOUBLE);
            long maskSeed = 4;
            Nd4j.getRandom().setSeed(maskSeed);
            INDArray dropped = net.outputSingle(true, batch.getFeatures());
            assertNotEquals(net.outputSingle(false, batch.getFeatures()), dropped, "the seed's mask drops a branch");
            GradientChecks.assertGradientsCorrect(net, batch.getFeatures(), batch.getLabels(), Set.of(), maskSeed);
        });
    }

    @Test
    void savesLoadsAndComparesByItsRate() {
        ComputationGraph net = residualNet(DataType.FLOAT);
        DataSet batch = batch(DataType.FLOAT);
        net.fit(batch);
        ComputationGraphConfiguration conf = net.getConfiguration();
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
        assertEquals(new DropPathAddVertex(0.5), conf.clone().getVertices().get("add"));
        assertNotEquals(new DropPathAddVertex(0.5), new DropPathAddVertex(0.25));
        ComputationGraph loaded = SavedInMemory.reload(net);
        assertInstanceOf(DropPathAddVertex.Impl.class, loaded.getVertex("add"));
        assertEquals(net.outputSingle(batch.getFeatures()), loaded.outputSingle(batch.getFeatures()));
    }

    @Test
    void aRateOutsideZeroToOneIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DropPathAddVertex(1));
        assertEquals("drop path must be in [0, 1) (a drop probability), got 1.0", e.getMessage());
    }
}
