package dev.regzoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.recipes.FashionSmallCnn;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.StoppingSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.ui.model.stats.api.StatsType;
import org.deeplearning4j.ui.model.stats.api.StatsUpdateConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** DL4J's UI serves a finished regzoo run from its stats.bin (on loopback only). */
class TrainingUiTest {

    @TempDir
    Path dir;

    @Test
    void servesAFinishedRunWithScoreData() throws Exception {
        Path data = TinyFashion.write(Files.createDirectories(dir.resolve("data")), 200, 50);
        Recipe recipe = FashionSmallCnn.recipe().toBuilder().dataDir(data).width(4).batchSize(16)
                .augmentation(AugmentationSpec.NONE)
                .stopping(new StoppingSpec(StoppingSpec.Monitor.VAL_LOSS, 5, 0, 2, 0)).build();
        Path run = dir.resolve("run");
        Trainer.train(recipe, RunFolder.create(run), new PrintWriter(new StringWriter()));
        assertTrue(Files.size(run.resolve(TrainingUi.STATS_FILE)) > 0);

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TrainingUi ui = TrainingUi.serve(List.of(run), port);
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(ui.url())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("DL4J Training UI"), page.body());
            HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + ui.port() + "/train/overview/data")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, json.statusCode());
            JsonNode overview = new ObjectMapper().readTree(json.body());
            for (String chart : List.of("scores", "updateRatios", "stdevActivations", "stdevGradients",
                    "stdevUpdates")) {
                assertTrue(overview.has(chart) && overview.get(chart).size() > 0,
                        "overview chart " + chart + " has data: " + json.body());
            }
            HttpResponse<String> layer = http.send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + ui.port() + "/train/model/data/1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode model = new ObjectMapper().readTree(layer.body());
            assertTrue(model.at("/activations/mean").size() > 0, "activations chart: " + layer.body());
            assertTrue(model.at("/meanMag/ratios").size() > 0, "mean magnitudes chart: " + layer.body());
            assertTrue(model.at("/paramHist/paramNames").size() > 0, "parameter histograms: " + layer.body());
            assertTrue(model.at("/updateHist/paramNames").size() > 0, "update histograms: " + layer.body());
        } finally {
            ui.stop();
        }
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

    @Test
    void aFolderWithoutStatisticsIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingUi.serve(List.of(dir), 9000));
        assertTrue(e.getMessage().contains("stats.bin"), e.getMessage());
    }
}
