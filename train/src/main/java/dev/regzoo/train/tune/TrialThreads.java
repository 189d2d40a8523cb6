package dev.regzoo.train.tune;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The threads of trials that train side by side in one JVM: each trial's thread runs ND4J's ops on
 * {@code cores / parallel} threads (at least 1), so that the trials share the machine's cores instead of each
 * starting a full team on every op. OpenMP's thread count is a setting of the calling thread (libnd4j's
 * {@code setOmpNumThreads} is {@code omp_set_num_threads}, and oneDNN's primitives take their team from it), so each
 * trial thread sets its own; libnd4j's own thread pool takes ND4J's global {@code maxThreads}. A search of one
 * trial at a time leaves both as they are ({@code OMP_NUM_THREADS}, default the physical cores).
 */
final class TrialThreads {

    private TrialThreads() {
    }

    /** Threads per trial when {@code parallel} trials share this machine's cores. */
    static int perTrial(int parallel) {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / parallel);
    }

    /** The threads trials run on: {@code parallel} at a time, each with {@link #perTrial} ND4J threads. */
    static ThreadFactory factory(int parallel) {
        int threads = perTrial(parallel);
        if (parallel > 1) {
            Nd4j.getEnvironment().setMaxThreads(threads);
        }
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(() -> {
                if (parallel > 1) {
                    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
                }
                task.run();
            }, "tune-trial-" + count.incrementAndGet());
            // a trial's DL4J training does not stop on interruption; it must not keep the JVM alive after the study
            thread.setDaemon(true);
            return thread;
        };
    }
}
