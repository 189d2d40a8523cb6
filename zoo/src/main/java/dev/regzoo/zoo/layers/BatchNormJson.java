package dev.regzoo.zoo.layers;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;

/**
 * Keeps the zoo's BatchNorm running variance (as the variance, see {@code dev.regzoo.zoo.Layers}) through DL4J's JSON. DL4J
 * 1.0.0-M2.1's JSON reader decides a BatchNorm layer's {@code useLogStd} from the parameter names its configuration
 * lists, and a configuration lists them only once a network initialised it: a fresh configuration written and read
 * back would switch to DL4J's log10-of-the-standard-deviation form. This names the parameters up front, in the order
 * DL4J's initialiser adds them (it skips names already there), so fresh configurations read back as written.
 */
public final class BatchNormJson {

    private BatchNormJson() {
    }

    public static MultiLayerConfiguration namingVariance(MultiLayerConfiguration conf) {
        conf.getConfs().forEach(BatchNormJson::nameParameters);
        return conf;
    }

    public static ComputationGraphConfiguration namingVariance(ComputationGraphConfiguration conf) {
        conf.getVertices().values().stream().filter(v -> v instanceof LayerVertex)
                .forEach(v -> nameParameters(((LayerVertex) v).getLayerConf()));
        return conf;
    }

    private static void nameParameters(NeuralNetConfiguration layerConf) {
        if (layerConf.getLayer() instanceof BatchNormalization bn && !bn.isUseLogStd()) {
            if (!bn.isLockGammaBeta()) {
                layerConf.addVariable(BatchNormalizationParamInitializer.GAMMA);
                layerConf.addVariable(BatchNormalizationParamInitializer.BETA);
            }
            layerConf.addVariable(BatchNormalizationParamInitializer.GLOBAL_MEAN);
            layerConf.addVariable(BatchNormalizationParamInitializer.GLOBAL_VAR);
        }
    }
}
