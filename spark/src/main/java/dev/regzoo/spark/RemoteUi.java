package dev.regzoo.spark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.impl.RemoteUIStatsStorageRouter;

/**
 * A DL4J training UI elsewhere that shows a job's statistics live ({@code regzoo ui --remote}, which calls
 * {@code enableRemoteListener}). DL4J's {@link RemoteUIStatsStorageRouter} posts to it in the background and only
 * logs failures, so a wrong URL would go unnoticed for the whole run: the UI is asked first.
 */
final class RemoteUi {

    private static final String RECEIVER = RemoteUIStatsStorageRouter.DEFAULT_PATH;
    /** A well-formed message of a type the receiver ignores: it answers 200 when listening, 403 when not. */
    private static final String PROBE = "{\"type\":\"probe\",\"class\":\"-\",\"data\":\"-\"}";

    private RemoteUi() {
    }

    /**
     * A router posting to the UI at {@code url} ({@code http://HOST:PORT}), once that UI has answered within
     * {@code timeout} that it accepts remote statistics.
     *
     * @throws IllegalArgumentException when the URL is malformed, nothing answers, or the UI does not listen
     */
    static StatsStorageRouter connect(String url, Duration timeout) {
        URI base = base(url);
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpRequest probe = HttpRequest.newBuilder(base.resolve("/" + RECEIVER)).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(PROBE)).build();
        int status;
        try {
            status = client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot reach the training UI at " + url + " within "
                    + timeout.toSeconds() + " s (" + e + "); start it with 'regzoo ui --remote'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the training UI at " + url, e);
        }
        if (status == 403) {
            throw new IllegalArgumentException("the training UI at " + url + " does not accept remote statistics; "
                    + "start it with 'regzoo ui --remote'");
        }
        if (status != 200) {
            throw new IllegalArgumentException(url + " answered HTTP " + status + " to a statistics post: not a DL4J "
                    + "training UI?");
        }
        return new RemoteUIStatsStorageRouter(base.toString());
    }

    private static URI base(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad training UI URL " + url + " (want http://HOST:PORT)", e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("bad training UI URL " + url + " (want http://HOST:PORT)");
        }
        return URI.create(uri.getScheme() + "://" + uri.getAuthority());
    }
}
