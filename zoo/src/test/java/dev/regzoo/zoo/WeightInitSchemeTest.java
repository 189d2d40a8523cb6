package dev.regzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;

class WeightInitSchemeTest {

    /** Each weight layer's name with its weight initialisation, from the built configuration. */
    private static Map<String, IWeightInit> initsOf(MultiLayerNetwork net) {
        Map<String, IWeightInit> inits = new TreeMap<>();
        for (Layer layer : net.getLayers()) {
            if (layer.conf().getLayer() instanceof BaseLayer base && base.getWeightInitFn() != null
                    && layer.numParams() > 0 && !layer.conf().getLayer().getLayerName().endsWith("_bn")) {
                inits.put(base.getLayerName(), base.getWeightInitFn());
            }
        }
        return inits;
    }

    @Test
    void byDefaultConvolutionsAreHeNormalAndDenseLayersUniformInFanIn() {
        Map<String, IWeightInit> inits = initsOf(SmallCnn.builder().inputShape(1, 28, 28).classes(10).build().init());
        assertEquals(6, inits.size(), inits.toString()); // 4 convolutions, dense, classifier
        SmallCnn.builder().inputShape(1, 28, 28).classes(10).build().conf().getConfs().forEach(c -> {
            if (c.getLayer() instanceof BaseLayer base && inits.containsKey(base.getLayerName())) {
                WeightInit expected = c.getLayer() instanceof ConvolutionLayer ? WeightInit.RELU : WeightInit.UNIFORM;
                assertEquals(expected.getWeightInitFunction(), base.getWeightInitFn(), base.getLayerName());
            }
        });
    }

    @Test
    void oneInitForEveryLayerReplacesTheScheme() {
        Map<String, IWeightInit> inits = initsOf(SmallCnn.builder().inputShape(1, 28, 28).classes(10)
                .weightInit(WeightInit.XAVIER).build().init());
        assertEquals(6, inits.size());
        inits.forEach((name, init) -> assertEquals(WeightInit.XAVIER.getWeightInitFunction(), init, name));
    }

    @Test
    void theDenseHeadsInitialWeightsHaveTheVarianceOfItsScheme() {
        MultiLayerNetwork net = SmallCnn.builder().inputShape(1, 28, 28).classes(10).build().init();
        long fanIn = 64 * 7 * 7;
        double std = net.getLayer("fc1").getParam("W").stdNumber().doubleValue();
        assertEquals(1 / Math.sqrt(3 * fanIn), std, 0.05 / Math.sqrt(3 * fanIn), "U(±1/√fan_in) has std 1/√(3·fan_in)");
        double convStd = net.getLayer("block2_1_conv").getParam("W").stdNumber().doubleValue();
        assertEquals(Math.sqrt(2.0 / (32 * 9)), convStd, 0.05 * Math.sqrt(2.0 / (32 * 9)), "He-normal: √(2/fan_in)");
    }

    @Test
    void namesAreReadCaseInsensitivelyAndUnusableOnesRefused() {
        assertEquals(WeightInit.UNIFORM, WeightInits.parse(" uniform "));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> WeightInits.parse("kaiming"));
        assertTrue(unknown.getMessage().startsWith("weight init must be one of [") && unknown.getMessage()
                .contains("RELU") && unknown.getMessage().endsWith("got 'kaiming'"), unknown.getMessage());
        IllegalArgumentException distribution = assertThrows(IllegalArgumentException.class,
                () -> SmallCnn.builder().weightInit(WeightInit.DISTRIBUTION));
        assertTrue(distribution.getMessage().endsWith("got 'DISTRIBUTION'"), distribution.getMessage());
        assertTrue(!WeightInits.names().contains("IDENTITY") && WeightInits.names().contains("XAVIER"));
    }
}
