package dev.regzoo.cli.bench;

import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.PropertyNamingStrategies;

/**
 * One model's benchmark figures. {@link #toJson()} writes the keys in snake case, the first fourteen named as in the
 * PyTorch peer benchmark's output ({@code peer_bench.py}).
 *
 * @param model               benchmark name, e.g. {@code resnet18w16}
 * @param params              trainable parameters (PyTorch's count)
 * @param trainImgS           training images per second
 * @param inferImgS           inference images per second
 * @param iters               timed training iterations
 * @param trainS              seconds the timed training iterations took
 * @param trainMsIterMedian   median milliseconds per training iteration
 * @param inferIters          timed inference iterations
 * @param inferS              seconds the timed inference iterations took
 * @param inferMsIterMedian   median milliseconds per inference iteration
 * @param paramsInclBnStats   DL4J's parameter count: trainable plus BatchNorm running mean and variance
 * @param threads             ND4J's thread count
 * @param trainBatch          training batch size
 * @param inferBatch          inference batch size
 * @param framework           {@code dl4j}
 * @param dl4jVersion         the DL4J version
 * @param javaVersion         the Java runtime version
 * @param onednn              whether DL4J's oneDNN layer helpers were active
 * @param data                where the images came from: {@code random} (standard normal, uniform labels)
 * @param warmup              untimed iterations before each timed phase
 * @param firstStepS          seconds from JVM start to the end of the first training step
 * @param peakHeapMb          peak Java heap use in MiB (sum of the heap pools' peaks)
 * @param peakOffheapMb       peak of ND4J's off-heap allocations in MiB, sampled after each iteration
 * @param peakRssMb           peak resident set size (VmHWM, reset as the model's run starts) in MiB, or null where
 *                            the OS does not report it
 * @param channelsLast        whether the model computed in channels-last layout
 */
public record BenchResult(String model, long params, double trainImgS, double inferImgS, int iters, double trainS,
                          double trainMsIterMedian, int inferIters, double inferS, double inferMsIterMedian,
                          long paramsInclBnStats, int threads, int trainBatch, int inferBatch, String framework,
                          String dl4jVersion, String javaVersion, boolean onednn, String data, int warmup,
                          double firstStepS, long peakHeapMb, long peakOffheapMb, Long peakRssMb,
                          boolean channelsLast) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    /** This result as one line of JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + this + " as JSON", e);
        }
    }
}
