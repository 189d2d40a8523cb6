package dev.regzoo.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;

/**
 * DL4J's training UI with regzoo's pages in it: DL4J's own pages ({@code /train/overview}: score, parameter and
 * system statistics from each run's {@code stats.bin}) and regzoo's ({@code /regzoo}: every run with its status,
 * per-epoch curves and the comparison of runs, module {@code dev.regzoo.train.ui}). It shows runs live during
 * training ({@code --ui}) or afterwards ({@code regzoo ui FOLDER...}).
 *
 * <p>It listens on loopback ({@value #LOOPBACK}) unless given another address. It has no authentication: whoever
 * reaches the port reads every run shown, and, with the remote receiver on, can post statistics.
 */
public final class TrainingUi {

    /** File name of a run's statistics. */
    public static final String STATS_FILE = "stats.bin";
    /** The address the UI listens on by default: this machine only. */
    public static final String LOOPBACK = "127.0.0.1";
    /** The path of regzoo's runs page. */
    public static final String PAGES = "/regzoo";
    private static final int PORTS_TO_TRY = 20;

    private final BoundUiServer server;
    private final String host;

    private TrainingUi(BoundUiServer server, String host) {
        this.server = server;
        this.host = host;
    }

    /** The statistics storage of a run folder (created if absent). */
    static FileStatsStorage storage(Path runDir) {
        return new FileStatsStorage(runDir.resolve(STATS_FILE).toFile());
    }

    /** {@link #start(int, String)} on loopback. */
    public static TrainingUi start(int port) {
        return start(port, LOOPBACK);
    }

    /**
     * Starts the UI on {@code host} and {@code port}, or the next free port when it is taken (said in {@link #url}).
     *
     * @param port the port to try first; 0 for one the system picks
     * @throws IllegalArgumentException for an unknown host, a port out of range, or no free port in
     *                                  {@code [port, port + 20)}
     */
    public static TrainingUi start(int port, String host) {
        return start(port, host, List.of());
    }

    /**
     * Serves runs from their folders: run folders, study folders (an ablation's) and folders of runs, as regzoo's
     * pages list them, and each run's statistics on DL4J's pages. A folder that holds no run, or a run whose files are
     * missing or damaged, is listed with a note.
     *
     * @throws IllegalArgumentException naming a folder that does not exist, and as {@link #start(int, String)}
     */
    public static TrainingUi serve(List<Path> folders, int port, String host) {
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException(folder + " is not a folder: give run folders, study folders or "
                        + "folders of runs");
            }
        }
        TrainingUi ui = start(port, host, folders);
        ui.server.runs().attachAll();
        return ui;
    }

    private static TrainingUi start(int port, String host, List<Path> folders) {
        InetAddress address = address(host);
        if (port == 0) {
            return new TrainingUi(BoundUiServer.start(host, 0, folders), host);
        }
        if (port < 1 || port > 65535 - PORTS_TO_TRY) {
            throw new IllegalArgumentException("--port must be 0 (any free port) or in [1, " + (65535 - PORTS_TO_TRY)
                    + "], got " + port);
        }
        for (int p = port; p < port + PORTS_TO_TRY; p++) {
            if (free(address, p)) {
                return new TrainingUi(BoundUiServer.start(host, p, folders), host);
            }
        }
        throw new IllegalArgumentException("ports " + port + "-" + (port + PORTS_TO_TRY - 1)
                + " are all in use; choose another with --port");
    }

    /** Shows the run training in {@code runDir} live, with its statistics in {@code storage}. */
    void attach(Path runDir, StatsStorage storage) {
        server.attach(storage);
        server.runs().startLive(runDir, storage);
    }

    /**
     * The run in {@code runDir} has stopped training: DL4J's pages let go of its {@code storage}, which is closed, and
     * show the run from its {@code stats.bin} from now on, as regzoo's pages do.
     */
    void release(Path runDir, StatsStorage storage) {
        server.detach(storage);
        close(storage);
        server.runs().endLive(runDir);
    }

    /**
     * Also shows the statistics that training processes elsewhere post to this UI (DL4J's
     * {@code RemoteUIStatsStorageRouter}, e.g. {@code SparkTrain --ui-url}), keeping them in {@code storage}.
     */
    public void receiveRemote(StatsStorage storage) {
        server.enableRemoteListener(storage, true);
    }

    /**
     * The runs shown by the UI server of this JVM, if it is regzoo's: what regzoo's pages list. DL4J keeps one UI
     * server per JVM ({@link VertxUIServer#getInstance()}, the one started last); the modules it creates as it starts
     * find their server this way.
     */
    public static Optional<UiRuns> shown() {
        return VertxUIServer.getInstance() instanceof BoundUiServer s && !s.isStopped() ? Optional.of(s.runs())
                : Optional.empty();
    }

    /** The address to open: regzoo's runs page, e.g. {@code http://localhost:9000/regzoo}. */
    public String url() {
        return base() + PAGES;
    }

    /** DL4J's own overview page, e.g. {@code http://localhost:9000/train/overview}. */
    public String dl4jUrl() {
        return base() + "/train/overview";
    }

    /** The port the UI listens on. */
    public int port() {
        return server.getPort();
    }

    /** The address the UI listens on, as given. */
    public String host() {
        return host;
    }

    /** Whether other machines can reach the UI: it listens on an address other than loopback. */
    public boolean exposed() {
        return !address(host).isLoopbackAddress();
    }

    /**
     * The warning to show when other machines can reach the UI ({@link #exposed()}): it has no authentication.
     */
    public Optional<String> warning() {
        return exposed() ? Optional.of("warning: the training UI listens on " + host + " port " + port()
                + " with no authentication: anyone who can reach it reads the runs it shows (and, with --remote, "
                + "can post statistics)") : Optional.empty();
    }

    /** Stops the server and closes the statistics it opened. */
    public void stop() {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.runs().close();
        }
    }

    private String base() {
        InetAddress address = address(host);
        String shown = address.isLoopbackAddress() || address.isAnyLocalAddress() ? "localhost"
                : address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]" : host;
        return "http://" + shown + ":" + port();
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--host must be an address or name of this machine, got '" + host
                    + "'", e);
        }
    }

    private static boolean free(InetAddress address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(address, port));
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
