package com.example.consumer;

import dev.regzoo.zoo.RegularizationSpec;
import dev.regzoo.zoo.ResNet18;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Uses a regzoo model from another project: build a narrow ResNet-18 and train one step on random data. */
public final class ConsumerExample {

    private ConsumerExample() {
    }

    /** Builds the model, takes one training step on a random batch and returns the network. */
    public static ComputationGraph trainOneStep() {
        ComputationGraph net = ResNet18.builder()
                .inputShape(1, 28, 28)
                .classes(10)
                .width(16)
                .regularization(RegularizationSpec.builder().weightDecay(5e-4).build())
                .build()
                .init();
        INDArray images = Nd4j.rand(new int[] {8, 1, 28, 28});
        INDArray labels = Nd4j.eye(10).getRows(0, 1, 2, 3, 4, 5, 6, 7);
        net.fit(new DataSet(images, labels));
        return net;
    }

    public static void main(String[] args) {
        ComputationGraph net = trainOneStep();
        System.out.println("Trained one step; loss " + net.score() + ", " + net.numParams() + " parameters");
    }
}
