package dev.regzoo.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.listener.EarlyStoppingListener;
import org.deeplearning4j.earlystopping.trainer.IEarlyStoppingTrainer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.earlystopping.SparkEarlyStoppingGraphTrainer;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.graph.dataset.DataSetToMultiDataSetFn;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A {@code ComputationGraph} (the ResNets) on Spark: DL4J's {@link SparkComputationGraph} and
 * {@link SparkEarlyStoppingGraphTrainer}, fed the single-input minibatches as {@code MultiDataSet}s.
 */
final class SparkGraph extends SparkNetwork<ComputationGraph> {

    private final SparkComputationGraph cluster;

    SparkGraph(JavaSparkContext sc, ComputationGraph net, TrainingMaster<?, ?> master) {
        super(net, ComputationGraph.class);
        this.cluster = new SparkComputationGraph(sc, net, master);
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
    IEarlyStoppingTrainer<ComputationGraph> trainer(JavaSparkContext sc, TrainingMaster<?, ?> master,
                                                    EarlyStoppingConfiguration<ComputationGraph> config,
                                                    EpochBatches epochs,
                                                    EarlyStoppingListener<ComputationGraph> listener) {
        return new Trainer(sc, master, config, net(), epochs, listener);
    }

    /** Fits each epoch's own minibatches and keeps the averaged loss (see {@link SparkNetwork#trainer}). */
    private static final class Trainer extends SparkEarlyStoppingGraphTrainer {
        private final ComputationGraph net;
        private final EpochBatches epochs;

        Trainer(JavaSparkContext sc, TrainingMaster<?, ?> master, EarlyStoppingConfiguration<ComputationGraph> config,
                ComputationGraph net, EpochBatches epochs, EarlyStoppingListener<ComputationGraph> listener) {
            super(sc, master, config, net, sc.emptyRDD(), listener);
            this.net = net;
            this.epochs = epochs;
        }

        @Override
        protected void fitMulti(JavaRDD<MultiDataSet> placeholder) {
            super.fitMulti(epochs.next(batches -> batches.map(new DataSetToMultiDataSetFn())));
            net.setScore(getScore());
        }
    }
}
