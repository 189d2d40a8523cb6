package dev.regzoo.zoo.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.zoo.GradientChecks;
import dev.regzoo.zoo.SavedInMemory;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** DropBlock drops whole blocks at the requested rate, rescales, ramps, backpropagates its mask and saves. */
class DropBlockTest {

    private static final int N = 32;
    private static final int C = 8;
    private static final int SIDE = 14;
    private static final int BLOCK = 3;

    private static DropBlock dropBlock(double p, CNN2DFormat format) {
        return DropBlock.builder().dropProbability(p).blockSize(BLOCK).dataFormat(format).build();
    }

    private static INDArray ones(CNN2DFormat format) {
        return format == CNN2DFormat.NHWC ? Nd4j.ones(DataType.FLOAT, N, SIDE, SIDE, C)
                : Nd4j.ones(DataType.FLOAT, N, C, SIDE, SIDE);
    }

    private static INDArray apply(DropBlock dropBlock, INDArray input, int iteration) {
        return dropBlock.applyDropout(input, input.ulike(), iteration, 0, LayerWorkspaceMgr.noWorkspaces());
    }

    /** The map of example {@code n}, channel {@code c} as [height][width], whichever the layout. */
    private static double[][] map(INDArray a, CNN2DFormat format, int n, int c) {
        double[][] m = new double[SIDE][SIDE];
        for (int i = 0; i < SIDE; i++) {
            for (int j = 0; j < SIDE; j++) {
                m[i][j] = format == CNN2DFormat.NHWC ? a.getDouble(n, i, j, c) : a.getDouble(n, c, i, j);
            }
        }
        return m;
    }

    /** Whether every zero of {@code m} lies in an all-zero BLOCK × BLOCK square inside the map. */
    private static boolean zerosFormWholeBlocks(double[][] m) {
        for (int i = 0; i < SIDE; i++) {
            for (int j = 0; j < SIDE; j++) {
                if (m[i][j] == 0 && !inZeroSquare(m, i, j)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean inZeroSquare(double[][] m, int i, int j) {
        for (int top = Math.max(0, i - BLOCK + 1); top <= Math.min(i, SIDE - BLOCK); top++) {
            for (int left = Math.max(0, j - BLOCK + 1); left <= Math.min(j, SIDE - BLOCK); left++) {
                boolean zero = true;
                for (int a = top; a < top + BLOCK && zero; a++) {
                    for (int b = left; b < left + BLOCK && zero; b++) {
                        zero = m[a][b] == 0;
                    }
                }
                if (zero) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The expected dropped fraction: a position is kept when none of the valid seeds whose block covers it fires, each
     * with probability γ (the paper's seed rate for the valid region).
     */
    private static double expectedDroppedFraction(double p) {
        int valid = SIDE - BLOCK + 1;
        double gamma = p * SIDE * SIDE / (BLOCK * BLOCK) / (valid * valid);
        double sum = 0;
        for (int i = 0; i < SIDE; i++) {
            for (int j = 0; j < SIDE; j++) {
                int rows = Math.min(i, valid - 1) - Math.max(0, i - BLOCK + 1) + 1;
                int cols = Math.min(j, valid - 1) - Math.max(0, j - BLOCK + 1) + 1;
                sum += 1 - Math.pow(1 - gamma, rows * cols);
            }
        }
        return sum / (SIDE * SIDE);
    }

    @ParameterizedTest
    @EnumSource(value = CNN2DFormat.class)
    void dropsWholeBlocksAtTheRequestedRateAndRescalesTheRest(CNN2DFormat format) {
        Nd4j.getRandom().setSeed(7);
        double p = 0.2;
        INDArray out = apply(dropBlock(p, format), ones(format), 0);
        double dropped = out.eq(0).castTo(DataType.FLOAT).meanNumber().doubleValue();
        assertEquals(expectedDroppedFraction(p), dropped, 0.1 * expectedDroppedFraction(p));
        assertEquals(p, dropped, 0.15 * p, "the seed rate makes the dropped fraction about p");
        for (int n = 0; n < 4; n++) {
            for (int c = 0; c < C; c++) {
                assertTrue(zerosFormWholeBlocks(map(out, format, n, c)), "example " + n + " channel " + c);
            }
        }
        double kept = out.neq(0).castTo(DataType.FLOAT).sumNumber().doubleValue();
        double scale = out.length() / kept;
        INDArray zerosFilled = out.add(out.eq(0).castTo(DataType.FLOAT).muli(scale));
        assertEquals(scale, zerosFilled.maxNumber().doubleValue(), 1e-4, "kept activations are scaled by count/kept");
        assertEquals(scale, zerosFilled.minNumber().doubleValue(), 1e-4);
        assertEquals(1, out.meanNumber().doubleValue(), 1e-3, "the rescaling keeps the batch's sum");
    }

    @ParameterizedTest
    @EnumSource(value = CNN2DFormat.class)
    void backpropMultipliesTheGradientByTheSameMask(CNN2DFormat format) {
        Nd4j.getRandom().setSeed(3);
        DropBlock dropBlock = dropBlock(0.3, format);
        INDArray in = Nd4j.rand(DataType.FLOAT, ones(format).shape()).addi(0.5);
        INDArray out = apply(dropBlock, in, 0);
        INDArray mask = out.div(in);
        INDArray gradient = Nd4j.rand(DataType.FLOAT, in.shape());
        INDArray back = dropBlock.backprop(gradient, gradient.ulike(), 0, 0);
        assertTrue(mask.eq(0).any(), "something was dropped");
        assertTrue(back.equalsWithEps(gradient.mul(mask), 1e-5));
        assertThrows(IllegalStateException.class, () -> dropBlock.backprop(gradient, gradient.ulike(), 0, 0),
                "the mask is used once, as DL4J's dropout clears it");
    }

    @Test
    void theRateRampsLinearlyFromZeroOverTheGivenIterations() {
        DropBlock ramped = DropBlock.builder().dropProbability(0.2).rampIterations(100).build();
        assertEquals(0, ramped.dropProbabilityAt(0));
        assertEquals(0.1, ramped.dropProbabilityAt(50), 1e-12);
        assertEquals(0.2, ramped.dropProbabilityAt(100), 1e-12);
        assertEquals(0.2, ramped.dropProbabilityAt(5000), 1e-12);
        INDArray in = ones(CNN2DFormat.NCHW);
        INDArray first = apply(ramped, in, 0);
        assertEquals(in, first, "nothing is dropped at the start of the ramp");
        assertSame(in, ramped.backprop(in, in, 0, 0), "and the gradient passes unchanged");
        Nd4j.getRandom().setSeed(5);
        double half = apply(ramped, in, 50).eq(0).castTo(DataType.FLOAT).meanNumber().doubleValue();
        assertEquals(expectedDroppedFraction(0.1), half, 0.15 * expectedDroppedFraction(0.1));
        DropBlock constant = DropBlock.builder().dropProbability(0.2).build();
        assertEquals(0.2, constant.dropProbabilityAt(0));
    }

    @Test
    void aBlockLargerThanTheMapsIsNamed() {
        DropBlock big = DropBlock.builder().dropProbability(0.1).blockSize(15).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> apply(big, ones(CNN2DFormat.NCHW), 0));
        assertEquals("drop block size 15 is larger than the 14x14 feature maps it drops; allowed: 1 to 14",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DropBlock.builder().dropProbability(1).build());
        assertThrows(IllegalArgumentException.class, () -> DropBlock.builder().blockSize(0).build());
        assertThrows(IllegalArgumentException.class, () -> DropBlock.builder().rampIterations(-1).build());
    }

    /** 1×1 conv → 3×3 conv with DropBlock on its input → global average pooling → softmax, on 6×6 images. */
    private static MultiLayerNetwork net(CNN2DFormat format, DataType type) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(11).dataType(type)
                .updater(new NoOp()).list()
                .layer(new KeptOutputConvolutionLayer.Builder(1, 1).nOut(2).convolutionMode(ConvolutionMode.Same)
                        .dataFormat(format).activation(Activation.IDENTITY).build())
                .layer(new KeptOutputConvolutionLayer.Builder(3, 3).nOut(2).convolutionMode(ConvolutionMode.Same)
                        .dataFormat(format).activation(Activation.IDENTITY)
                        .dropOut(DropBlock.builder().dropProbability(0.4).blockSize(2).dataFormat(format).build())
                        .build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG)
                        .poolingDimensions(format == CNN2DFormat.NHWC ? new int[] {1, 2} : new int[] {2, 3}).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 6, 2, format))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DataSet batch(CNN2DFormat format, DataType type) {
        Nd4j.getRandom().setSeed(1);
        INDArray x = format == CNN2DFormat.NHWC ? Nd4j.randn(type, 4, 6, 6, 2) : Nd4j.randn(type, 4, 2, 6, 6);
        INDArray y = Nd4j.zeros(type, 4, 3);
        for (int i = 0; i < 4; i++) {
            y.putScalar(i, i % 3, 1);
        }
        return new DataSet(x, y);
    }

    @ParameterizedTest
    @EnumSource(value = CNN2DFormat.class)
    void gradientsMatchNumericOnesUnderAFixedMask(CNN2DFormat format) {
        GradientChecks.inDoublePrecision(() -> {
            MultiLayerNetwork net = net(format, DataType.DOUBLE);
            DataSet batch = batch(format, DataType.DOUBLE);
            long maskSeed = 12345;
            Nd4j.getRandom().setSeed(maskSeed);
            INDArray dropped = net.output(batch.getFeatures(), true);
            assertNotEquals(net.output(batch.getFeatures(), false), dropped, "the seed's mask drops something");
            GradientChecks.assertGradientsCorrect(net, batch, maskSeed);
        });
    }

    @Test
    void identityAtInferenceAndSavedWithTheModel() {
        MultiLayerNetwork net = net(CNN2DFormat.NHWC, DataType.FLOAT);
        DataSet batch = batch(CNN2DFormat.NHWC, DataType.FLOAT);
        net.fit(batch);
        INDArray inference = net.output(batch.getFeatures());
        assertEquals(inference, net.output(batch.getFeatures()), "no randomness at inference");
        MultiLayerNetwork plain = net(CNN2DFormat.NHWC, DataType.FLOAT);
        plain.getLayer(1).conf().getLayer().setIDropout(null);
        plain.setParams(net.params());
        assertEquals(inference, plain.output(batch.getFeatures()), "the same as the network without it");
        MultiLayerNetwork loaded = SavedInMemory.reload(net);
        assertEquals(net.getLayer(1).conf().getLayer().getIDropout(), loaded.getLayer(1).conf().getLayer()
                .getIDropout());
        assertEquals(inference, loaded.output(batch.getFeatures()));
        assertEquals(net.getLayerWiseConfigurations(),
                MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson()));
    }
}
