package dev.regzoo.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;

/**
 * DL4J's training UI for regzoo runs: each run records its statistics in {@code stats.bin} (DL4J's
 * {@link FileStatsStorage}); the UI shows them live during training ({@code --ui}) or afterwards
 * ({@code regzoo ui RUN_DIR}).
 *
 * <p>DL4J 1.0.0-M2.1's UI server listens on every network interface (it calls {@code listen(port)} without a host),
 * so on a shared network anyone who can reach the port can read the training statistics; use a firewall, or an SSH
 * tunnel to a machine where the port is closed.
 */
public final class TrainingUi {

    /** File name of a run's statistics. */
    public static final String STATS_FILE = "stats.bin";
    private static final int PORTS_TO_TRY = 20;

    private final VertxUIServer server;

    private TrainingUi(VertxUIServer server) {
        this.server = server;
    }

    /** The statistics storage of a run folder (created if absent). */
    static FileStatsStorage storage(Path runDir) {
        return new FileStatsStorage(runDir.resolve(STATS_FILE).toFile());
    }

    /**
     * Starts the UI on {@code port}, or the next free port when it is taken (said in the returned URL).
     *
     * @throws IllegalArgumentException when no port in {@code [port, port + 20)} is free
     */
    public static TrainingUi start(int port) {
        if (port < 1 || port > 65535 - PORTS_TO_TRY) {
            throw new IllegalArgumentException("port must be in [1, " + (65535 - PORTS_TO_TRY) + "], got " + port);
        }
        for (int p = port; p < port + PORTS_TO_TRY; p++) {
            if (free(p)) {
                return new TrainingUi(VertxUIServer.getInstance(p, false, null));
            }
        }
        throw new IllegalArgumentException("ports " + port + "-" + (port + PORTS_TO_TRY - 1)
                + " are all in use; choose another with --port");
    }

    /**
     * Serves finished runs from their {@code stats.bin} files.
     *
     * @throws IllegalArgumentException naming a folder without statistics
     */
    public static TrainingUi serve(List<Path> runDirs, int port) {
        List<StatsStorage> storages = new ArrayList<>();
        for (Path dir : runDirs) {
            if (!Files.isRegularFile(dir.resolve(STATS_FILE))) {
                throw new IllegalArgumentException(dir + ": no " + STATS_FILE + " (not a regzoo run folder?)");
            }
            storages.add(storage(dir));
        }
        TrainingUi ui = start(port);
        storages.forEach(ui::attach);
        return ui;
    }

    void attach(StatsStorage storage) {
        server.attach(storage);
    }

    /**
     * Also shows the statistics that training processes elsewhere post to this UI (DL4J's
     * {@code RemoteUIStatsStorageRouter}, e.g. {@code SparkTrain --ui-url}), keeping them in {@code storage}.
     */
    public void receiveRemote(StatsStorage storage) {
        server.enableRemoteListener(storage, true);
    }

    /** The address to open, e.g. {@code http://localhost:9000/train/overview}. */
    public String url() {
        return "http://localhost:" + server.getPort() + "/train/overview";
    }

    /** The port the UI listens on. */
    public int port() {
        return server.getPort();
    }

    /** Stops the server. */
    public void stop() {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Closes a storage, reporting failures as unchecked. */
    static void close(StatsStorage storage) {
        try {
            storage.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + STATS_FILE + ": " + e.getMessage(), e);
        }
    }
}
