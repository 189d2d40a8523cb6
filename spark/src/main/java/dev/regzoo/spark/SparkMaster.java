package dev.regzoo.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

/**
 * Checks a standalone master ({@code spark://host:port[,host:port…]}) before a SparkContext is made: Spark itself
 * retries an unreachable master for about a minute before it gives up, and then only logs it.
 */
final class SparkMaster {

    private SparkMaster() {
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
