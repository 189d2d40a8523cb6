package dev.regzoo.train.ui;

import dev.regzoo.train.EpochRecord;
import dev.regzoo.train.RunMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The JSON the pages read ({@code /regzoo/api/...}). Numbers that are not finite (a diverged run's losses) are
 * {@code null}, which JSON allows and the charts leave as gaps. Per-epoch values are those of {@code metrics.json},
 * so a chart's points are the run's own numbers.
 */
final class PagesJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PagesJson() {
    }

    /** Every run (summaries) and study: the runs page. */
    static String catalog(Catalog catalog) {
        return write(Map.of("runs", catalog.runs().stream().map(PagesJson::summary).toList(),
                "studies", catalog.studies().stream().map(PagesJson::study).toList()));
    }

    /** One run with its epochs: the run page. */
    static String run(RunEntry run) {
        Map<String, Object> m = summary(run);
        Optional<RunMetrics> metrics = run.metrics();
        m.put("termination", metrics.map(RunMetrics::termination).orElse(null));
        m.put("monitor", metrics.map(x -> x.monitor().name().toLowerCase(Locale.ROOT)).orElse(null));
        m.put("history", metrics.map(x -> x.epochs().stream().map(PagesJson::epoch).toList()).orElse(List.of()));
        return write(m);
    }

    /** One study with its runs' summaries: the comparison's preselection. */
    static String study(Catalog catalog, StudyEntry study) {
        Map<String, Object> m = study(study);
        m.put("members", study.runs().stream().flatMap(id -> catalog.run(id).stream()).map(PagesJson::summary)
                .toList());
        return write(m);
    }

    private static Map<String, Object> study(StudyEntry study) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", study.id());
        m.put("label", study.label());
        m.put("path", study.dir().toString());
        m.put("runs", study.runs());
        return m;
    }

    private static Map<String, Object> summary(RunEntry run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", run.id());
        m.put("label", run.label());
        m.put("path", run.dir().toString());
        m.put("study", run.study().orElse(null));
        m.put("status", run.status().label());
        m.put("recipe", run.recipe());
        Optional<RunMetrics> metrics = run.metrics();
        List<EpochRecord> epochs = metrics.map(RunMetrics::epochs).orElse(List.of());
        m.put("epochs", epochs.size());
        int best = metrics.map(RunMetrics::bestEpochSoFar).orElse(0);
        m.put("bestEpoch", best > 0 ? best : null);
        Optional<EpochRecord> atBest = best > 0 && best <= epochs.size() ? Optional.of(epochs.get(best - 1))
                : Optional.empty();
        m.put("bestValAccuracy", atBest.map(e -> number(e.valAccuracy())).orElse(null));
        m.put("bestValLoss", atBest.map(e -> number(e.valLoss())).orElse(null));
        Optional<EpochRecord> last = epochs.isEmpty() ? Optional.empty() : Optional.of(epochs.get(epochs.size() - 1));
        m.put("lastTrainLoss", last.map(e -> number(e.trainLoss())).orElse(null));
        m.put("lastValLoss", last.map(e -> number(e.valLoss())).orElse(null));
        m.put("lastGap", last.map(e -> number(e.valLoss() - e.trainLoss())).orElse(null));
        m.put("testAccuracy", metrics.flatMap(x -> x.testAccuracy().isPresent()
                ? Optional.of(x.testAccuracy().getAsDouble()) : Optional.empty()).orElse(null));
        m.put("seconds", metrics.map(x -> number(x.seconds())).orElse(null));
        m.put("regularization", run.regularization().stream().map(s -> Map.of("name", s.name(), "value",
                s.value())).toList());
        m.put("sessions", run.sessions());
        m.put("notes", run.notes());
        return m;
    }

    private static Map<String, Object> epoch(EpochRecord e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", e.epoch());
        m.put("train_loss", number(e.trainLoss()));
        m.put("val_loss", number(e.valLoss()));
        m.put("val_accuracy", number(e.valAccuracy()));
        m.put("lr", number(e.learningRate()));
        m.put("seconds", number(e.seconds()));
        m.put("images_per_s", number(e.imagesPerSecond()));
        return m;
    }

    private static Double number(double x) {
        return Double.isFinite(x) ? x : null;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the pages' JSON cannot be written: " + e.getMessage(), e);
        }
    }
}
