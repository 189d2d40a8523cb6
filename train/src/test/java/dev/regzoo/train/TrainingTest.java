package dev.regzoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.recipes.FashionSmallCnn;
import dev.regzoo.recipes.OptimizerSpec;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.ScheduleSpec;
import dev.regzoo.recipes.StoppingSpec;
import dev.regzoo.zoo.ModelFiles;
import dev.regzoo.zoo.ModelManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The Java API: a recipe trains the user's own network or the recipe's zoo model on the user's iterators. */
class TrainingTest {

    private static final int CLASSES = 3;

    @TempDir
    Path dir;

    /** {@code n} examples in batches of 8: class c is marked by a bright feature (vectors) or column (images) c. */
    private static DataSetIterator generated(int n, boolean images, long seed) {
        Random random = new Random(seed);
        List<DataSet> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = i % CLASSES;
            INDArray features = images ? Nd4j.zeros(1, 1, 8, 8) : Nd4j.zeros(1, 4);
            for (int f = 0; f < features.length(); f++) {
                int column = images ? f % 8 : f;
                features.putScalar(f, (column == label ? 1 : 0) + 0.3 * random.nextGaussian());
            }
            INDArray labels = Nd4j.zeros(1, CLASSES).putScalar(label, 1);
            examples.add(new DataSet(features, labels));
        }
        return new ListDataSetIterator<>(examples, 8);
    }

    private static MultiLayerNetwork dense(int nIn, int nOut) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .updater(new Sgd(0.2)).list()
                .layer(new DenseLayer.Builder().nIn(nIn).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(nOut)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    private static Recipe recipe(StoppingSpec stopping) {
        return FashionSmallCnn.recipe().toBuilder().width(4).stopping(stopping).build();
    }

    @Test
    void trainsTheUsersNetworkWithEarlyStoppingAndKeepsTheBestEpochsModel() {
        MultiLayerNetwork net = dense(4, CLASSES);
        TrainingListener own = new ScoreIterationListener(1000);
        net.setListeners(own);
        DataSetIterator validation = generated(60, false, 2);
        Path out = dir.resolve("own");
        TrainingResult result = Training.of(recipe(new StoppingSpec(StoppingSpec.Monitor.VAL_ACCURACY, 2, 0, 30, 0)))
                .model(net).data(generated(240, false, 1), validation).runFolder(out).quiet().fit();

        assertTrue(result.termination().contains("ScoreImprovementEpochTerminationCondition"), result.termination());
        assertTrue(result.history().size() < 30, "stopped early after " + result.history().size() + " epochs");
        EpochRecord best = result.history().stream()
                .reduce((a, b) -> b.valAccuracy() > a.valAccuracy() ? b : a).orElseThrow();
        assertEquals(best.epoch(), result.bestEpoch(), "the first epoch with the highest validation accuracy");
        assertTrue(result.bestScore() > 0.9, "separable data: validation accuracy " + result.bestScore());

        MultiLayerNetwork bestModel = assertInstanceOf(MultiLayerNetwork.class, result.bestModel());
        validation.reset();
        assertEquals(result.bestScore(), bestModel.evaluate(validation).accuracy(), 1e-9,
                "bestModel() is the model of the best epoch");
        assertInstanceOf(Sgd.class, ((BaseLayer) bestModel.getLayer(0).conf().getLayer()).getIUpdater(),
                "the user's network keeps its own updater, not the recipe's");
        assertEquals(List.of(own), List.copyOf(net.getListeners()), "the user's listeners are restored");
        for (String file : List.of("recipe.json", "metrics.json", "report.md", "curves.png", AtomicModelSaver.BEST,
                AtomicModelSaver.LATEST, TrainingUi.STATS_FILE)) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file);
        }
        assertEquals(List.of("0", "1", "2"), ModelManifest.readFrom(out.resolve(AtomicModelSaver.BEST))
                .classes());
    }

    @Test
    void trainsTheRecipesZooModelOnGeneratedImagesWithItsSchedule() {
        DataSetIterator train = generated(96, true, 1);
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fit(train);
        train.setPreProcessor(normalizer);
        DataSetIterator validation = generated(48, true, 2);
        validation.setPreProcessor(normalizer);
        DataSetIterator test = generated(48, true, 3);
        test.setPreProcessor(normalizer);
        Recipe recipe = recipe(new StoppingSpec(StoppingSpec.Monitor.VAL_LOSS, 5, 0, 3, 0)).toBuilder()
                .optimizer(new OptimizerSpec(OptimizerSpec.Kind.ADAM, 1e-2, 0))
                .schedule(new ScheduleSpec(ScheduleSpec.Kind.COSINE, 0, 1, 1, 0, 0, 1)).build();
        Path out = dir.resolve("zoo");
        TrainingResult result = Training.of(recipe).data(train, validation).test(test).runFolder(out).quiet().fit();

        assertEquals(3, result.history().size());
        assertFalse(result.diverged());
        assertTrue(result.bestEpoch() >= 1, "a best model exists");
        assertInstanceOf(MultiLayerNetwork.class, result.bestModel(), "the recipe's SmallCnn");
        double first = result.history().get(0).learningRate();
        double last = result.history().get(2).learningRate();
        assertTrue(last < first, "the cosine schedule spans the counted 12 batches per epoch: " + first + " -> "
                + last);
        TestReport report = result.test().orElseThrow();
        assertEquals(48, report.images());
        assertTrue(report.accuracy() > 1.0 / CLASSES, "test accuracy " + report.accuracy());
        Path best = out.resolve(AtomicModelSaver.BEST);
        assertEquals(new dev.regzoo.zoo.Shape(1, 8, 8), ModelManifest.readFrom(best).shape());
        assertEquals(normalizer.getMean(), ModelFiles.normalizer(best).getMean(),
                "the training iterator's normalizer is saved with the model");
    }

    @Test
    void aTimeLimitStopsTheRun() {
        TrainingResult result = Training.of(recipe(new StoppingSpec(StoppingSpec.Monitor.VAL_LOSS, 10_000, 0,
                        10_000, 0.01)))
                .model(dense(4, CLASSES)).data(generated(240, false, 1), generated(60, false, 2))
                .runFolder(dir.resolve("timed")).quiet().fit();
        assertTrue(result.termination().contains("MaxTimeIterationTerminationCondition"), result.termination());
        assertTrue(result.history().size() < 10_000, result.history().size() + " epochs");
    }

    @Test
    void badInputIsRejectedInOneLineBeforeAnythingIsWritten() {
        Recipe recipe = recipe(new StoppingSpec(StoppingSpec.Monitor.VAL_LOSS, 2, 0, 2, 0));
        Path out = dir.resolve("bad");
        DataSetIterator vectors = generated(24, false, 1);
        rejects("data: the training iterator is null", () -> Training.of(recipe).data(null, vectors));
        rejects("data: the validation iterator is null", () -> Training.of(recipe).data(vectors, null));
        rejects("data: no iterators", () -> Training.of(recipe).runFolder(out).fit());
        rejects("model: the output layer has nOut 5 but the labels have 3 classes",
                () -> Training.of(recipe).model(dense(4, 5)).data(vectors, vectors).runFolder(out).fit());
        rejects("model: the network does not take features of shape [1, 4]",
                () -> Training.of(recipe).model(dense(7, CLASSES)).data(vectors, vectors).runFolder(out).fit());
        rejects("data: the recipe's model smallcnn takes images",
                () -> Training.of(recipe).data(vectors, vectors).runFolder(out).fit());
        rejects("model: the ComputationGraph has 2 inputs and 1 outputs",
                () -> Training.of(recipe).model(twoInputs()).data(vectors, vectors).runFolder(out).fit());
        assertFalse(Files.exists(out), "nothing written");
    }

    private static Model twoInputs() {
        return new ComputationGraph(new NeuralNetConfiguration.Builder().graphBuilder().addInputs("a", "b")
                .addVertex("both", new org.deeplearning4j.nn.conf.graph.MergeVertex(), "a", "b")
                .addLayer("out", new OutputLayer.Builder().nIn(8).nOut(CLASSES).activation(Activation.SOFTMAX)
                        .build(), "both")
                .setOutputs("out").build());
    }

    private static void rejects(String message, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
