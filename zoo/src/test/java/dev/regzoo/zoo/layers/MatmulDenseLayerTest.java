package dev.regzoo.zoo.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.regzoo.zoo.GradientChecks;
import dev.regzoo.zoo.SavedInMemory;
import dev.regzoo.zoo.SmallCnn;
import java.util.List;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The dense layer on libnd4j's matmul op trains, infers, saves and checks gradients exactly like DL4J's. */
class MatmulDenseLayerTest {

    private static final int INPUTS = 7;

    /** A hidden layer as the zoo configures it: ReLU, input dropout, weight decay. */
    private static DenseLayer stockHidden() {
        return withWeightDecay(new DenseLayer.Builder().nOut(12).activation(Activation.RELU).dropOut(0.8));
    }

    private static DenseLayer withWeightDecay(DenseLayer.Builder builder) {
        builder.regularization(List.<Regularization>of(new WeightDecay(1e-3, true)));
        return builder.build();
    }

    /** hidden - dense (tanh) - softmax; the first two layers are {@code MatmulDenseLayer}s when {@code matmul}. */
    private static MultiLayerNetwork net(boolean matmul, DataType type, DenseLayer hidden, DenseLayer second) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(type)
                .updater(type == DataType.DOUBLE ? new NoOp() : new Sgd(0.1)).list()
                .layer(matmul ? MatmulDenseLayer.of(hidden) : hidden)
                .layer(matmul ? MatmulDenseLayer.of(second) : second)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(INPUTS)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static MultiLayerNetwork net(boolean matmul) {
        DenseLayer secondWithDropout = tanh(false);
        secondWithDropout.setIDropout(new Dropout(0.9));
        return net(matmul, DataType.FLOAT, stockHidden(), secondWithDropout);
    }

    private static DenseLayer tanh(boolean layerNorm) {
        return new DenseLayer.Builder().nOut(5).activation(Activation.TANH).hasLayerNorm(layerNorm).build();
    }

    private static DataSet batch(int n, DataType type) {
        Nd4j.getRandom().setSeed(n);
        INDArray y = Nd4j.zeros(type, n, 3);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 3, 1);
        }
        return new DataSet(Nd4j.randn(type, n, INPUTS), y);
    }

    /** One step of each network on the same batch, each with the same dropout masks. */
    private static void fitBoth(MultiLayerNetwork stock, MultiLayerNetwork matmul, DataSet batch) {
        Nd4j.getRandom().setSeed(99);
        stock.fit(batch);
        Nd4j.getRandom().setSeed(99);
        matmul.fit(batch);
    }

    @Test
    void trainsAndInfersExactlyLikeTheStockLayer() {
        MultiLayerNetwork stock = net(false);
        MultiLayerNetwork matmul = net(true);
        assertInstanceOf(MatmulDenseLayer.Impl.class, matmul.getLayer(0));
        assertEquals(stock.params(), matmul.params(), "same seed, same initial weights");
        INDArray initial = stock.params().dup();
        for (int n : new int[] {16, 16, 9}) {
            fitBoth(stock, matmul, batch(n, DataType.FLOAT));
            assertEquals(0, stock.params().sub(matmul.params()).amaxNumber().doubleValue(), 1e-5,
                    "the same gradients through both dense layers");
        }
        assertNotEquals(initial, matmul.params(), "the steps moved the weights");
        INDArray x = batch(6, DataType.FLOAT).getFeatures();
        assertEquals(0, stock.output(x).sub(matmul.output(x)).amaxNumber().doubleValue(), 1e-6);
    }

    /** Column-major and view inputs (what another layer or a user may hand it) give the stock layer's results. */
    @Test
    void anyInputLayoutGivesTheStockLayersResults() {
        MultiLayerNetwork stock = net(false);
        MultiLayerNetwork matmul = net(true);
        INDArray rows = batch(6, DataType.FLOAT).getFeatures();
        INDArray columnMajor = rows.dup('f');
        INDArray view = Nd4j.concat(1, rows, rows).get(NDArrayIndex.all(), NDArrayIndex.interval(0, INPUTS));
        for (INDArray x : new INDArray[] {columnMajor, view}) {
            assertEquals(0, stock.output(x).sub(matmul.output(x)).amaxNumber().doubleValue(), 1e-6);
        }
        fitBoth(stock, matmul, new DataSet(columnMajor, batch(6, DataType.FLOAT).getLabels()));
        assertEquals(0, stock.params().sub(matmul.params()).amaxNumber().doubleValue(), 1e-5);
    }

    @Test
    void gradientsMatchNumericOnes() {
        GradientChecks.inDoublePrecision(() -> {
            DenseLayer hidden = withWeightDecay(new DenseLayer.Builder().nOut(12).activation(Activation.RELU));
            GradientChecks.assertGradientsCorrect(net(true, DataType.DOUBLE, hidden, tanh(false)),
                    batch(10, DataType.DOUBLE));
        });
    }

    @Test
    void copiesEverySettingOfTheLayerItIsMadeFrom() {
        DenseLayer stock = stockHidden();
        MatmulDenseLayer copy = MatmulDenseLayer.of(stock);
        String stockJson = net(false).getLayerWiseConfigurations().toJson();
        String copyJson = net(true).getLayerWiseConfigurations().toJson();
        assertEquals(stockJson, copyJson.replace(MatmulDenseLayer.class.getName(), DenseLayer.class.getName()));
        assertNotEquals(stockJson, copyJson);
        assertEquals(stock.getIDropout(), copy.getIDropout());
        copy.setNOut(99);
        assertEquals(12, stock.getNOut(), "a copy, not a shared object");
    }

    @Test
    void layerNormalizationTakesDl4jsPathWithTheSameResults() {
        MultiLayerNetwork stock = net(false, DataType.FLOAT, stockHidden(), tanh(true));
        MultiLayerNetwork matmul = net(true, DataType.FLOAT, stockHidden(), tanh(true));
        fitBoth(stock, matmul, batch(16, DataType.FLOAT));
        assertEquals(0, stock.params().sub(matmul.params()).amaxNumber().doubleValue(), 1e-5);
    }

    @Test
    void rejectsInputOfTheWrongWidthAsDl4jDoes() {
        INDArray wide = Nd4j.rand(DataType.FLOAT, 4, INPUTS + 1);
        DL4JInvalidInputException stock = assertThrows(DL4JInvalidInputException.class,
                () -> net(false).output(wide));
        DL4JInvalidInputException matmul = assertThrows(DL4JInvalidInputException.class,
                () -> net(true).output(wide));
        String layerType = "layer type: ";
        assertEquals(stock.getMessage().substring(0, stock.getMessage().indexOf(layerType)),
                matmul.getMessage().substring(0, matmul.getMessage().indexOf(layerType)));
    }

    @Test
    void savesAndLoadsAsItself() {
        MultiLayerNetwork net = net(true);
        MultiLayerNetwork loaded = SavedInMemory.reload(net);
        assertInstanceOf(MatmulDenseLayer.Impl.class, loaded.getLayer(1));
        INDArray x = batch(4, DataType.FLOAT).getFeatures();
        assertEquals(net.output(x), loaded.output(x));
    }

    @Test
    void smallCnnsDenseLayerIsThisLayer() {
        MultiLayerConfiguration conf = SmallCnn.builder().inputShape(1, 28, 28).classes(10).build().conf();
        long dense = conf.getConfs().stream().filter(c -> c.getLayer() instanceof MatmulDenseLayer).count();
        assertEquals(1, dense);
    }
}
