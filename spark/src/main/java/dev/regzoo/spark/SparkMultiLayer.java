package dev.regzoo.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.listener.EarlyStoppingListener;
import org.deeplearning4j.earlystopping.trainer.IEarlyStoppingTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.earlystopping.SparkEarlyStoppingTrainer;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;

/** A {@code MultiLayerNetwork} on Spark: DL4J's {@link SparkDl4jMultiLayer} and {@link SparkEarlyStoppingTrainer}. */
final class SparkMultiLayer extends SparkNetwork<MultiLayerNetwork> {

    private final SparkDl4jMultiLayer cluster;

    SparkMultiLayer(JavaSparkContext sc, MultiLayerNetwork net, TrainingMaster<?, ?> master) {
        super(net, MultiLayerNetwork.class);
        this.cluster = new SparkDl4jMultiLayer(sc, net, master);
    }

    @Override
    double loss(JavaRDD<DataSet> data) {
        return cluster.calculateScore(data, true);
    }

    @Override
    Evaluation evaluate(JavaRDD<DataSet> data) {
        return cluster.evaluate(data);
    }

    @Override
    IEarlyStoppingTrainer<MultiLayerNetwork> trainer(JavaSparkContext sc, TrainingMaster<?, ?> master,
                                                     EarlyStoppingConfiguration<MultiLayerNetwork> config,
                                                     EpochBatches epochs,
                                                     EarlyStoppingListener<MultiLayerNetwork> listener) {
        return new Trainer(sc, master, config, net(), epochs, listener);
    }

    /** Fits each epoch's own minibatches and keeps the averaged loss (see {@link SparkNetwork#trainer}). */
    private static final class Trainer extends SparkEarlyStoppingTrainer {
        private final MultiLayerNetwork net;
        private final EpochBatches epochs;

        Trainer(JavaSparkContext sc, TrainingMaster<?, ?> master, EarlyStoppingConfiguration<MultiLayerNetwork> config,
                MultiLayerNetwork net, EpochBatches epochs, EarlyStoppingListener<MultiLayerNetwork> listener) {
            super(sc, master, config, net, sc.emptyRDD(), listener);
            this.net = net;
            this.epochs = epochs;
        }

        @Override
        protected void fit(JavaRDD<DataSet> placeholder) {
            super.fit(epochs.next());
            net.setScore(getScore());
        }
    }
}
