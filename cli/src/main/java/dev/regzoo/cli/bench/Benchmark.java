package dev.regzoo.cli.bench;

import dev.regzoo.cli.BuildInfo;
import dev.regzoo.cpu.NativeHelpers;
import dev.regzoo.zoo.Check;
import dev.regzoo.zoo.RegularizationSpec;
import dev.regzoo.zoo.RegzooModel;
import dev.regzoo.zoo.Shape;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.util.FeatureUtil;

/**
 * Times one zoo model the way the PyTorch peer benchmark ({@code peer_bench.py}) does. Training: {@code fit} on
 * batches of {@link #batch} with SGD, Nesterov momentum 0.9, learning rate 0.05 and weight decay 5e-4 as an L2 term
 * on the gradient (PyTorch's SGD {@code weight_decay}; DL4J leaves biases and BatchNorm out of it). Inference:
 * {@code output} (test mode) on batches of {@link #inferBatch}. Each phase runs {@link #warmup} untimed iterations,
 * then timed ones until at least its seconds and {@value #MIN_ITERATIONS} iterations have passed. The data are random
 * 1×28×28 images (standard normal, like normalised Fashion-MNIST) with uniform labels over 10 classes.
 *
 * <pre>{@code
 * BenchResult r = new Benchmark(128, 256, 25, 15, 3, false).run(BenchModel.of("smallcnn"));
 * System.out.println(r.toJson());
 * }</pre>
 *
 * @param batch        training batch size, at least 1
 * @param inferBatch   inference batch size, at least 1
 * @param seconds      least seconds of timed training, {@code > 0}
 * @param inferSeconds least seconds of timed inference, {@code > 0}
 * @param warmup       untimed iterations before each timed phase, at least 0
 * @param channelsLast whether the models compute in channels-last layout ({@code ModelBuilder.channelsLast}), or
 *                     null for each model's default
 */
public record Benchmark(int batch, int inferBatch, double seconds, double inferSeconds, int warmup,
                        Boolean channelsLast) {

    /** Timed iterations per phase at the least, however short its seconds. */
    public static final int MIN_ITERATIONS = 3;
    private static final Shape INPUT = new Shape(1, 28, 28);
    private static final int CLASSES = 10;
    private static final double LEARNING_RATE = 0.05;
    private static final double MOMENTUM = 0.9;
    private static final double WEIGHT_DECAY = 5e-4;
    private static final int DATA_BATCHES = 4;
    private static final long SEED = 0;
    private static final Set<String> BN_STATISTICS = Set.of(BatchNormalizationParamInitializer.GLOBAL_MEAN,
            BatchNormalizationParamInitializer.GLOBAL_VAR, BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
    private static final long MIB = 1024 * 1024;

    /** @throws IllegalArgumentException naming the option, its value and the valid range */
    public Benchmark {
        Check.atLeast("batch", batch, 1);
        Check.atLeast("infer-batch", inferBatch, 1);
        Check.positive("seconds", seconds);
        Check.positive("infer-seconds", inferSeconds);
        Check.atLeast("warmup", warmup, 0);
    }

    /** Builds the model, times its training and then its inference, and reports both with memory peaks. */
    public BenchResult run(BenchModel model) {
        ProcessMemory.resetPeaks();
        RegzooModel<?> zooModel = model.build(b -> {
            b.inputShape(INPUT).classes(CLASSES).updater(new Nesterovs(LEARNING_RATE, MOMENTUM))
                    .regularization(RegularizationSpec.builder().l2(WEIGHT_DECAY).build());
            if (channelsLast != null) {
                b.channelsLast(channelsLast);
            }
        });
        Model net = zooModel.init();
        Network network = Network.of(net);
        Peaks peaks = new Peaks();
        Timing train = time(randomBatches(batch), ds -> {
            network.fit().accept(ds);
            peaks.afterStep();
        }, seconds);
        Timing infer = time(randomBatches(inferBatch), ds -> {
            network.output().apply(ds.getFeatures());
            peaks.afterStep();
        }, inferSeconds);
        return new BenchResult(model.id(), trainableParams(net), round(train.imagesPerSecond(batch), 1),
                round(infer.imagesPerSecond(inferBatch), 1), train.iterations(), round(train.seconds(), 2),
                round(train.medianMs(), 1), infer.iterations(), round(infer.seconds(), 2),
                round(infer.medianMs(), 1), net.numParams(), Nd4j.getEnvironment().maxThreads(), batch, inferBatch,
                "dl4j", BuildInfo.dl4jVersion(), System.getProperty("java.version"), NativeHelpers.oneDnnActive(),
                "random", warmup, round(peaks.firstStepUptimeMs / 1000.0, 2),
                ProcessMemory.peakHeapBytes() / MIB, peaks.offHeapBytes / MIB,
                ProcessMemory.peakRssBytes().stream().mapToObj(b -> b / MIB).findFirst().orElse(null),
                zooModel.options().channelsLast());
    }

    private <T> Timing time(List<T> batches, Consumer<T> step, double minSeconds) {
        for (int i = 0; i < warmup; i++) {
            step.accept(batches.get(i % batches.size()));
        }
        List<Long> perIteration = new ArrayList<>();
        long start = System.nanoTime();
        long elapsed;
        do {
            long t = System.nanoTime();
            step.accept(batches.get((warmup + perIteration.size()) % batches.size()));
            long end = System.nanoTime();
            perIteration.add(end - t);
            elapsed = end - start;
        } while (elapsed < minSeconds * 1e9 || perIteration.size() < MIN_ITERATIONS);
        return new Timing(perIteration.size(), elapsed / 1e9, median(perIteration) / 1e6);
    }

    private static List<DataSet> randomBatches(int size) {
        Nd4j.getRandom().setSeed(SEED);
        Random labels = new Random(SEED);
        return IntStream.range(0, DATA_BATCHES)
                .mapToObj(i -> new DataSet(Nd4j.randn(DataType.FLOAT, size, INPUT.channels(), INPUT.height(),
                        INPUT.width()), FeatureUtil.toOutcomeMatrix(labels.ints(size, 0, CLASSES).toArray(), CLASSES)))
                .toList();
    }

    /** PyTorch's count: every parameter but BatchNorm's running statistics (keys {@code <layer>_mean} etc.). */
    private static long trainableParams(Model net) {
        return net.paramTable().entrySet().stream()
                .filter(e -> !BN_STATISTICS.contains(e.getKey().substring(e.getKey().lastIndexOf('_') + 1)))
                .mapToLong(e -> e.getValue().length())
                .sum();
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** The two calls the benchmark times, for either network type. */
    private record Network(Consumer<DataSet> fit, UnaryOperator<INDArray> output) {
        static Network of(Model net) {
            if (net instanceof MultiLayerNetwork mln) {
                return new Network(mln::fit, mln::output);
            }
            if (net instanceof ComputationGraph graph) {
                return new Network(graph::fit, graph::outputSingle);
            }
            throw new IllegalArgumentException("unsupported network type " + net.getClass().getName());
        }
    }

    private record Timing(int iterations, double seconds, double medianMs) {
        double imagesPerSecond(int batchSize) {
            return iterations * batchSize / seconds;
        }
    }

    /** Sampled after each iteration: when the first training step ended, and ND4J's largest off-heap use. */
    private static final class Peaks {
        private long firstStepUptimeMs = -1;
        private long offHeapBytes;

        void afterStep() {
            if (firstStepUptimeMs < 0) {
                firstStepUptimeMs = ManagementFactory.getRuntimeMXBean().getUptime();
            }
            offHeapBytes = Math.max(offHeapBytes, ProcessMemory.offHeapBytes());
        }
    }
}
