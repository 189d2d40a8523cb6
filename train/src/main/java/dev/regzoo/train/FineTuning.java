package dev.regzoo.train;

import dev.regzoo.cpu.NativeHelpers;
import dev.regzoo.recipes.Transfer;
import dev.regzoo.zoo.Shape;
import dev.regzoo.zoo.TrainedModel;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The network a fine-tuning run starts from: a trained backbone ({@link Transfer#from()}) with a new, randomly
 * initialised classifier for the run's classes and, optionally, its first layers frozen — built with DL4J's
 * {@code TransferLearning} API. The backbone keeps its own regularization; the recipe's optimizer, learning-rate
 * schedule and seed apply to the layers that train.
 */
final class FineTuning {

    private FineTuning() {
    }

    /**
     * @throws IllegalArgumentException when the backbone cannot be opened, takes another input shape than the data,
     *                                  or has no layer of the name to freeze through
     */
    static Model network(Transfer transfer, Shape input, int classes, IUpdater updater, long seed) {
        TrainedModel<Model> backbone = TrainedModel.open(transfer.from());
        Shape expected = backbone.manifest().shape();
        if (!expected.equals(input)) {
            throw new IllegalArgumentException("--from " + transfer.from() + " takes input " + expected
                    + " but the data is read as " + input + "; give --input " + expected.channels() + ","
                    + expected.height() + "," + expected.width());
        }
        FineTuneConfiguration fineTune = new FineTuneConfiguration.Builder().updater(updater).seed(seed).build();
        if (backbone.network() instanceof MultiLayerNetwork mln) {
            TransferLearning.Builder b = new TransferLearning.Builder(mln).fineTuneConfiguration(fineTune)
                    .nOutReplace(mln.getnLayers() - 1, classes, WeightInit.XAVIER);
            transfer.frozen().ifPresent(layer -> b.setFeatureExtractor(
                    checkLayer(layer, mln.getLayerNames(), transfer.from())));
            return NativeHelpers.attach(b.build());
        }
        ComputationGraph graph = (ComputationGraph) backbone.network();
        TransferLearning.GraphBuilder b = new TransferLearning.GraphBuilder(graph).fineTuneConfiguration(fineTune)
                .nOutReplace(graph.getConfiguration().getNetworkOutputs().get(0), classes, WeightInit.XAVIER);
        transfer.frozen().ifPresent(layer -> {
            Set<String> vertices = graph.getConfiguration().getVertices().keySet();
            checkLayer(layer, List.copyOf(vertices), transfer.from());
            b.setFeatureExtractor(layer);
        });
        return NativeHelpers.attach(b.build());
    }

    private static int checkLayer(String layer, List<String> names, String from) {
        int index = names.indexOf(layer);
        if (index < 0) {
            throw new IllegalArgumentException("--freeze " + layer + ": " + from + " has no such layer; its layers: "
                    + names);
        }
        if (index == names.size() - 1) {
            throw new IllegalArgumentException("--freeze " + layer + ": that is the classifier, which fine-tuning "
                    + "replaces; freeze an earlier layer");
        }
        return index;
    }
}
