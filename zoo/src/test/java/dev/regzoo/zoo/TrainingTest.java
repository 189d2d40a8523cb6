package dev.regzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The models can learn: each memorises 64 images with random labels (no structure to find, so only working gradients
 * through every layer, the residual additions included, get training accuracy to 95%).
 */
class TrainingTest {

    private static final int SAMPLES = 64;
    private static final int CLASSES = 4;

    private static DataSet randomlyLabelled(int side) {
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(new int[] {SAMPLES, 1, side, side});
        INDArray labels = Nd4j.zeros(SAMPLES, CLASSES);
        for (int i = 0; i < SAMPLES; i++) {
            labels.putScalar(i, Nd4j.getRandom().nextInt(CLASSES), 1.0);
        }
        return new DataSet(x, labels);
    }

    private static double trainAccuracy(NeuralNetwork net, DataSet data, int maxSteps) {
        double accuracy = 0;
        for (int step = 0; step < maxSteps && accuracy < 0.95; step++) {
            net.fit(data);
            if (step % 5 == 4) {
                accuracy = net.doEvaluation(new ListDataSetIterator<>(data.asList(), SAMPLES), new Evaluation())[0]
                        .accuracy();
            }
        }
        return accuracy;
    }

    @Test
    void smallCnnOverfitsRandomLabels() {
        MultiLayerNetwork net = SmallCnn.builder().inputShape(1, 16, 16).classes(CLASSES).width(8)
                .regularization(RegularizationSpec.builder().dropout(0).build()).updater(new Adam(3e-3))
                .build().init();
        double accuracy = trainAccuracy(net, randomlyLabelled(16), 150);
        assertTrue(accuracy >= 0.95, "training accuracy " + accuracy);
    }

    @Test
    void narrowResNet18OverfitsRandomLabels() {
        ComputationGraph net = ResNet18.builder().inputShape(1, 16, 16).classes(CLASSES).width(8)
                .updater(new Adam(3e-3)).build().init();
        double accuracy = trainAccuracy(net, randomlyLabelled(16), 150);
        assertTrue(accuracy >= 0.95, "training accuracy " + accuracy);
    }
}
