package dev.regzoo.zoo.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.zoo.ResNet18;
import dev.regzoo.zoo.ResNet;
import dev.regzoo.zoo.SmallCnn;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

/** The zoo's BatchNorm layers keep the running variance as the variance, through DL4J's JSON too. */
class BatchNormJsonTest {

    private static Stream<BatchNormalization> batchNorms(MultiLayerConfiguration conf) {
        return conf.getConfs().stream().map(NeuralNetConfiguration::getLayer)
                .filter(l -> l instanceof BatchNormalization).map(l -> (BatchNormalization) l);
    }

    private static Stream<BatchNormalization> batchNorms(ComputationGraphConfiguration conf) {
        return conf.getVertices().values().stream().filter(v -> v instanceof LayerVertex)
                .map(v -> ((LayerVertex) v).getLayerConf().getLayer())
                .filter(l -> l instanceof BatchNormalization).map(l -> (BatchNormalization) l);
    }

    @Test
    void freshZooConfigurationsReadBackWithTheVarianceForm() {
        MultiLayerConfiguration smallCnn = SmallCnn.builder().inputShape(1, 28, 28).classes(10).build().conf();
        ComputationGraphConfiguration resNet = ResNet18.builder().inputShape(1, 28, 28).classes(10).build().conf();
        assertEquals(4, batchNorms(smallCnn).filter(bn -> !bn.isUseLogStd()).count());
        assertEquals(20, batchNorms(resNet).filter(bn -> !bn.isUseLogStd()).count());
        assertTrue(batchNorms(MultiLayerConfiguration.fromJson(smallCnn.toJson())).noneMatch(
                BatchNormalization::isUseLogStd));
        assertTrue(batchNorms(ComputationGraphConfiguration.fromJson(resNet.toJson())).noneMatch(
                BatchNormalization::isUseLogStd));
    }

    /** What the zoo works around: DL4J's reader alone turns a fresh configuration's variance form back off. */
    @Test
    void dl4jAloneLosesTheFormOfAFreshConfiguration() {
        MultiLayerConfiguration plain = new NeuralNetConfiguration.Builder().list()
                .layer(new BatchNormalization.Builder().useLogStd(false).build())
                .layer(new OutputLayer.Builder().nOut(2).build())
                .setInputType(InputType.feedForward(3)).build();
        assertFalse(batchNorms(plain).findFirst().orElseThrow().isUseLogStd());
        assertTrue(batchNorms(MultiLayerConfiguration.fromJson(plain.toJson())).findFirst().orElseThrow()
                .isUseLogStd());
        assertFalse(batchNorms(MultiLayerConfiguration.fromJson(BatchNormJson.namingVariance(plain).toJson()))
                .findFirst().orElseThrow().isUseLogStd());
    }

    /** The names listed up front are the ones, in the order, that DL4J's initialiser gives the parameters. */
    @Test
    void parameterNamesAndOrderAreDl4jsOwn() {
        ComputationGraph net = ResNet.builder().blocksPerStage(List.of(1)).inputShape(1, 8, 8).classes(3).width(4)
                .build().init();
        NeuralNetConfiguration stemBn = net.getLayer("stem_bn").conf();
        assertEquals(List.of("gamma", "beta", "mean", "var"), stemBn.variables());
        assertEquals(List.of("gamma", "beta", "mean", "var"),
                List.copyOf(net.getLayer("stem_bn").paramTable().keySet()));
    }
}
