package dev.regzoo.train.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.recipes.FashionSmallCnn;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.train.EpochRecord;
import dev.regzoo.train.RunFolder;
import dev.regzoo.train.RunMetrics;
import dev.regzoo.train.RunReport;
import dev.regzoo.train.TrainingUi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.deeplearning4j.ui.api.UIModule;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * regzoo's pages and their JSON, served by a training UI for a study folder, a folder of damaged and odd runs and an
 * empty folder: every folder is listed, what cannot be read is a note, and the rest is served.
 */
class RegzooModuleTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Recipe RECIPE = FashionSmallCnn.recipe();
    private static final List<EpochRecord> EPOCHS = List.of(
            new EpochRecord(1, 1.25, 0.9, 0.61, 0.05, 3.5, 170.25),
            new EpochRecord(2, 0.8, 0.7, 0.74, 0.04, 3.25, 182.5),
            new EpochRecord(3, 0.6, 0.75, 0.73, 0.03, 3.0, 190.0));
    private static final String FINISHED = "EpochTerminationCondition: MaxEpochsTerminationCondition(3)";
    private static final byte[] GARBAGE = "not a MapDB file".getBytes();

    @TempDir
    static Path dir;
    private static TrainingUi ui;
    private static JsonNode catalog;
    private static Map<String, JsonNode> runs;

    @BeforeAll
    static void serve() throws Exception {
        Path study = Files.createDirectories(dir.resolve("study"));
        Files.writeString(study.resolve("study.json"), "{}");
        run(study.resolve("none-seed42"), FINISHED, 2, EPOCHS);
        new FileStatsStorage(study.resolve("none-seed42").resolve(TrainingUi.STATS_FILE).toFile()).close();
        run(study.resolve("l2-seed42"), "EpochTerminationCondition: ContinuedImprovementCondition", 2, EPOCHS);
        Files.writeString(Files.createDirectories(study.resolve("notes")).resolve("README.md"), "not a run");

        Path damaged = Files.createDirectories(dir.resolve("damaged"));
        Path corrupt = run(damaged.resolve("corrupt"), FINISHED, 2, EPOCHS);
        Files.writeString(corrupt.resolve(RunMetrics.FILE), "{\"epochs\": [");
        Files.write(corrupt.resolve(TrainingUi.STATS_FILE), GARBAGE);
        Path noMetrics = run(damaged.resolve("no-metrics"), FINISHED, 2, EPOCHS);
        Files.delete(noMetrics.resolve(RunMetrics.FILE));
        Path badRecipe = run(damaged.resolve("bad-recipe"), FINISHED, 2, EPOCHS);
        Files.writeString(badRecipe.resolve(RunFolder.RECIPE_FILE), "nope");
        run(damaged.resolve("diverged"), "diverged: the training loss became NaN", 0,
                List.of(new EpochRecord(1, Double.NaN, Double.NaN, 0.1, 0.05, 1, 10)));
        for (Path old : List.of(corrupt, noMetrics, badRecipe, damaged.resolve("diverged"))) {
            writtenAnHourAgo(old);
        }
        Path training = run(damaged.resolve("training"), RunMetrics.RUNNING, 0, EPOCHS.subList(0, 1));
        Files.write(training.resolve(TrainingUi.STATS_FILE), GARBAGE);

        Path empty = Files.createDirectories(dir.resolve("empty"));
        ui = TrainingUi.serve(List.of(study, damaged, empty), 0, TrainingUi.LOOPBACK);
        catalog = json("/api/runs", 200);
        runs = StreamSupport.stream(catalog.get("runs").spliterator(), false)
                .collect(Collectors.toMap(r -> r.get("label").asText(), Function.identity()));
    }

    @AfterAll
    static void stop() {
        ui.stop();
    }

    @Test
    void everyFolderIsListedWithItsStatus() {
        assertEquals(List.of("study/l2-seed42", "study/none-seed42", "study/notes", "damaged/bad-recipe",
                "damaged/corrupt", "damaged/diverged", "damaged/no-metrics", "damaged/training", "empty"),
                texts(catalog.get("runs"), "label"));
        assertEquals(Map.of("study/l2-seed42", "stopped early", "study/none-seed42", "finished", "study/notes",
                "not a run", "damaged/bad-recipe", "finished", "damaged/corrupt", "unreadable", "damaged/diverged",
                "diverged", "damaged/no-metrics", "interrupted", "damaged/training", "running", "empty", "not a run"),
                runs.values().stream().collect(Collectors.toMap(r -> r.get("label").asText(),
                        r -> r.get("status").asText())));
        assertEquals(List.of("study", "damaged"), texts(catalog.get("studies"), "label"));
    }

    @Test
    void whatCannotBeReadIsANoteOnItsRun() throws IOException {
        assertNote("damaged/corrupt", "metrics.json cannot be read");
        assertNote("damaged/corrupt", "stats.bin cannot be opened");
        assertArrayEquals(GARBAGE, Files.readAllBytes(dir.resolve("damaged/corrupt").resolve(TrainingUi.STATS_FILE)),
                "a damaged stats.bin is left as it is");
        assertNote("damaged/no-metrics", "no metrics.json");
        assertNote("damaged/no-metrics", "no stats.bin");
        assertNote("damaged/bad-recipe", "recipe.json cannot be read");
        assertEquals(0, runs.get("damaged/bad-recipe").get("regularization").size());
        assertNote("study/notes", "not a run folder");
        assertNote("empty", "no run folders inside");
        assertNote("damaged/training", "being written by another process");
        assertFalse(runs.get("damaged/training").get("notes").toString().contains("cannot be opened"),
                "the statistics of a run another process trains are left alone");
        assertEquals(List.of(), texts(runs.get("study/none-seed42").get("notes"), null), "a sound run has no notes");
    }

    @Test
    void aRunsJsonHoldsItsMetricsJsonEpochs() throws Exception {
        JsonNode run = json("/api/run/" + runs.get("study/none-seed42").get("id").asText(), 200);
        JsonNode written = JSON.readTree(dir.resolve("study/none-seed42").resolve(RunMetrics.FILE).toFile());
        assertEquals(written.get("epochs"), run.get("history"), "the charts' points are metrics.json's");
        assertEquals(2, run.get("bestEpoch").asInt());
        assertEquals(0.74, run.get("bestValAccuracy").asDouble());
        assertEquals(0.75 - 0.6, run.get("lastGap").asDouble(), 1e-15);
        assertEquals(RECIPE.stopping().monitor().name().toLowerCase(Locale.ROOT), run.get("monitor").asText());
        assertEquals(FINISHED, run.get("termination").asText());
        assertEquals(RECIPE.name(), run.get("recipe").asText());
        assertEquals(RecipeGlance.of(JSON.readTree(dir.resolve("study/none-seed42").resolve(RunFolder.RECIPE_FILE)
                .toFile())).stream().map(Setting::name).toList(), texts(run.get("regularization"), "name"));
        assertTrue(run.get("regularization").size() > 0, "the recipe regularizes: " + run.get("regularization"));

        JsonNode diverged = json("/api/run/" + runs.get("damaged/diverged").get("id").asText(), 200);
        assertTrue(diverged.at("/history/0/train_loss").isNull(), "NaN is JSON's null: " + diverged);
    }

    @Test
    void aStudysJsonListsItsRuns() throws Exception {
        JsonNode study = json("/api/study/" + catalog.at("/studies/0/id").asText(), 200);
        assertEquals(dir.resolve("study").toAbsolutePath().toString(), study.get("path").asText());
        assertEquals(List.of("study/l2-seed42", "study/none-seed42", "study/notes"),
                texts(study.get("members"), "label"));
        assertEquals(texts(study.get("members"), "id"), texts(study.get("runs"), null));
        json("/api/study/nope", 404);
        json("/api/run/nope", 404);
    }

    @Test
    void thePagesComeFromThisServerAlone() throws Exception {
        assertTrue(StreamSupport.stream(ServiceLoader.load(UIModule.class).spliterator(), false)
                .anyMatch(m -> m instanceof RegzooModule), "registered for DL4J's ServiceLoader");
        for (String page : List.of("", "/run/" + runs.get("study/none-seed42").get("id").asText(), "/compare")) {
            HttpResponse<String> html = get(TrainingUi.PAGES + page);
            assertEquals(200, html.statusCode(), page);
            assertTrue(html.headers().firstValue("content-type").orElse("").startsWith("text/html"), page);
            List<String> linked = links(html.body());
            assertEquals(List.of("/assets/img/favicon.ico", "/regzoo/assets/regzoo.css",
                    "/assets/webjars/jquery/3.4.1/dist/jquery.min.js", "/assets/webjars/flot/0.8.3/jquery.flot.min.js",
                    "/regzoo/assets/regzoo.js"), linked);
            for (String file : linked) {
                assertEquals(200, get(file).statusCode(), file + " is served from the jars");
            }
        }
        String script = get("/regzoo/assets/regzoo.js").body();
        assertFalse(script.contains("http://") || script.contains("https://"), "the script requests no other host");
        assertEquals(404, get("/regzoo/assets/nope.js").statusCode());
        assertEquals(200, get("/train/overview").statusCode(), "DL4J's pages are served beside regzoo's");
    }

    private static Path run(Path dir, String termination, int best, List<EpochRecord> epochs) throws IOException {
        RunFolder folder = RunFolder.create(dir);
        folder.writeRecipe(RECIPE);
        new RunReport(RECIPE, epochs, best, 0.7, termination, Optional.empty(), 9.75).writeAll(folder);
        return dir;
    }

    /** Ages a run's files, so that it does not look like a run another process is training now. */
    private static void writtenAnHourAgo(Path run) throws IOException {
        try (Stream<Path> files = Files.list(run)) {
            for (Path file : files.toList()) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(3600)));
            }
        }
    }

    private static void assertNote(String run, String note) {
        List<String> notes = texts(runs.get(run).get("notes"), null);
        assertTrue(notes.stream().anyMatch(n -> n.contains(note)), run + ": no note '" + note + "' in " + notes);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(field == null ? n.asText() : n.get(field).asText()));
        return out;
    }

    /** What a page loads: its scripts, style sheets and icon. */
    private static List<String> links(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<(?:script|link)[^>]*(?:src|href)=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + ui.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String path, int status) throws Exception {
        HttpResponse<String> answer = get(TrainingUi.PAGES + path);
        assertEquals(status, answer.statusCode(), path + ": " + answer.body());
        return JSON.readTree(answer.body());
    }
}
