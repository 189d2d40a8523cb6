package dev.regzoo.train;

import dev.regzoo.zoo.Networks;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.listener.EarlyStoppingListener;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * Follows a run epoch by epoch: the mean training loss and throughput (as a DL4J training listener), then, when the
 * early-stopping trainer has scored the epoch, both validation metrics (from its {@link ValidationScore}), the
 * learning rate, ReduceLROnPlateau, a
 * progress line and a callback that persists the records. The training callbacks are synchronized: with
 * {@code ParallelWrapper} every worker thread reports its own iterations here.
 *
 * @param <T> the network type
 */
final class EpochTracker<T extends Model> extends BaseTrainingListener implements EarlyStoppingListener<T> {

    private final ValidationScore<T> validation;
    private final Optional<PlateauReducer> plateau;
    private final PrintWriter out;
    private final Consumer<List<EpochRecord>> onEpoch;
    private final List<EpochRecord> records = new ArrayList<>();
    private final int firstEpoch;
    private final EpochProgress progress;
    private double lossSum;
    private long iterations;
    private long images;
    private long epochStart;
    private double epochSeconds;

    EpochTracker(ValidationScore<T> validation, Optional<PlateauReducer> plateau,
                 List<EpochRecord> previous, EpochProgress progress, PrintWriter out,
                 Consumer<List<EpochRecord>> onEpoch) {
        this.progress = progress;
        this.validation = validation;
        this.plateau = plateau;
        this.out = out;
        this.onEpoch = onEpoch;
        this.records.addAll(previous);
        this.firstEpoch = previous.size();
    }

    List<EpochRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public synchronized void onEpochStart(Model model) {
        lossSum = 0;
        iterations = 0;
        images = 0;
        epochStart = System.nanoTime();
        progress.start(records.size() + 1);
    }

    @Override
    public synchronized void iterationDone(Model model, int iteration, int epoch) {
        lossSum += model.score();
        iterations++;
        images += model.batchSize();
        progress.step(model.batchSize(), model.score());
    }

    @Override
    public synchronized void onEpochEnd(Model model) {
        epochSeconds = (System.nanoTime() - epochStart) / 1e9;
        progress.end();
    }

    @Override
    public void onStart(EarlyStoppingConfiguration<T> config, T net) {
        // nothing to prepare: records of a resumed run were passed in
    }

    @Override
    public void onEpoch(int epochNum, double score, EarlyStoppingConfiguration<T> config, T net) {
        double valLoss = validation.lastLoss();
        double valAccuracy = validation.lastAccuracy();
        double lr = Networks.learningRate(net);
        EpochRecord record = new EpochRecord(firstEpoch + epochNum + 1, iterations == 0 ? Double.NaN
                : lossSum / iterations, valLoss, valAccuracy, lr, epochSeconds, images / Math.max(epochSeconds, 1e-9));
        records.add(record);
        out.println(record.line());
        out.flush();
        plateau.ifPresent(p -> p.apply(score, net, out));
        onEpoch.accept(records());
    }

    @Override
    public void onCompletion(EarlyStoppingResult<T> result) {
        // the trainer reads the result itself
    }
}
