package dev.regzoo.zoo.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.regzoo.zoo.GradientChecks;
import dev.regzoo.zoo.ResNet;
import dev.regzoo.zoo.SavedInMemory;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
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
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The one-pass residual sum trains, infers, saves and checks gradients exactly like DL4J's Add vertex. */
class AddVertexTest {

    /**
     * {@code branches} dense branches from one input, summed by the vertex, then a dense layer whose input is also
     * the first branch (an activation with two consumers, as a ResNet's shortcut) and a softmax classifier.
     */
    private static ComputationGraph net(ElementWiseVertex add, int branches, DataType type) {
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder().seed(3)
                .dataType(type).updater(type == DataType.DOUBLE ? new NoOp() : new Sgd(0.1)).graphBuilder()
                .addInputs("in").setInputTypes(InputType.feedForward(6));
        String[] names = IntStream.range(0, branches).mapToObj(i -> "branch" + i).toArray(String[]::new);
        for (String name : names) {
            graph.addLayer(name, new DenseLayer.Builder().nOut(5).activation(Activation.TANH).build(), "in");
        }
        graph.addVertex("add", add, names)
                .addLayer("after", new DenseLayer.Builder().nOut(4).activation(Activation.TANH).build(), "add",
                        "branch0")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "after")
                .setOutputs("out");
        ComputationGraph net = new ComputationGraph(graph.build());
        net.init();
        return net;
    }

    private static ElementWiseVertex stock() {
        return new ElementWiseVertex(ElementWiseVertex.Op.Add);
    }

    private static DataSet batch(int n, DataType type) {
        Nd4j.getRandom().setSeed(n);
        INDArray y = Nd4j.zeros(type, n, 3);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 3, 1);
        }
        return new DataSet(Nd4j.randn(type, n, 6), y);
    }

    /** Two inputs take the one-pass sum; three take DL4J's path: both train exactly like the stock vertex. */
    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void trainsAndInfersExactlyLikeTheStockVertex(int branches) {
        ComputationGraph stock = net(stock(), branches, DataType.FLOAT);
        ComputationGraph summed = net(new AddVertex(), branches, DataType.FLOAT);
        assertInstanceOf(AddVertex.Impl.class, summed.getVertex("add"));
        assertEquals(stock.params(), summed.params());
        INDArray initial = stock.params().dup();
        for (int n : new int[] {8, 8, 5}) {
            stock.fit(batch(n, DataType.FLOAT));
            summed.fit(batch(n, DataType.FLOAT));
        }
        assertNotEquals(initial, summed.params(), "the steps moved the weights");
        assertEquals(0, stock.params().sub(summed.params()).amaxNumber().doubleValue(), 1e-6);
        INDArray x = batch(4, DataType.FLOAT).getFeatures();
        assertEquals(stock.outputSingle(x), summed.outputSingle(x));
    }

    @Test
    void gradientsMatchNumericOnes() {
        GradientChecks.inDoublePrecision(() -> {
            DataSet batch = batch(6, DataType.DOUBLE);
            GradientChecks.assertGradientsCorrect(net(new AddVertex(), 2, DataType.DOUBLE), batch.getFeatures(),
                    batch.getLabels(), Set.of());
        });
    }

    @Test
    void savesLoadsAndClonesAsItself() {
        ComputationGraph net = net(new AddVertex(), 2, DataType.FLOAT);
        ComputationGraphConfiguration conf = net.getConfiguration();
        ComputationGraphConfiguration fromJson = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertInstanceOf(AddVertex.class, fromJson.getVertices().get("add"));
        assertInstanceOf(AddVertex.class, conf.clone().getVertices().get("add"));
        ComputationGraph loaded = SavedInMemory.reload(net);
        assertInstanceOf(AddVertex.Impl.class, loaded.getVertex("add"));
        INDArray x = batch(3, DataType.FLOAT).getFeatures();
        assertEquals(net.outputSingle(x), loaded.outputSingle(x));
    }

    @Test
    void resNetsSumTheirBlocksWithIt() {
        ComputationGraph net = ResNet.builder().blocksPerStage(List.of(1, 1)).inputShape(1, 8, 8).classes(3)
                .width(4).build().init();
        long adds = net.getConfiguration().getVertices().values().stream()
                .filter(v -> v instanceof AddVertex).count();
        assertEquals(2, adds);
    }
}
