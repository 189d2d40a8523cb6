package dev.regzoo.data;

import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.data.augment.Augmenter;
import dev.regzoo.zoo.Shape;
import java.util.ArrayDeque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batches of images for DL4J's {@code fit} and {@code EarlyStoppingTrainer}: reading, conversion to the input shape,
 * augmentation, the pre-processor (normalizer) and batching all run on background threads, several batches ahead.
 *
 * <p>Each {@link #reset()} starts a new epoch with a new shuffle. Randomness is drawn per image from
 * (seed, epoch, image), so a run is reproducible under a seed whatever the number of threads, and every epoch sees
 * different augmentation. Features are channels first, pixel values in [0, 255] before the pre-processor.
 *
 * <pre>{@code
 * ImageBatchIterator train = ImageBatchIterator.builder(dataset.train()).indices(split.train()).batchSize(128)
 *         .shuffle(true).augmentation(AugmentationSpec.STANDARD).seed(42).build();
 * }</pre>
 */
public final class ImageBatchIterator implements DataSetIterator, AutoCloseable {

    private static final AtomicInteger POOL = new AtomicInteger();
    /** Batches prepared ahead are limited to about this much memory (float features). */
    private static final long MAX_PREFETCH_BYTES = 256L << 20;

    private final ImageSource source;
    private final int[] indices;
    private final Shape shape;
    private final int batchSize;
    private final boolean shuffle;
    private final AugmentationSpec augmentation;
    private final long seed;
    private final int prefetch;
    private final ExecutorService workers;
    private final ThreadLocal<Worker> worker;
    private final ArrayDeque<Future<DataSet>> pending = new ArrayDeque<>();
    private volatile DataSetPreProcessor preProcessor;
    private int epoch;
    private boolean started;
    private int[] order;
    private int submitted;
    private int delivered;

    private ImageBatchIterator(Builder b) {
        this.source = b.source;
        this.indices = b.indices == null ? identity(source.size()) : b.indices.clone();
        this.shape = b.shape == null ? source.shape() : b.shape;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.augmentation = b.augmentation;
        this.seed = b.seed;
        this.prefetch = Math.max(1, Math.min(b.prefetch, (int) (MAX_PREFETCH_BYTES
                / Math.max(1L, 4L * b.batchSize * shape.channels() * shape.height() * shape.width()))));
        this.preProcessor = b.preProcessor;
        this.epoch = b.firstEpoch - 1;
        int pool = POOL.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(b.workers, r -> {
            Thread t = new Thread(r, "regzoo-data-" + pool + "-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.worker = ThreadLocal.withInitial(() -> new Worker(augmentation.newAugmenter()));
    }

    /** Background threads used unless told otherwise: the processors, at most 4. */
    public static int defaultWorkers() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** A builder over all images of {@code source}. */
    public static Builder builder(ImageSource source) {
        return new Builder(source);
    }

    /** Number of images per epoch. */
    public int numExamples() {
        return indices.length;
    }

    /** The epoch in progress, or the next one before the first batch is asked for. */
    public int epoch() {
        return started ? epoch : epoch + 1;
    }

    @Override
    public boolean hasNext() {
        if (!started) {
            startEpoch(epoch + 1);
        }
        return delivered < batches();
    }

    @Override
    public DataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " has no more batches; call reset()");
        }
        Future<DataSet> batch = pending.poll();
        delivered++;
        fill();
        try {
            return batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("preparing a batch failed: " + e.getCause(), e.getCause());
        }
    }

    /** Not supported: the batch size is fixed by the builder. */
    @Override
    public DataSet next(int num) {
        throw new UnsupportedOperationException("the batch size is fixed (" + batchSize + "); use next()");
    }

    /** Ends the current epoch; the next batch asked for starts a new one, with a new shuffle and augmentation. */
    @Override
    public void reset() {
        cancelPending();
        started = false;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /** False: batches are already prepared ahead on background threads, so DL4J need not wrap this iterator. */
    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public int inputColumns() {
        return shape.channels() * shape.height() * shape.width();
    }

    @Override
    public int totalOutcomes() {
        return source.classNames().size();
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
        if (started) {
            // batches prepared ahead used the old pre-processor: prepare them again, from the next undelivered one
            cancelPending();
            submitted = delivered;
            fill();
        }
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return source.classNames();
    }

    /** Stops the background threads. */
    @Override
    public void close() {
        cancelPending();
        workers.shutdownNow();
    }

    private void cancelPending() {
        pending.forEach(f -> f.cancel(true));
        pending.clear();
    }

    private int batches() {
        return (indices.length + batchSize - 1) / batchSize;
    }

    private void startEpoch(int newEpoch) {
        cancelPending();
        epoch = newEpoch;
        started = true;
        order = indices.clone();
        if (shuffle) {
            Random random = new Random(mix(seed, epoch, -1));
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        submitted = 0;
        delivered = 0;
        fill();
    }

    private void fill() {
        while (submitted < batches() && pending.size() < prefetch) {
            int from = submitted * batchSize;
            int to = Math.min(order.length, from + batchSize);
            int[] batch = java.util.Arrays.copyOfRange(order, from, to);
            int batchEpoch = epoch;
            pending.add(workers.submit(() -> worker.get().build(batch, batchEpoch)));
            submitted++;
        }
    }

    /** A well-mixed seed for one image of one epoch (SplitMix64 finaliser). */
    static long mix(long seed, int epoch, int image) {
        long z = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + image * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int[] identity(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    /** One thread's reusable state: its own transforms (DataVec's are not thread-safe) and buffers. */
    private final class Worker {
        private final Augmenter augmenter;
        private final byte[] scratch = new byte[inputColumns()];

        Worker(Augmenter augmenter) {
            this.augmenter = augmenter;
        }

        DataSet build(int[] batch, int batchEpoch) {
            int size = inputColumns();
            float[] features = new float[batch.length * size];
            INDArray labels = Nd4j.zeros(batch.length, totalOutcomes());
            for (int i = 0; i < batch.length; i++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("batch no longer needed");
                }
                // Releases every OpenCV image made for this one at once, instead of leaving them to the GC.
                try (PointerScope scope = new PointerScope()) {
                    Mat image = MatImages.toShape(source.read(batch[i]), shape);
                    if (!augmentation.isNone()) {
                        image = augmenter.apply(image, new Random(mix(seed, batchEpoch, batch[i])));
                    }
                    MatImages.copyChannelsFirst(image, scratch, features, i * size);
                }
                labels.putScalar(i, source.label(batch[i]), 1.0);
            }
            DataSet data = new DataSet(Nd4j.create(features, shape.batchShape(batch.length), 'c'), labels);
            DataSetPreProcessor p = preProcessor;
            if (p != null) {
                p.preProcess(data);
            }
            return data;
        }
    }

    /** Builder for {@link ImageBatchIterator}. */
    public static final class Builder {
        private final ImageSource source;
        private int[] indices;
        private Shape shape;
        private int batchSize = 128;
        private boolean shuffle;
        private AugmentationSpec augmentation = AugmentationSpec.NONE;
        private DataSetPreProcessor preProcessor;
        private long seed = 42;
        private int workers = defaultWorkers();
        private int prefetch = 2 * workers + 2;
        private int firstEpoch;

        private Builder(ImageSource source) {
            this.source = source;
        }

        /** Which images (default: all), e.g. one part of a {@link Split}. */
        public Builder indices(int[] indices) {
            for (int i : indices) {
                if (i < 0 || i >= source.size()) {
                    throw new IllegalArgumentException("image index " + i + " is outside [0, " + source.size() + ")");
                }
            }
            this.indices = indices.clone();
            return this;
        }

        /** Input shape the images are converted to (default: the source's). */
        public Builder shape(Shape shape) {
            this.shape = shape;
            return this;
        }

        /** Images per batch (default 128); the last batch of an epoch may be smaller. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Shuffle every epoch (default false: evaluation order). */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Training-time augmentation (default none). */
        public Builder augmentation(AugmentationSpec augmentation) {
            this.augmentation = augmentation;
            return this;
        }

        /** Applied to each batch on the background threads, e.g. a fitted normalizer (default none). */
        public Builder preProcessor(DataSetPreProcessor preProcessor) {
            this.preProcessor = preProcessor;
            return this;
        }

        /** Seed of shuffling and augmentation (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Number of the first epoch (default 0): a resumed run starts where it stopped, so that it does not repeat the
         * shuffles and augmentation of its first epochs.
         */
        public Builder firstEpoch(int firstEpoch) {
            if (firstEpoch < 0) {
                throw new IllegalArgumentException("first epoch must be >= 0, got " + firstEpoch);
            }
            this.firstEpoch = firstEpoch;
            return this;
        }

        /**
         * Background threads (default: the processors, at most 4) and batches prepared ahead (default 2×+2; fewer
         * when that would hold more than about 256 MB of features).
         */
        public Builder workers(int workers, int prefetch) {
            if (workers < 1 || prefetch < 1) {
                throw new IllegalArgumentException("workers and prefetch must be at least 1, got " + workers + " and "
                        + prefetch);
            }
            this.workers = workers;
            this.prefetch = prefetch;
            return this;
        }

        public ImageBatchIterator build() {
            return new ImageBatchIterator(this);
        }
    }
}
