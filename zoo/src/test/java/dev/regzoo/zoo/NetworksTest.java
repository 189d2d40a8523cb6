package dev.regzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** {@link Networks} answers as the network type's own methods do, for both types. */
class NetworksTest {

    private static final INDArray FEATURES = Nd4j.rand(DataType.FLOAT, 4, 1, 12, 12);
    private static final DataSet BATCH = new DataSet(FEATURES, Nd4j.eye(3).getRows(0, 1, 2, 0).castTo(DataType.FLOAT));
    private static final RegularizationSpec L2 = RegularizationSpec.builder().l2(1e-3).build();

    @Test
    void aMultiLayerNetworkAnswersAsItsOwnMethods() {
        MultiLayerNetwork net = SmallCnn.builder().inputShape(1, 12, 12).classes(3).width(4).regularization(L2).build()
                .init();
        assertEquals(net.output(FEATURES, false), Networks.output(net, FEATURES));
        assertEquals(net.score(BATCH, false), Networks.score(net, BATCH), 1e-9);
        assertEquals(net.calcRegularizationScore(true), Networks.regularizationScore(net), 1e-12);
        assertTrue(Networks.regularizationScore(net) > 0, "the L2 penalty");
        assertSame(net.getOutputLayer(), Networks.outputLayer(net));
        learningRateAndListeners(net);
    }

    @Test
    void aComputationGraphAnswersAsItsOwnMethods() {
        ComputationGraph net = ResNet.builder().blocksPerStage(List.of(1, 1)).inputShape(1, 12, 12).classes(3)
                .width(4).regularization(L2).build().init();
        assertEquals(net.outputSingle(false, FEATURES), Networks.output(net, FEATURES));
        assertEquals(net.score(BATCH, false), Networks.score(net, BATCH), 1e-9);
        assertEquals(net.calcRegularizationScore(true), Networks.regularizationScore(net), 1e-12);
        assertSame(net.getOutputLayer(0), Networks.outputLayer(net));
        learningRateAndListeners(net);
    }

    @Test
    void otherModelsAreRefusedByName() {
        Model notANetwork = SmallCnn.builder().inputShape(1, 12, 12).classes(3).width(4).build().init()
                .getOutputLayer();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Networks.output(notANetwork, FEATURES));
        assertTrue(e.getMessage().contains(notANetwork.getClass().getName()), e.getMessage());
    }

    private static void learningRateAndListeners(Model net) {
        Networks.setLearningRate(net, 0.125);
        net.setListeners(new ScoreIterationListener(1));
        List<?> copy = Networks.listeners(net);
        assertEquals(1, copy.size());
        copy.clear();
        assertEquals(1, Networks.listeners(net).size(), "a copy, not the network's own collection");
        double rate = net instanceof MultiLayerNetwork m ? m.getLearningRate(0)
                : ((ComputationGraph) net).getLearningRate(((ComputationGraph) net).getLayer(1).conf().getLayer()
                .getLayerName());
        assertEquals(0.125, rate, 1e-9);
    }
}
