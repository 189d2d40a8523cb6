package dev.regzoo.train;

import dev.regzoo.recipes.Recipe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * What a run leaves for people: {@code metrics.json} (per epoch and final), {@code report.md} and {@code curves.png}
 * (train vs validation loss and accuracy with the best epoch marked, drawn with XChart).
 *
 * @param recipe      the resolved recipe
 * @param epochs      per-epoch records
 * @param bestEpoch   the epoch of the best model (from 1), or 0 if none was saved
 * @param bestScore   the monitored validation score of that epoch
 * @param termination why training stopped
 * @param test        the best model on the test set, if there is one
 * @param seconds     wall time of the whole run (a resumed run's counts its earlier sessions' epochs)
 */
public record RunReport(Recipe recipe, List<EpochRecord> epochs, int bestEpoch, double bestScore, String termination,
                        Optional<TestReport> test, double seconds) {

    /** Writes {@code metrics.json}; during training with an empty test part. */
    void writeMetrics(RunFolder folder) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recipe", recipe.name());
        m.put("monitor", recipe.stopping().monitor().name().toLowerCase(Locale.ROOT));
        m.put("best_epoch", bestEpoch);
        m.put("best_score", bestScore);
        m.put("termination", termination);
        m.put("seconds", seconds);
        m.put("epochs", epochs.stream().map(RunReport::row).toList());
        test.ifPresent(t -> {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("accuracy", t.accuracy());
            tm.put("images", t.images());
            tm.put("per_class", t.perClass());
            tm.put("confusion_matrix", t.confusionMatrix());
            m.put("test", tm);
        });
        folder.writeJson(RunMetrics.FILE, m);
    }

    private static Map<String, Object> row(EpochRecord r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("epoch", r.epoch());
        row.put("train_loss", r.trainLoss());
        row.put("val_loss", r.valLoss());
        row.put("val_accuracy", r.valAccuracy());
        row.put("lr", r.learningRate());
        row.put("seconds", r.seconds());
        row.put("images_per_s", r.imagesPerSecond());
        return row;
    }

    /** Writes {@code report.md}, {@code curves.png} and the final {@code metrics.json}. */
    public void writeAll(RunFolder folder) {
        writeMetrics(folder);
        folder.writeText("report.md", markdown());
        if (!epochs.isEmpty()) {
            folder.write("curves.png", curves());
        }
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(recipe.name()).append("\n\n").append(recipe.description()).append("\n\n");
        md.append(String.format(Locale.ROOT, "- Stopped: %s after %d epochs (%.0f s)%n", termination, epochs.size(),
                seconds));
        md.append(String.format(Locale.ROOT, "- Best epoch: %d (%s %.4f); that model is the one saved as "
                + "`bestModel.zip` and evaluated%n", bestEpoch, recipe.stopping().monitor().name().toLowerCase(
                Locale.ROOT), bestScore));
        test.ifPresent(t -> md.append(String.format(Locale.ROOT, "- **Test accuracy: %.2f%%** on %d images%n",
                100 * t.accuracy(), t.images())));
        md.append("\n| epoch | train loss | val loss | val accuracy | lr | seconds |\n|---|---|---|---|---|---|\n");
        for (EpochRecord r : epochs) {
            md.append(String.format(Locale.ROOT, "| %d%s | %.4f | %.4f | %.4f | %.5f | %.1f |%n", r.epoch(),
                    r.epoch() == bestEpoch ? " (best)" : "", r.trainLoss(), r.valLoss(), r.valAccuracy(),
                    r.learningRate(), r.seconds()));
        }
        test.ifPresent(t -> {
            md.append("\n| class | precision | recall | F1 |\n|---|---|---|---|\n");
            for (int c = 0; c < t.classes().size(); c++) {
                md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f |%n", t.classes().get(c),
                        t.precision()[c], t.recall()[c], t.f1()[c]));
            }
        });
        md.append("\nFiles: `recipe.json` (the resolved recipe), `metrics.json`, `curves.png`, `bestModel.zip` and ")
                .append("`latestModel.zip` (DL4J models with their normalizer).\n");
        return md.toString();
    }

    private byte[] curves() {
        double[] x = epochs.stream().mapToDouble(EpochRecord::epoch).toArray();
        XYChart loss = chart("Loss", "loss");
        loss.addSeries("train", x, epochs.stream().mapToDouble(EpochRecord::trainLoss).toArray());
        loss.addSeries("validation", x, epochs.stream().mapToDouble(EpochRecord::valLoss).toArray());
        XYChart accuracy = chart("Validation accuracy", "accuracy");
        accuracy.addSeries("validation", x, epochs.stream().mapToDouble(EpochRecord::valAccuracy).toArray());
        if (bestEpoch > 0) {
            markBest(loss);
            markBest(accuracy);
        }
        try {
            java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(List.of(loss, accuracy), 1, 2, png, BitmapEncoder.BitmapFormat.PNG);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(560).height(400).title(title).xAxisTitle("epoch")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setMarkerSize(5);
        return chart;
    }

    private void markBest(XYChart chart) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (double y : s.getYData()) {
                if (Double.isFinite(y)) {
                    min = Math.min(min, y);
                    max = Math.max(max, y);
                }
            }
        }
        XYSeries best = chart.addSeries("best epoch " + bestEpoch, new double[] {bestEpoch, bestEpoch},
                new double[] {min, max});
        best.setMarker(SeriesMarkers.NONE);
        best.setLineColor(java.awt.Color.GRAY);
    }
}
