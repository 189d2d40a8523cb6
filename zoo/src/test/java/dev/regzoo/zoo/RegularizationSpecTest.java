package dev.regzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.SpatialDropout;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

class RegularizationSpecTest {

    private static final RegularizationSpec ALL = RegularizationSpec.builder()
            .l1(1e-5).l2(1e-4).weightDecay(5e-4).dropout(0.3).spatialDropout(0.1).build();

    private static Set<Class<?>> kinds(List<Regularization> list) {
        return list == null ? Set.of() : list.stream().map(Object::getClass).collect(Collectors.toSet());
    }

    private static void assertWeightsOnly(Layer layer) {
        org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
        for (String param : layer.paramTable().keySet()) {
            List<Regularization> regs = conf.getRegularizationByParam(param);
            if (param.equals("W")) {
                assertEquals(Set.of(L1Regularization.class, L2Regularization.class, WeightDecay.class), kinds(regs),
                        conf.getLayerName() + " W");
                assertEquals(3, regs.size(), "each regularizer once (a global weight decay would appear twice)");
            } else {
                assertTrue(regs == null || regs.isEmpty(), conf.getLayerName() + " " + param + " got " + regs);
            }
        }
    }

    @Test
    void smallCnnRegularizesWeightsButNotBiasesOrBatchNorm() {
        MultiLayerNetwork net = SmallCnn.builder().inputShape(1, 28, 28).classes(10).regularization(ALL).build().init();
        int checked = 0;
        for (Layer layer : net.getLayers()) {
            if (layer.numParams() > 0) {
                assertWeightsOnly(layer);
                checked++;
            }
        }
        assertEquals(10, checked, "4 conv + 4 BN + dense + output");
    }

    @Test
    void resNetRegularizesWeightsButNotBiasesOrBatchNorm() {
        ComputationGraph net = ResNet18.builder().inputShape(1, 28, 28).classes(10).width(8).regularization(ALL)
                .build().init();
        for (Layer layer : net.getLayers()) {
            if (layer.numParams() > 0) {
                assertWeightsOnly(layer);
            }
        }
        assertNull(net.getLayer("stage1_block1_1_bn").conf().getLayer().getRegularizationByParam("gamma"));
    }

    @Test
    void dropProbabilityBecomesDl4jRetainProbability() {
        MultiLayerNetwork net = SmallCnn.builder().inputShape(1, 28, 28).classes(10)
                .regularization(RegularizationSpec.builder().dropout(0.3).build()).build().init();
        Dropout out = assertInstanceOf(Dropout.class, layerConf(net, "predictions").getIDropout());
        assertEquals(0.7, out.getP(), 1e-12);
        Dropout fc = assertInstanceOf(Dropout.class, layerConf(net, "fc1").getIDropout());
        assertEquals(0.85, fc.getP(), 1e-12, "SmallCnn drops p/2 before its dense layer");
    }

    @Test
    void spatialDropoutIsOnConvBlockInputsAndNowhereElse() {
        MultiLayerNetwork net = SmallCnn.builder().inputShape(1, 28, 28).classes(10)
                .regularization(RegularizationSpec.builder().spatialDropout(0.2).build()).build().init();
        assertNull(layerConf(net, "block1_1_conv").getIDropout(), "not on the raw image");
        SpatialDropout sd = assertInstanceOf(SpatialDropout.class, layerConf(net, "block2_2_conv").getIDropout());
        assertEquals(0.8, sd.getP(), 1e-12);
        assertNotSame(sd, layerConf(net, "block2_1_conv").getIDropout(), "each layer keeps its own mask");
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 4, 10);
        for (int i = 0; i < 4; i++) {
            labels.putScalar(i, i, 1);
        }
        net.fit(new DataSet(Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28), labels)); // a shared mask failed in backprop
    }

    @Test
    void noneTurnsEveryRegularizerOff() {
        MultiLayerNetwork net = SmallCnn.builder().inputShape(1, 28, 28).classes(10)
                .regularization(RegularizationSpec.none()).build().init();
        for (Layer layer : net.getLayers()) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            assertNull(conf.getIDropout(), conf.getLayerName());
            assertTrue(!(conf instanceof BatchNormalization), conf.getLayerName());
            if (conf instanceof BaseLayer base) {
                assertTrue(base.getRegularization().isEmpty(), conf.getLayerName());
            }
        }
        ActivationLayer relu = (ActivationLayer) layerConf(net, "block1_1_relu");
        assertEquals("relu", relu.getActivationFn().toString().toLowerCase(),
                "without BN a channels-last model (SmallCnn's default) has a ReLU layer after the conv");
        MultiLayerNetwork channelsFirst = SmallCnn.builder().inputShape(1, 28, 28).classes(10).channelsLast(false)
                .regularization(RegularizationSpec.none()).build().init();
        ConvolutionLayer conv = (ConvolutionLayer) layerConf(channelsFirst, "block1_1_conv");
        assertEquals("relu", conv.getActivationFn().toString().toLowerCase(),
                "without BN a channels-first conv applies the ReLU itself");
    }

    @Test
    void resNetWithoutBatchNormGivesItsConvolutionsBiases() {
        ComputationGraph net = ResNet18.builder().inputShape(1, 28, 28).classes(10).width(8)
                .regularization(RegularizationSpec.builder().batchNorm(false).build()).build().init();
        assertTrue(net.getLayer("stem_conv").paramTable().containsKey("b"));
        ComputationGraph withBn = ResNet18.builder().inputShape(1, 28, 28).classes(10).width(8).build().init();
        assertTrue(!withBn.getLayer("stem_conv").paramTable().containsKey("b"));
    }

    @Test
    void toBuilderKeepsValues() {
        RegularizationSpec copy = ALL.toBuilder().l1(0).build();
        assertEquals(0, copy.l1());
        assertEquals(ALL.weightDecay(), copy.weightDecay());
        assertEquals(0.3, copy.dropout().orElseThrow());
    }

    @Test
    void specsAreEqualExactlyWhenEveryValueIs() {
        RegularizationSpec copy = ALL.toBuilder().build();
        assertEquals(ALL, copy);
        assertEquals(ALL.hashCode(), copy.hashCode());
        assertNotEquals(ALL, ALL.toBuilder().batchNormEpsilon(2e-5).build());
        assertNotEquals(ALL, ALL.toBuilder().modelDefaultDropout().build());
        assertNotEquals(RegularizationSpec.defaults(), RegularizationSpec.builder().dropout(0.5).build());
    }

    @Test
    void dropBlockDropPathAndClippingTakePartInCopiesAndEquality() {
        RegularizationSpec modern = RegularizationSpec.builder().dropBlock(0.1).dropBlockSize(5).dropPath(0.2)
                .gradientClipNorm(1).build();
        RegularizationSpec copy = modern.toBuilder().build();
        assertEquals(modern, copy);
        assertEquals(modern.hashCode(), copy.hashCode());
        assertEquals(5, copy.dropBlockSize());
        assertNotEquals(modern, modern.toBuilder().dropBlock(0.2).build());
        assertNotEquals(modern, modern.toBuilder().dropBlockSize(3).build());
        assertNotEquals(modern, modern.toBuilder().dropPath(0.1).build());
        assertNotEquals(modern, modern.toBuilder().gradientClipNorm(2).build());
        assertEquals(3, RegularizationSpec.defaults().dropBlockSize());
    }

    @Test
    void describeNamesTheRegularizersThatAreOn() {
        assertEquals("no dropout", RegularizationSpec.none().describe());
        assertEquals("weight decay 5.0E-4, model's dropout, BatchNorm, DropBlock 0.1 (block 3), drop path 0.05, "
                + "gradient clipping at norm 1.0 per layer", RegularizationSpec.builder().weightDecay(5e-4)
                .dropBlock(0.1).dropPath(0.05).gradientClipNorm(1).build().describe());
    }

    private static org.deeplearning4j.nn.conf.layers.Layer layerConf(MultiLayerNetwork net, String name) {
        return net.getLayer(name).conf().getLayer();
    }
}
