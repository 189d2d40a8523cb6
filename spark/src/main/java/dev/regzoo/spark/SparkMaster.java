package dev.regzoo.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Checks a standalone master ({@code spark://host:port[,host:port…]}) before a SparkContext is made: Spark itself
 * retries an unreachable master for about a minute before it gives up, and then only logs it.
 */
final class SparkMaster {

    private SparkMaster() {
    }

    /** How long {@link #cores} waits for a cluster's first executor. */
    private static final Duration FIRST_EXECUTOR = Duration.ofSeconds(60);
    /** How long {@link #cores} waits after the last executor that registered for another. */
    private static final Duration NEXT_EXECUTOR = Duration.ofSeconds(3);

    /**
     * The cores that train: for a cluster's master, once its executors have registered (the first within a minute,
     * then until none more arrives for 3 s), since Spark's default parallelism counts only those registered so far
     * (at least 2); for {@code local[N]}, N.
     *
     * @throws IllegalStateException when no executor registers within a minute
     */
    static int cores(JavaSparkContext sc) {
        if (!sc.isLocal()) {
            long deadline = System.nanoTime() + FIRST_EXECUTOR.toNanos();
            int seen = 0;
            long quietSince = System.nanoTime();
            while (seen == 0 || System.nanoTime() - quietSince < NEXT_EXECUTOR.toNanos()) {
                int now = sc.sc().getExecutorIds().size();
                if (now != seen) {
                    seen = now;
                    quietSince = System.nanoTime();
                }
                if (seen == 0 && System.nanoTime() > deadline) {
                    throw new IllegalStateException("no executor of " + sc.master() + " registered within "
                            + FIRST_EXECUTOR.toSeconds() + " s: does the cluster have free cores and memory?");
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the executors", e);
                }
            }
        }
        return sc.defaultParallelism();
    }

    /**
     * Returns when one of the master URL's addresses accepts a TCP connection within {@code timeout}; any other kind
     * of master ({@code local[N]}, {@code yarn}, {@code k8s://…}) is left to Spark.
     *
     * @throws IllegalArgumentException naming the URL when no address answers
     */
    static void checkReachable(String master, Duration timeout) {
        if (!master.startsWith("spark://")) {
            return;
        }
        String failure = "";
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            URI uri = URI.create("spark://" + hostPort);
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException("bad Spark master URL " + master + " (want spark://HOST:PORT)");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) timeout.toMillis());
                return;
            } catch (IOException e) {
                failure = e.getMessage();
            }
        }
        throw new IllegalArgumentException("cannot reach the Spark master " + master + " within "
                + timeout.toSeconds() + " s (" + failure + "); is the master running, and is the URL the one its "
                + "web UI shows?");
    }
}
