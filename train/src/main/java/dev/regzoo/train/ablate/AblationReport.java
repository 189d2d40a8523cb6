package dev.regzoo.train.ablate;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.train.Charts;
import dev.regzoo.train.RunFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A study's comparison: {@code ablation.md} (one row per arm, mean ± standard deviation over seeds),
 * {@code ablation.png} (drawn with XChart: validation accuracy by epoch of every arm, and beside it each arm's test
 * accuracy, mean with a ± standard deviation bar) and
 * {@code ablation.json} (every result). Rewritten after each finished run, so a running study can be watched; a
 * diverged run is a row that says so, and the chart waits for a run that did not diverge.
 */
final class AblationReport {

    private static final String EMA_NOTE = " (its averaged weights when it trains with an EMA)";

    private AblationReport() {
    }

    static void write(RunFolder folder, Study study, List<VariantResult> results) {
        folder.writeJson("ablation.json", results);
        folder.writeText("ablation.md", markdown(study, results));
        chart(study, results).ifPresent(png -> folder.write("ablation.png", png));
    }

    static String markdown(Study study, List<VariantResult> results) {
        Recipe r = study.recipe();
        StringBuilder md = new StringBuilder();
        md.append(study.design() == Study.Design.LEAVE_ONE_OUT ? "# Leave-one-out study: " : "# Regularization study: ")
                .append(r.name()).append("\n\n");
        md.append(String.format(Locale.ROOT, "%s images (%s), up to %d epochs, batch %d, %s lr %s with a %s "
                        + "schedule, %d seed%s from %d.%n%n",
                r.trainLimit() > 0 ? "A stratified subset of " + r.trainLimit() : "All", r.dataset(),
                r.stopping().maxEpochs(), r.batchSize(), r.optimizer().kind().name().toLowerCase(Locale.ROOT),
                r.optimizer().learningRate(), r.schedule().kind().name().toLowerCase(Locale.ROOT), study.seeds(),
                study.seeds() > 1 ? "s" : "", r.seed()));
        String monitor = r.stopping().monitor().name().toLowerCase(Locale.ROOT);
        md.append(study.design() == Study.Design.LEAVE_ONE_OUT
                ? "Each arm is the recipe as it is, or without the one regularizer named. Accuracies in %; arms are "
                        + "judged by their best epoch's model (monitor " + monitor + "), as the recipe ships it, the "
                        + "one without early stopping by its last epoch's" + EMA_NOTE + ".\n\n"
                : "Each variant is the recipe with every regularizer off plus the one named. Accuracies in %; "
                        + "variants without early stopping are judged by their last epoch's model" + EMA_NOTE
                        + ", those with it by the best epoch's (monitor " + monitor + ", patience "
                        + r.stopping().patience() + ").\n\n");
        Optional<Arm> reference = study.reference();
        List<VariantResult> base = reference.map(a -> of(results, a)).orElse(List.of());
        md.append("| ").append(study.design() == Study.Design.LEAVE_ONE_OUT ? "arm" : "variant")
                .append(" | best val acc | test acc | Δ test vs ")
                .append(reference.map(Arm::label).orElse("none"))
                .append(" | train acc | train–test gap | epochs | wall time (s) |\n|---|---|---|---|---|---|---|---|\n");
        for (Arm arm : study.arms()) {
            List<VariantResult> rows = of(results, arm);
            if (rows.isEmpty()) {
                md.append("| ").append(arm.label()).append(" | not run yet | | | | | | |\n");
                continue;
            }
            md.append("| ").append(arm.label())
                    .append(" | ").append(percent(rows, VariantResult::bestValAccuracy))
                    .append(" | ").append(percent(rows, VariantResult::testAccuracy))
                    .append(" | ").append(base.isEmpty() || reference.get().equals(arm) ? "" : String.format(
                            Locale.ROOT, "%+.2f", 100 * (mean(rows, VariantResult::testAccuracy)
                                    - mean(base, VariantResult::testAccuracy))))
                    .append(" | ").append(percent(rows, VariantResult::trainAccuracy))
                    .append(" | ").append(percent(rows, VariantResult::gap))
                    .append(" | ").append(format(rows, VariantResult::epochs, "%.1f"))
                    .append(" | ").append(format(rows, VariantResult::seconds, "%.0f")).append(" |\n");
        }
        md.append("\nThe arms' run folders (recipe, curves, models) are beside this file; `ablation.png` plots "
                + "their validation accuracy by epoch and their test accuracy.\n");
        return md.toString();
    }

    /** The panels that have something to show; none while every finished arm has diverged. */
    private static Optional<byte[]> chart(Study study, List<VariantResult> results) {
        List<Chart<?, ?>> panels = Stream.<Chart<?, ?>>of(validationByEpoch(study, results),
                testAccuracyByArm(study, results)).filter(c -> !c.getSeriesMap().isEmpty()).toList();
        return panels.isEmpty() ? Optional.empty() : Optional.of(Charts.png(panels));
    }

    private static XYChart validationByEpoch(Study study, List<VariantResult> results) {
        XYChart chart = Charts.xy("Validation accuracy by epoch: " + study.recipe().name(), "epoch",
                "validation accuracy", 900, 560);
        chart.getStyler().setMarkerSize(4);
        for (Arm arm : study.arms()) {
            List<VariantResult> rows = of(results, arm);
            int epochs = rows.stream().mapToInt(r -> r.valAccuracyByEpoch().size()).min().orElse(0);
            if (epochs == 0) {
                continue;
            }
            double[] x = IntStream.rangeClosed(1, epochs).asDoubleStream().toArray();
            double[] y = IntStream.range(0, epochs).mapToDouble(e -> rows.stream()
                    .mapToDouble(r -> r.valAccuracyByEpoch().get(e)).average().orElse(Double.NaN)).toArray();
            chart.addSeries(arm.label(), x, y);
        }
        return chart;
    }

    /**
     * Each finished arm's test accuracy in %, mean over seeds with the standard deviation as its error bar; arms not
     * run yet or diverged are left out. The axis starts just below the lowest bar, so that differences of a point
     * show.
     */
    static CategoryChart testAccuracyByArm(Study study, List<VariantResult> results) {
        CategoryChart chart = Charts.bars(String.format(Locale.ROOT, "Test accuracy: %s, mean ± std over %d seed%s",
                study.recipe().name(), study.seeds(), study.seeds() > 1 ? "s" : ""), "test accuracy (%)", 900, 560);
        List<String> arms = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        List<Double> deviations = new ArrayList<>();
        for (Arm arm : study.arms()) {
            List<VariantResult> rows = of(results, arm);
            if (!rows.isEmpty() && rows.stream().noneMatch(r -> Double.isNaN(r.testAccuracy()))) {
                arms.add(arm.label());
                means.add(100 * mean(rows, VariantResult::testAccuracy));
                deviations.add(100 * deviation(rows, VariantResult::testAccuracy));
            }
        }
        if (!arms.isEmpty()) {
            chart.addSeries("test accuracy", arms, means, deviations);
            chart.getStyler().setYAxisMin(Math.floor(IntStream.range(0, means.size())
                    .mapToDouble(i -> means.get(i) - deviations.get(i)).min().orElseThrow() - 1));
        }
        return chart;
    }

    private static List<VariantResult> of(List<VariantResult> results, Arm arm) {
        return results.stream().filter(r -> r.variant().equals(arm.id())).toList();
    }

    private static String percent(List<VariantResult> rows, ToDoubleFunction<VariantResult> value) {
        if (rows.stream().mapToDouble(value).anyMatch(Double::isNaN)) {
            return "diverged";
        }
        return format(rows, r -> 100 * value.applyAsDouble(r), "%.2f");
    }

    /** Mean, and ± the sample standard deviation when there is more than one seed. */
    private static String format(List<VariantResult> rows, ToDoubleFunction<VariantResult> value, String pattern) {
        double mean = mean(rows, value);
        if (rows.size() == 1) {
            return String.format(Locale.ROOT, pattern, mean);
        }
        return String.format(Locale.ROOT, pattern + " ± " + pattern, mean, deviation(rows, value));
    }

    /** The sample standard deviation; 0 for one seed. */
    private static double deviation(List<VariantResult> rows, ToDoubleFunction<VariantResult> value) {
        if (rows.size() < 2) {
            return 0;
        }
        double mean = mean(rows, value);
        return Math.sqrt(rows.stream().mapToDouble(r -> Math.pow(value.applyAsDouble(r) - mean, 2)).sum()
                / (rows.size() - 1));
    }

    private static double mean(List<VariantResult> rows, ToDoubleFunction<VariantResult> value) {
        return rows.stream().mapToDouble(value).average().orElse(Double.NaN);
    }
}
