package dev.regzoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.recipes.FashionSmallCnn;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.StoppingSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.ui.model.stats.api.StatsType;
import org.deeplearning4j.ui.model.stats.api.StatsUpdateConfiguration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** The training UI: DL4J's pages and regzoo's for a run trained live, on loopback unless told otherwise. */
class TrainingUiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void showsARunTrainedLiveOnDl4jsPagesAndRegzoos() throws Exception {
        Path data = TinyFashion.write(Files.createDirectories(dir.resolve("data")), 200, 50);
        Recipe recipe = FashionSmallCnn.recipe().toBuilder().dataDir(data).width(4).batchSize(16)
                .augmentation(AugmentationSpec.NONE)
                .stopping(new StoppingSpec(StoppingSpec.Monitor.VAL_LOSS, 5, 0, 2, 0)).build();
        Path run = dir.resolve("run");
        TrainingUi ui = TrainingUi.start(0);
        try {
            Trainer.Outcome outcome = Trainer.train(recipe, RunFolder.create(run), new PrintWriter(new StringWriter()),
                    Optional.of(ui));
            assertTrue(Files.size(run.resolve(TrainingUi.STATS_FILE)) > 0);

            HttpResponse<String> page = get(ui.dl4jUrl());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("DL4J Training UI"), page.body());
            JsonNode overview = json(ui, "/train/overview/data");
            for (String chart : List.of("scores", "updateRatios", "stdevActivations", "stdevGradients",
                    "stdevUpdates")) {
                assertTrue(overview.has(chart) && overview.get(chart).size() > 0,
                        "overview chart " + chart + " has data: " + overview);
            }
            JsonNode model = json(ui, "/train/model/data/1");
            assertTrue(model.at("/activations/mean").size() > 0, "activations chart: " + model);
            assertTrue(model.at("/meanMag/ratios").size() > 0, "mean magnitudes chart: " + model);
            assertTrue(model.at("/paramHist/paramNames").size() > 0, "parameter histograms: " + model);
            assertTrue(model.at("/updateHist/paramNames").size() > 0, "update histograms: " + model);

            JsonNode runs = json(ui, TrainingUi.PAGES + "/api/runs").get("runs");
            assertEquals(1, runs.size(), "the live run, given no folders: " + runs);
            JsonNode live = runs.get(0);
            assertEquals(run.toAbsolutePath().toString(), live.get("path").asText());
            assertEquals("finished", live.get("status").asText());
            assertEquals(outcome.report().epochs().size(), live.get("epochs").asInt());
            assertEquals(1, live.get("sessions").size(), "its DL4J session, for the link to DL4J's pages: " + live);
        } finally {
            ui.stop();
        }
    }

    @Test
    void listensOnLoopbackByDefault() throws Exception {
        TrainingUi ui = TrainingUi.start(0);
        try {
            assertTrue(listeningAddress(ui.port()).isLoopbackAddress(), "bound to " + listeningAddress(ui.port()));
            assertFalse(ui.exposed());
            assertEquals(Optional.empty(), ui.warning());
            assertEquals("http://localhost:" + ui.port() + "/regzoo", ui.url());
            assertEquals(200, get(ui.url()).statusCode(), "regzoo's runs page");
        } finally {
            ui.stop();
        }
    }

    @Test
    void anotherHostExposesTheUiWithAWarning() throws Exception {
        TrainingUi ui = TrainingUi.start(0, "0.0.0.0");
        try {
            assertTrue(listeningAddress(ui.port()).isAnyLocalAddress(), "bound to " + listeningAddress(ui.port()));
            assertTrue(ui.exposed());
            assertTrue(ui.warning().orElseThrow().contains("no authentication"), ui.warning().orElseThrow());
            assertEquals("http://localhost:" + ui.port() + "/regzoo", ui.url());
        } finally {
            ui.stop();
        }
    }

    @Test
    void badAddressesAreRejected() {
        IllegalArgumentException host = assertThrows(IllegalArgumentException.class,
                () -> TrainingUi.start(0, "no-such-host.invalid"));
        assertTrue(host.getMessage().contains("--host"), host.getMessage());
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class, () -> TrainingUi.start(70000));
        assertTrue(port.getMessage().contains("--port"), port.getMessage());
        IllegalArgumentException folder = assertThrows(IllegalArgumentException.class,
                () -> TrainingUi.serve(List.of(dir.resolve("absent")), 0, TrainingUi.LOOPBACK));
        assertTrue(folder.getMessage().contains("absent") && folder.getMessage().contains("not a folder"),
                folder.getMessage());
    }

    @Test
    void recordsOnlyWhatTheUiShows() {
        StatsUpdateConfiguration c = UiStatistics.configuration();
        assertTrue(c.collectHistograms(StatsType.Parameters) && c.collectHistograms(StatsType.Updates));
        assertTrue(c.collectStdev(StatsType.Activations) && c.collectMean(StatsType.Activations));
        assertFalse(c.collectHistograms(StatsType.Activations),
                "histograms of activations are never shown, and cost passes over each batch's activations");
        assertFalse(c.collectMeanMagnitudes(StatsType.Activations) || c.collectMean(StatsType.Parameters));
    }

    /**
     * The local address of the socket listening on {@code port}, from Linux's socket tables (an IPv4-mapped IPv6
     * address reads as its IPv4 address).
     */
    private static InetAddress listeningAddress(int port) throws IOException {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")),
                "the bound address is read from Linux's /proc/net/tcp, absent here");
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            List<String> sockets = Files.readAllLines(file);
            for (String line : sockets.subList(1, sockets.size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if (fields[3].equals("0A") && Integer.parseInt(local[1], 16) == port) { // 0A: LISTEN
                    // the address is written as 32-bit words, each in the machine's byte order
                    byte[] words = HexFormat.of().parseHex(local[0]);
                    boolean reversed = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
                    byte[] address = new byte[words.length];
                    for (int i = 0; i < words.length; i++) {
                        address[i] = words[reversed ? i / 4 * 4 + 3 - i % 4 : i];
                    }
                    return InetAddress.getByAddress(address);
                }
            }
        }
        throw new AssertionError("nothing listens on port " + port);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(TrainingUi ui, String path) throws Exception {
        HttpResponse<String> answer = get("http://localhost:" + ui.port() + path);
        assertEquals(200, answer.statusCode(), path + ": " + answer.body());
        return JSON.readTree(answer.body());
    }
}
