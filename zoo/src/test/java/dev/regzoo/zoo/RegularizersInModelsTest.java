package dev.regzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.zoo.layers.AddVertex;
import dev.regzoo.zoo.layers.DropBlock;
import dev.regzoo.zoo.layers.DropPathAddVertex;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/** Where the zoo's models put DropBlock, drop path and gradient clipping, and that they change training only. */
class RegularizersInModelsTest {

    private static final RegularizationSpec DROP_BLOCK = RegularizationSpec.builder().dropBlock(0.2).build();
    private static final RegularizationSpec EVERY_ONE = DROP_BLOCK.toBuilder().dropPath(0.2).gradientClipNorm(0.5)
            .build();

    private static SmallCnn.Builder smallCnn(RegularizationSpec reg) {
        return SmallCnn.builder().inputShape(1, 12, 12).classes(3).width(4).regularization(reg);
    }

    private static ResNet.Builder resNet(RegularizationSpec reg) {
        return ResNet18.builder().inputShape(1, 28, 28).classes(3).width(2).regularization(reg);
    }

    private static IDropout dropoutOf(MultiLayerNetwork net, String layer) {
        return net.getLayer(layer).conf().getLayer().getIDropout();
    }

    private static IDropout dropoutOf(ComputationGraph net, String layer) {
        return net.getLayer(layer).conf().getLayer().getIDropout();
    }

    private static DataSet batch(int n, int side) {
        Nd4j.getRandom().setSeed(n);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 3, 1);
        }
        return new DataSet(Nd4j.rand(DataType.FLOAT, n, 1, side, side), y);
    }

    @Test
    void smallCnnDropsBlocksAtBothConvolutionsOfItsSecondBlock() {
        MultiLayerNetwork net = smallCnn(DROP_BLOCK).trainingIterations(500).build().init();
        assertNull(dropoutOf(net, "block1_1_conv"));
        assertNull(dropoutOf(net, "block1_2_conv"));
        DropBlock first = assertInstanceOf(DropBlock.class, dropoutOf(net, "block2_1_conv"));
        DropBlock second = assertInstanceOf(DropBlock.class, dropoutOf(net, "block2_2_conv"));
        assertNotSame(first, second, "each layer keeps its own mask");
        assertEquals(DropBlock.builder().dropProbability(0.2).blockSize(3).dataFormat(CNN2DFormat.NHWC)
                .rampIterations(500).build(), first, "channels-last, ramped over the planned iterations");
    }

    @Test
    void resNetDropsBlocksInItsLastTwoStagesWhereTheBlockFits() {
        ComputationGraph net = resNet(DROP_BLOCK).build().init();
        for (String stage : List.of("stage1", "stage2")) {
            assertNull(dropoutOf(net, stage + "_block2_2_conv"), stage);
        }
        for (String stage : List.of("stage3", "stage4")) {
            assertInstanceOf(DropBlock.class, dropoutOf(net, stage + "_block1_2_conv"), stage);
            assertInstanceOf(DropBlock.class, dropoutOf(net, stage + "_block2_2_conv"), stage);
            assertNull(dropoutOf(net, stage + "_block1_1_conv"), "only before each block's second convolution");
        }
        ComputationGraph five = resNet(DROP_BLOCK.toBuilder().dropBlockSize(5).build()).build().init();
        assertInstanceOf(DropBlock.class, dropoutOf(five, "stage3_block1_2_conv"), "7x7 maps take a 5x5 block");
        assertNull(dropoutOf(five, "stage4_block1_2_conv"), "4x4 maps do not");
    }

    /** Both stems: DropBlock goes on the last stage exactly when the block fits the maps the graph computes there. */
    @Test
    void resNetPlacesDropBlockByTheMapsItsGraphComputes() {
        for (int side : new int[] {28, 30, 100}) {
            ResNet.Builder builder = ResNet18.builder().inputShape(1, side, side).classes(3).width(2);
            ComputationGraphConfiguration plain = builder.build().conf();
            InputType lastMaps = plain.getLayerActivationTypes(InputType.convolutional(side, side, 1))
                    .get("stage4_block2_add");
            long mapSide = ((InputType.InputTypeConvolutional) lastMaps).getHeight();
            for (long block = mapSide; block <= mapSide + 1; block++) {
                ComputationGraphConfiguration conf = builder.regularization(DROP_BLOCK.toBuilder()
                        .dropBlockSize((int) block).build()).build().conf();
                IDropout stage4 = ((LayerVertex) conf.getVertices().get("stage4_block2_2_conv")).getLayerConf()
                        .getLayer().getIDropout();
                assertEquals(block <= mapSide, stage4 instanceof DropBlock, side + " px, block " + block);
            }
        }
    }

    @Test
    void resNetDropPathRisesLinearlyWithDepthToItsMaximum() {
        ComputationGraph net = resNet(RegularizationSpec.builder().dropPath(0.35).build()).build().init();
        Map<String, GraphVertex> vertices = net.getConfiguration().getVertices();
        int block = 0;
        for (int stage = 1; stage <= 4; stage++) {
            for (int b = 1; b <= 2; b++, block++) {
                GraphVertex add = vertices.get("stage" + stage + "_block" + b + "_add");
                if (block == 0) {
                    assertEquals(AddVertex.class, add.getClass(), "the first block's rate is 0: a plain sum");
                } else {
                    DropPathAddVertex dropPath = assertInstanceOf(DropPathAddVertex.class, add);
                    assertEquals(0.35 * block / 7, dropPath.dropProbability(), 1e-12, "block " + block);
                }
            }
        }
        assertEquals(8, block);
    }

    @Test
    void eachIsTheIdentityAtInferenceAndSavedModelsPredictTheSame() {
        DataSet batch = batch(6, 12);
        MultiLayerNetwork cnn = smallCnn(DROP_BLOCK.toBuilder().gradientClipNorm(0.5).build()).build().init();
        cnn.fit(batch);
        MultiLayerNetwork plainCnn = smallCnn(RegularizationSpec.defaults()).build().init();
        plainCnn.setParams(cnn.params());
        INDArray predicted = cnn.output(batch.getFeatures());
        assertEquals(plainCnn.output(batch.getFeatures()), predicted);
        MultiLayerNetwork loadedCnn = SavedInMemory.reload(cnn);
        assertEquals(cnn.getLayerWiseConfigurations(), loadedCnn.getLayerWiseConfigurations());
        assertEquals(predicted, loadedCnn.output(batch.getFeatures()));

        DataSet images = batch(4, 28);
        ComputationGraph res = resNet(EVERY_ONE).build().init();
        res.fit(images);
        ComputationGraph plainRes = resNet(RegularizationSpec.defaults()).build().init();
        plainRes.setParams(res.params());
        INDArray resPredicted = res.outputSingle(images.getFeatures());
        assertEquals(plainRes.outputSingle(images.getFeatures()), resPredicted);
        ComputationGraph loadedRes = SavedInMemory.reload(res);
        assertEquals(res.getConfiguration(), loadedRes.getConfiguration());
        assertEquals(resPredicted, loadedRes.outputSingle(images.getFeatures()));
    }

    @Test
    void clippingBoundsEachWeightLayersGradientNormAndLeavesBatchNormOut() {
        double clip = 1e-3;
        RegularizationSpec noBn = RegularizationSpec.builder().batchNorm(false).dropout(0).build();
        DataSet batch = batch(6, 12);
        Map<String, Double> clipped = stepNorms(smallCnn(noBn.toBuilder().gradientClipNorm(clip).build()), batch);
        Map<String, Double> free = stepNorms(smallCnn(noBn), batch);
        clipped.forEach((layer, norm) -> assertTrue(norm <= clip * (1 + 1e-4), layer + " stepped " + norm));
        assertTrue(free.values().stream().allMatch(n -> n > clip), "without clipping every layer steps further: "
                + free);
        MultiLayerNetwork withBn = smallCnn(RegularizationSpec.builder().gradientClipNorm(clip).build()).build()
                .init();
        for (Layer layer : withBn.getLayers()) {
            if (layer.conf().getLayer() instanceof BaseLayer conf) {
                GradientNormalization expected = conf instanceof BatchNormalization ? GradientNormalization.None
                        : GradientNormalization.ClipL2PerLayer;
                assertEquals(expected, conf.getGradientNormalization(), conf.getLayerName());
            }
        }
    }

    /** Each parameter layer's step norm after one SGD step with learning rate 1 (the step is the gradient). */
    private static Map<String, Double> stepNorms(SmallCnn.Builder builder, DataSet batch) {
        MultiLayerNetwork net = builder.updater(new Sgd(1)).build().init();
        Map<String, INDArray> before = net.paramTable(false);
        Map<String, INDArray> start = new HashMap<>();
        before.forEach((k, v) -> start.put(k, v.dup()));
        net.fit(batch);
        Map<String, Double> norms = new TreeMap<>();
        for (Layer layer : net.getLayers()) {
            if (layer.numParams() == 0) {
                continue;
            }
            double squares = 0;
            for (String param : layer.paramTable().keySet()) {
                String key = layer.getIndex() + "_" + param;
                double n = layer.paramTable().get(param).sub(start.get(key)).norm2Number().doubleValue();
                squares += n * n;
            }
            norms.put(layer.conf().getLayer().getLayerName(), Math.sqrt(squares));
        }
        return norms;
    }

    @Test
    void aChannelsFirstDropBlockTurnsChannelsLastWithItsNetwork() {
        MultiLayerNetwork first = smallCnn(DROP_BLOCK).channelsLast(false).build().init();
        assertEquals(CNN2DFormat.NCHW, ((DropBlock) dropoutOf(first, "block2_1_conv")).dataFormat());
        MultiLayerNetwork last = ChannelsLast.convert(first);
        assertEquals(CNN2DFormat.NHWC, ((DropBlock) dropoutOf(last, "block2_1_conv")).dataFormat());
        DataSet batch = batch(4, 12);
        assertTrue(first.output(batch.getFeatures()).equalsWithEps(last.output(batch.getFeatures()), 1e-5));
        last.fit(batch);
    }
}
