package dev.regzoo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.zoo.ModelManifest;
import dev.regzoo.zoo.Shape;
import dev.regzoo.zoo.SmallCnn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.listener.EarlyStoppingListener;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's early stopping with regzoo's checkpointing: with scripted validation scores, training stops after
 * {@code patience} epochs without improvement, and bestModel.zip holds the parameters of the best epoch.
 */
class EarlyStoppingTest {

    @TempDir
    Path dir;

    /** Returns the scripted scores in order (lower is better). */
    private static final class Scripted implements ScoreCalculator<MultiLayerNetwork> {
        private final double[] scores;
        private int next;

        Scripted(double... scores) {
            this.scores = scores;
        }

        @Override
        public double calculateScore(MultiLayerNetwork network) {
            return scores[next++];
        }

        @Override
        public boolean minimizeScore() {
            return true;
        }
    }

    @Test
    void stopsAfterPatienceAndKeepsTheBestEpochsParameters() throws Exception {
        MultiLayerNetwork net = SmallCnn.builder().inputShape(1, 8, 8).classes(3).width(4).build().init();
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            batches.add(new DataSet(Nd4j.rand(new int[] {8, 1, 8, 8}), Nd4j.eye(3).getRows(0, 1, 2, 0, 1, 2, 0, 1)));
        }
        AtomicModelSaver<MultiLayerNetwork> saver = new AtomicModelSaver<>(dir, null,
                new ModelManifest(new Shape(1, 8, 8), List.of("a", "b", "c"), "test", "none", null),
                MultiLayerNetwork.class, Double.NaN, true);
        EarlyStoppingConfiguration<MultiLayerNetwork> conf = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                .modelSaver(saver).saveLastModel(true)
                .scoreCalculator(new Scripted(1.0, 0.5, 0.7, 0.6, 0.55, 0.1))
                .epochTerminationConditions(new MaxEpochsTerminationCondition(20),
                        new ScoreImprovementEpochTerminationCondition(3, 0))
                .build();
        List<INDArray> paramsAfterEpoch = new ArrayList<>();
        EarlyStoppingTrainer trainer = new EarlyStoppingTrainer(conf, net, new ListDataSetIterator<>(batches, 8));
        trainer.setListener(new EarlyStoppingListener<>() {
            @Override
            public void onStart(EarlyStoppingConfiguration<MultiLayerNetwork> c, MultiLayerNetwork n) {
            }

            @Override
            public void onEpoch(int epoch, double score, EarlyStoppingConfiguration<MultiLayerNetwork> c,
                                MultiLayerNetwork n) {
                paramsAfterEpoch.add(n.params().dup());
            }

            @Override
            public void onCompletion(EarlyStoppingResult<MultiLayerNetwork> r) {
            }
        });
        EarlyStoppingResult<MultiLayerNetwork> result = trainer.fit();

        assertEquals(5, result.getTotalEpochs(), "epochs 1..5: best at 2, then 3 without improvement");
        assertEquals(1, result.getBestModelEpoch());
        Map<Integer, Double> scores = result.getScoreVsEpoch();
        assertEquals(0.5, scores.get(result.getBestModelEpoch()), 0, "the calculator's score, not getBestModelScore()");
        MultiLayerNetwork best = saver.getBestModel();
        assertEquals(paramsAfterEpoch.get(1), best.params(), "bestModel.zip is epoch 2's network");
        assertTrue(!paramsAfterEpoch.get(1).equals(paramsAfterEpoch.get(4)), "training changed the parameters");
        assertEquals(paramsAfterEpoch.get(4), saver.getLatestModel().params(), "latestModel.zip is the last epoch");
        assertEquals(new Shape(1, 8, 8), ModelManifest.readFrom(dir.resolve(AtomicModelSaver.BEST)).shape());
        assertArrayEquals(new String[0], dir.toFile().list((d, name) -> name.endsWith(".tmp")), "no temp files left");
    }
}
