package dev.regzoo.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.listener.EarlyStoppingListener;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.earlystopping.SparkEarlyStoppingTrainer;
import org.nd4j.linalg.dataset.DataSet;

/**
 * DL4J's {@link SparkEarlyStoppingTrainer}, leaving the training master's averaged loss of each epoch on the driver's
 * network as the local trainers do. DL4J keeps it on the trainer's own {@code SparkDl4jMultiLayer}, out of reach, so
 * the network's {@code score()} stayed 0.
 */
final class LossKeepingTrainer extends SparkEarlyStoppingTrainer {

    private final MultiLayerNetwork net;

    LossKeepingTrainer(JavaSparkContext sc, TrainingMaster<?, ?> master,
                       EarlyStoppingConfiguration<MultiLayerNetwork> config, MultiLayerNetwork net,
                       JavaRDD<DataSet> train, EarlyStoppingListener<MultiLayerNetwork> listener) {
        super(sc, master, config, net, train, listener);
        this.net = net;
    }

    @Override
    protected void fit(JavaRDD<DataSet> data) {
        super.fit(data);
        net.setScore(getScore());
    }
}
