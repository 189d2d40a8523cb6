package dev.regzoo.zoo.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.regzoo.zoo.SavedInMemory;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** regzoo's ReLU layer trains and infers exactly like DL4J's {@code ActivationLayer} with ReLU. */
class ReluLayerTest {

    /** dense (identity) - ReLU - dense (identity) - ReLU - softmax, with the given ReLU layers. */
    private static MultiLayerNetwork net(ActivationLayer first, ActivationLayer second) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).updater(new Sgd(0.2)).list()
                .layer(new DenseLayer.Builder().nOut(16).activation(Activation.IDENTITY).build())
                .layer(first)
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.IDENTITY).build())
                .layer(second)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(5)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static ActivationLayer stock() {
        return new ActivationLayer.Builder().activation(Activation.RELU).build();
    }

    private static DataSet batch(int n) {
        Nd4j.getRandom().setSeed(n);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 3, 1);
        }
        return new DataSet(Nd4j.randn(DataType.FLOAT, n, 5), y);
    }

    @Test
    void trainsAndInfersExactlyLikeTheStockLayer() {
        MultiLayerNetwork stock = net(stock(), stock());
        MultiLayerNetwork regzoo = net(new ReluLayer("relu1"), new ReluLayer("relu2"));
        assertInstanceOf(ReluLayer.Impl.class, regzoo.getLayer(1));
        assertEquals(stock.params(), regzoo.params(), "same seed, same initial weights");
        INDArray initial = stock.params().dup();
        for (int n : new int[] {8, 8, 5}) {
            DataSet batch = batch(n);
            stock.fit(batch);
            regzoo.fit(batch);
            assertEquals(0, stock.params().sub(regzoo.params()).amaxNumber().doubleValue(), 1e-6,
                    "the same gradients through both ReLU layers");
        }
        assertNotEquals(initial, regzoo.params(), "the steps moved the weights");
        INDArray x = batch(6).getFeatures();
        assertEquals(stock.output(x), regzoo.output(x));
        assertEquals(stock.feedForward(x, true).get(2), regzoo.feedForward(x, true).get(2),
                "training forward pass");
    }

    @Test
    void anyOtherReluVariantTakesDl4jsPath() {
        ActivationLayer capped = new ReluLayer();
        capped.setActivationFn(new ActivationReLU(1.0, 0.0, 0.0));
        MultiLayerNetwork stock = net(new ActivationLayer.Builder().activation(new ActivationReLU(1.0, 0.0, 0.0))
                .build(), stock());
        MultiLayerNetwork regzoo = net(capped, new ReluLayer());
        DataSet batch = batch(8);
        stock.fit(batch);
        regzoo.fit(batch);
        assertEquals(0, stock.params().sub(regzoo.params()).amaxNumber().doubleValue(), 1e-6);
    }

    @Test
    void savesAndLoadsAsItsOwnClass() {
        MultiLayerNetwork net = net(new ReluLayer("relu1"), new ReluLayer("relu2"));
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        assertEquals(conf, MultiLayerConfiguration.fromJson(conf.toJson()), "JSON round trip");
        MultiLayerNetwork loaded = SavedInMemory.reload(net);
        assertInstanceOf(ReluLayer.Impl.class, loaded.getLayer(3));
        INDArray x = batch(4).getFeatures();
        assertEquals(net.output(x), loaded.output(x));
    }
}
