package dev.regzoo.train;

import dev.regzoo.data.labels.SoftLabelSpec;
import dev.regzoo.recipes.EmaSpec;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.zoo.RegularizationSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * What a run leaves for people: {@code metrics.json} (per epoch and final), {@code report.md} (with the regularizers
 * that were on) and {@code curves.png} (train vs validation loss and accuracy with the best epoch marked, drawn with
 * XChart).
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

    /** Whether the losses above include a penalty: DL4J's score adds L1/L2 terms, never decoupled weight decay. */
    private String lossNote() {
        RegularizationSpec reg = recipe.regularization();
        return reg.l1() > 0 || reg.l2() > 0
                ? "Train and validation losses include the L1/L2 penalty (DL4J's score); weight decay is not in them."
                : "Losses are the cross-entropy alone: no L1/L2 penalty in this recipe (nor weight decay, ever).";
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(recipe.name()).append("\n\n").append(recipe.description()).append("\n\n");
        md.append("- Augmentation: `").append(recipe.augmentation()).append("`\n");
        md.append("- Regularization: ").append(recipe.regularization().describe()).append('\n');
        md.append(String.format(Locale.ROOT, "- Stopped: %s after %d epochs (%.0f s)%n", termination, epochs.size(),
                seconds));
        md.append(String.format(Locale.ROOT, "- Best epoch: %d (%s %.4f); that model is the one saved as "
                + "`bestModel.zip` and evaluated%n", bestEpoch, recipe.stopping().monitor().name().toLowerCase(
                Locale.ROOT), bestScore));
        test.ifPresent(t -> md.append(String.format(Locale.ROOT, "- **Test accuracy: %.2f%%** on %d images%n",
                100 * t.accuracy(), t.images())));
        softLabels().ifPresent(line -> md.append("- ").append(line).append('\n'));
        ema().ifPresent(line -> md.append("- ").append(line).append('\n'));
        md.append("\n| epoch | train loss | val loss | val accuracy | lr | seconds |\n|---|---|---|---|---|---|\n");
        for (EpochRecord r : epochs) {
            md.append(String.format(Locale.ROOT, "| %d%s | %.4f | %.4f | %.4f | %.5f | %.1f |%n", r.epoch(),
                    r.epoch() == bestEpoch ? " (best)" : "", r.trainLoss(), r.valLoss(), r.valAccuracy(),
                    r.learningRate(), r.seconds()));
        }
        md.append("\n").append(lossNote()).append("\n");
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

    /** What the recipe's soft labels did to the training batches, when they did anything. */
    private Optional<String> softLabels() {
        SoftLabelSpec l = recipe.softLabels();
        if (!l.enabled()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        if (l.smoothing() > 0) {
            parts.add("label smoothing " + l.smoothing());
        }
        if (l.mixup() > 0) {
            parts.add("mixup α " + l.mixup());
        }
        if (l.cutmix() > 0) {
            parts.add("CutMix α " + l.cutmix());
        }
        String mixed = !l.mixing() ? "" : " (" + l.mixProbability() + " of the batches mixed"
                + (l.mixup() > 0 && l.cutmix() > 0 ? ", CutMix in " + l.switchProbability() + " of them)" : ")");
        return Optional.of("Soft training labels: " + String.join(", ", parts) + mixed
                + "; validation and test losses use the hard labels");
    }

    /** That the EMA of the weights was validated and saved, when it was on. */
    private Optional<String> ema() {
        EmaSpec e = recipe.ema();
        return e.enabled() ? Optional.of(String.format(Locale.ROOT, "EMA of the weights (decay %s, warm-up %d): "
                + "the averaged weights were validated, and are the ones in `bestModel.zip`; `latestEma.zip` holds the "
                + "latest average, which `--resume` continues", e.decay(), e.warmup())) : Optional.empty();
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
        return Charts.png(List.of(loss, accuracy));
    }

    private static XYChart chart(String title, String yTitle) {
        return Charts.xy(title, "epoch", yTitle, 560, 400);
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
