package dev.regzoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.recipes.StoppingSpec;
import dev.regzoo.zoo.RegularizationSpec;
import dev.regzoo.zoo.ResNet18;
import dev.regzoo.zoo.SmallCnn;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The one-pass validation score gives the loss DL4J's {@code DataSetLossCalculator} gives (regularization included)
 * and the accuracy of {@code doEvaluation}, for both network types and for a non-softmax output layer.
 */
class ValidationScoreTest {

    private static final RegularizationSpec REGULARIZED = RegularizationSpec.none().toBuilder()
            .l2(1e-2).weightDecay(5e-3).build();

    /** 50 random 1x8x8 images in 3 classes, in batches of 16 (the last one partial). */
    private static DataSetIterator validation() {
        Nd4j.getRandom().setSeed(7);
        List<DataSet> examples = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            examples.add(new DataSet(Nd4j.rand(1, 1, 8, 8), Nd4j.eye(3).getRow(i % 3).reshape(1, 3)));
        }
        return new ListDataSetIterator<>(examples, 16);
    }

    private static void assertMatchesDl4j(Model net) {
        DataSetIterator validation = validation();
        ValidationScore<Model> score = new ValidationScore<>(validation, StoppingSpec.Monitor.VAL_LOSS);
        double loss = score.calculateScore(net);
        double expectedLoss = new DataSetLossCalculator(validation, true).calculateScore(net);
        validation.reset();
        double expectedAccuracy = ((NeuralNetwork) net).doEvaluation(validation, new Evaluation())[0].accuracy();
        assertEquals(expectedLoss, loss, 1e-5 * expectedLoss);
        assertEquals(loss, score.lastLoss());
        assertEquals(expectedAccuracy, score.lastAccuracy(), 1e-12);
        assertTrue(score.minimizeScore());
    }

    @Test
    void multiLayerNetworkLossAndAccuracyMatchDl4j() {
        assertMatchesDl4j(SmallCnn.builder().inputShape(1, 8, 8).classes(3).width(4).regularization(REGULARIZED)
                .seed(3).build().init());
    }

    @Test
    void computationGraphLossAndAccuracyMatchDl4j() {
        assertMatchesDl4j(ResNet18.builder().inputShape(1, 8, 8).classes(3).width(4).regularization(REGULARIZED)
                .seed(3).build().init());
    }

    @Test
    void nonSoftmaxOutputFallsBackToDl4jsScore() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).l2(1e-2).list()
                .layer(new DenseLayer.Builder().nIn(64).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(3)
                        .activation(Activation.SIGMOID).build())
                .setInputType(org.deeplearning4j.nn.conf.inputs.InputType.convolutional(8, 8, 1)).build());
        net.init();
        assertMatchesDl4j(net);
    }

    @Test
    void monitoringAccuracyScoresAccuracyAndMaximizes() {
        MultiLayerNetwork net = SmallCnn.builder().inputShape(1, 8, 8).classes(3).width(4).seed(3).build().init();
        ValidationScore<Model> score = new ValidationScore<>(validation(), StoppingSpec.Monitor.VAL_ACCURACY);
        assertEquals(score.calculateScore(net), score.lastAccuracy());
        assertFalse(score.minimizeScore());
        assertTrue(score.lastLoss() > 0);
    }

    @Test
    void aNetworkWithNonFiniteWeightsOrOutputsScoresNaNWithoutEvaluating() {
        MultiLayerNetwork net = SmallCnn.builder().inputShape(1, 8, 8).classes(3).width(4).seed(3).build().init();
        ValidationScore<Model> score = new ValidationScore<>(validation(), StoppingSpec.Monitor.VAL_ACCURACY);
        INDArray weights = net.params().dup();
        net.params().putScalar(0, Double.POSITIVE_INFINITY);
        assertTrue(Double.isNaN(score.calculateScore(net)), "an infinite weight");
        assertTrue(Double.isNaN(score.lastLoss()) && Double.isNaN(score.lastAccuracy()));
        net.setParams(weights);
        INDArray variance = net.paramTable().entrySet().stream().filter(p -> p.getKey().endsWith("_var"))
                .findFirst().orElseThrow().getValue();
        variance.assign(-1); // finite weights, NaN outputs: BatchNorm's sqrt of a negative running variance
        assertTrue(Double.isNaN(score.calculateScore(net)), "NaN outputs");
        variance.assign(1);
        assertTrue(score.calculateScore(net) >= 0, "finite again: evaluated");
    }
}
