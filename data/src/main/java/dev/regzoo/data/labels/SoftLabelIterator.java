package dev.regzoo.data.labels;

import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A training iterator whose batches get soft labels ({@link SoftLabelSpec}): wrap the training iterator only, so that
 * validation and test keep their one-hot labels. Each batch's randomness is drawn from (seed, epoch, batch), so a run
 * repeats under its seed and every epoch mixes differently; epochs are counted as {@code ImageBatchIterator} counts
 * them: a {@link #reset()} ends one, and the next batch asked for starts the next.
 *
 * <pre>{@code
 * DataSetIterator train = SoftLabelIterator.wrap(trainBatches, SoftLabelSpec.builder().smoothing(0.1).build(), 42, 0);
 * }</pre>
 */
public final class SoftLabelIterator implements DataSetIterator {

    private final DataSetIterator batches;
    private final SoftLabeler labeler;
    private final long seed;
    private int epoch;
    private int batch;
    private boolean started;

    private SoftLabelIterator(DataSetIterator batches, SoftLabelSpec spec, long seed, int firstEpoch) {
        this.batches = batches;
        this.labeler = new SoftLabeler(spec);
        this.seed = seed;
        this.epoch = firstEpoch - 1;
    }

    /**
     * {@code batches} with {@code spec}'s soft labels, or {@code batches} itself when {@code spec} changes nothing.
     *
     * @param firstEpoch number of the first epoch: a resumed run continues with the mixing of its next epoch
     * @throws IllegalArgumentException when {@code firstEpoch} is negative
     */
    public static DataSetIterator wrap(DataSetIterator batches, SoftLabelSpec spec, long seed, int firstEpoch) {
        if (firstEpoch < 0) {
            throw new IllegalArgumentException("first epoch must be >= 0, got " + firstEpoch);
        }
        return spec.enabled() ? new SoftLabelIterator(batches, spec, seed, firstEpoch) : batches;
    }

    /**
     * The random generator of one batch: MT19937 seeded by {@code init_by_array} over (seed, epoch, batch), which
     * spreads neighbouring keys over unrelated states (as NumPy's legacy seeding of an array does).
     */
    static RandomGenerator random(long seed, int epoch, int batch) {
        return new MersenneTwister(new int[] {(int) (seed >>> 32), (int) seed, epoch, batch});
    }

    @Override
    public boolean hasNext() {
        return batches.hasNext();
    }

    @Override
    public DataSet next() {
        return softened(batches.next());
    }

    @Override
    public DataSet next(int num) {
        return softened(batches.next(num));
    }

    private DataSet softened(DataSet raw) {
        if (!started) {
            epoch++;
            batch = 0;
            started = true;
        }
        return labeler.apply(raw, random(seed, epoch, batch++));
    }

    /** Ends the epoch; the next batch asked for starts the next one. */
    @Override
    public void reset() {
        batches.reset();
        started = false;
    }

    @Override
    public boolean resetSupported() {
        return batches.resetSupported();
    }

    @Override
    public boolean asyncSupported() {
        return batches.asyncSupported();
    }

    @Override
    public int inputColumns() {
        return batches.inputColumns();
    }

    @Override
    public int totalOutcomes() {
        return batches.totalOutcomes();
    }

    @Override
    public int batch() {
        return batches.batch();
    }

    /** Sets the wrapped iterator's pre-processor, which runs before the labels are softened. */
    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        batches.setPreProcessor(preProcessor);
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return batches.getPreProcessor();
    }

    @Override
    public List<String> getLabels() {
        return batches.getLabels();
    }
}
