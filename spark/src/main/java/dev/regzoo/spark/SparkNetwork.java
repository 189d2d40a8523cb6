package dev.regzoo.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.listener.EarlyStoppingListener;
import org.deeplearning4j.earlystopping.trainer.IEarlyStoppingTrainer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A driver's network on the cluster, whichever of DL4J's two network types it is: {@link #of} is the one place the
 * job tells them apart; DL4J gives each its own Spark wrapper ({@code SparkDl4jMultiLayer},
 * {@code SparkComputationGraph}) and its own early-stopping trainer, with no common interface.
 *
 * @param <T> {@code MultiLayerNetwork} or {@code ComputationGraph}
 */
abstract class SparkNetwork<T extends Model> {

    private final T net;
    private final Class<T> type;

    SparkNetwork(T net, Class<T> type) {
        this.net = net;
        this.type = type;
    }

    /**
     * {@code model} on the cluster of {@code sc}, trained by {@code master}.
     *
     * @throws IllegalArgumentException for a model that is neither network type
     */
    static SparkNetwork<?> of(JavaSparkContext sc, Model model, TrainingMaster<?, ?> master) {
        if (model instanceof MultiLayerNetwork net) {
            return new SparkMultiLayer(sc, net, master);
        }
        if (model instanceof ComputationGraph graph) {
            return new SparkGraph(sc, graph, master);
        }
        throw new IllegalArgumentException("the Spark job trains MultiLayerNetworks and ComputationGraphs, got a "
                + model.getClass().getName());
    }

    /** The driver's network, which the trainer updates after every fit. */
    final T net() {
        return net;
    }

    /** The network's class, for loading saved checkpoints. */
    final Class<T> type() {
        return type;
    }

    /** The average loss over {@code data}, computed on the cluster (DL4J's score, regularization included). */
    abstract double loss(JavaRDD<DataSet> data);

    /** The classification metrics over {@code data}, computed on the cluster. */
    abstract Evaluation evaluate(JavaRDD<DataSet> data);

    /**
     * DL4J's Spark early-stopping trainer for this network type, fitting each epoch's own minibatches from
     * {@code epochs} (DL4J's trainers fit one RDD given up front in every epoch) and leaving the training master's
     * averaged loss of each epoch on the driver's network, as the local trainers do (DL4J keeps it on the trainer's
     * own Spark wrapper, out of reach, so the network's {@code score()} would stay 0).
     */
    abstract IEarlyStoppingTrainer<T> trainer(JavaSparkContext sc, TrainingMaster<?, ?> master,
                                              EarlyStoppingConfiguration<T> config, EpochBatches epochs,
                                              EarlyStoppingListener<T> listener);
}
