package dev.regzoo.spark;

import dev.regzoo.recipes.StoppingSpec;
import dev.regzoo.train.Divergence;
import dev.regzoo.train.EpochRecord;
import dev.regzoo.train.PlateauReducer;
import dev.regzoo.zoo.Networks;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.listener.EarlyStoppingListener;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Records a Spark run epoch by epoch, as {@link EpochRecord}s like a local run's: the averaged training loss the
 * training master leaves on the network, both validation metrics (evaluated on the cluster when {@link #timing}
 * scores the epoch; NaN, without evaluating, for weights or a loss that are NaN or infinite: {@link Divergence}), the
 * learning rate, and the epoch's training time, which ends when {@link #timing} starts scoring. ReduceLROnPlateau, if
 * on, lowers the driver's learning rate, which the training master sends to the workers with the network's
 * configuration at the next fit. After each epoch (when DL4J has saved its checkpoints) it runs {@code checkpoint}.
 */
final class SparkEpochs<T extends Model> implements EarlyStoppingListener<T> {

    private final StoppingSpec.Monitor monitor;
    private final SparkNetwork<T> cluster;
    private final JavaRDD<DataSet> validation;
    private final int trainImages;
    private final Optional<PlateauReducer> plateau;
    private final Runnable checkpoint;
    private final PrintWriter out;
    private final List<EpochRecord> records = new ArrayList<>();
    private long epochStart;
    private double epochSeconds;
    private double validationLoss;
    private double validationAccuracy;

    SparkEpochs(StoppingSpec.Monitor monitor, SparkNetwork<T> cluster, JavaRDD<DataSet> validation,
                int trainImages, Optional<PlateauReducer> plateau, Runnable checkpoint, PrintWriter out) {
        this.monitor = monitor;
        this.cluster = cluster;
        this.validation = validation;
        this.trainImages = trainImages;
        this.plateau = plateau;
        this.checkpoint = checkpoint;
        this.out = out;
    }

    List<EpochRecord> records() {
        return List.copyOf(records);
    }

    /** The validation score early stopping monitors, computed on the cluster, ending the epoch's clock first. */
    ScoreCalculator<T> timing() {
        return new ScoreCalculator<>() {
            @Override
            public double calculateScore(T network) {
                epochSeconds = (System.nanoTime() - epochStart) / 1e9;
                validationLoss = Divergence.nonFinite(network) ? Double.NaN : cluster.loss(validation);
                validationAccuracy = Double.isFinite(validationLoss) ? cluster.evaluate(validation).accuracy()
                        : Double.NaN;
                return monitor == StoppingSpec.Monitor.VAL_LOSS ? validationLoss : validationAccuracy;
            }

            @Override
            public boolean minimizeScore() {
                return !monitor.maximize();
            }
        };
    }

    @Override
    public void onStart(EarlyStoppingConfiguration<T> config, T net) {
        epochStart = System.nanoTime();
    }

    @Override
    public void onEpoch(int epochNum, double score, EarlyStoppingConfiguration<T> config, T net) {
        EpochRecord record = new EpochRecord(epochNum + 1, net.score(), validationLoss, validationAccuracy,
                Networks.learningRate(net), epochSeconds, trainImages / epochSeconds);
        records.add(record);
        out.println(record.line());
        out.flush();
        plateau.ifPresent(p -> p.apply(score, net, out));
        checkpoint.run();
        epochStart = System.nanoTime();
    }

    @Override
    public void onCompletion(EarlyStoppingResult<T> result) {
        // the run reads the records
    }
}
