package dev.regzoo.train.tune;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.RecipeFiles;
import dev.regzoo.train.Charts;
import dev.regzoo.train.RunFolder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * What a study leaves for people: {@value #REPORT} (the settings, the best trial, the compute against training every
 * trial to the end, and every trial ranked), {@value #BEST_RECIPE} (the best trial's recipe, for
 * {@code regzoo train --recipe}) and charts drawn with XChart: {@value #HYPERPARAMETERS} (the metric against each
 * hyperparameter), {@value #CURVES} (every trial's validation accuracy by epoch) and {@value #PROMOTIONS} (each
 * trial's accuracy at the rungs it reached).
 */
final class TuneReport {

    static final String REPORT = "report.md";
    static final String BEST_RECIPE = "best-recipe.json";
    static final String HYPERPARAMETERS = "hyperparameters.png";
    static final String CURVES = "curves.png";
    static final String PROMOTIONS = "promotions.png";

    private TuneReport() {
    }

    /** Writes the report, the charts and, once a trial has an epoch, the best recipe. */
    static void write(RunFolder folder, Search search, List<Trial> trials, double seconds) {
        Optional<Trial> best = StudyFiles.best(trials);
        best.ifPresent(b -> RecipeFiles.write(bestRecipe(search, b), folder.dir().resolve(BEST_RECIPE)));
        folder.writeText(REPORT, markdown(search, trials, seconds));
        if (best.isPresent()) {
            folder.write(HYPERPARAMETERS, Charts.png(hyperparameters(search, trials)));
            folder.write(CURVES, Charts.png(List.of(curves(trials))));
        }
        if (trials.stream().anyMatch(t -> t.rung() >= 0)) {
            folder.write(PROMOTIONS, Charts.png(List.of(promotions(search, trials))));
        }
    }

    /** The best trial's recipe, its description saying where it comes from. */
    static Recipe bestRecipe(Search search, Trial best) {
        Recipe recipe = search.recipeOf(best.values());
        return recipe.toBuilder().description(recipe.description() + " (tuned by regzoo tune: trial " + best.id()
                + ", " + StudyFiles.values(search, best) + ")").build();
    }

    static String markdown(Search search, List<Trial> trials, double seconds) {
        Recipe r = search.recipe();
        List<Integer> rungs = search.rungs();
        StringBuilder md = new StringBuilder("# Hyperparameter search: ").append(r.name()).append("\n\n");
        md.append(String.format(Locale.ROOT, "%d %s trials of %s over %s. %s. Every trial: %s images (%s), batch %d, "
                        + "up to %d epochs (the learning-rate schedule spans them), seed %d; judged by its best "
                        + "validation accuracy.%n%n",
                trials.size(), search.sampler().id(), r.name(), search.space().dimensions().stream()
                        .map(d -> d.name() + " " + d.distribution()).collect(Collectors.joining(", ")),
                search.scheduler() == Scheduler.ASHA ? String.format(Locale.ROOT, "ASHA: trials pause at %s epochs "
                        + "and the best 1/%d of each rung continue", rungs, search.eta())
                        : "No early stopping of trials (scheduler none)",
                r.trainLimit() > 0 ? "a stratified subset of " + r.trainLimit() : "all", r.dataset(),
                r.batchSize(), search.maxEpochs(), r.seed()));
        int epochs = trials.stream().mapToInt(Trial::epochs).sum();
        int unstopped = trials.size() * search.maxEpochs();
        StudyFiles.best(trials).ifPresent(b -> md.append(String.format(Locale.ROOT, "- **Best: trial %d, "
                        + "validation accuracy %.4f** after %d epochs: %s. Its recipe is `%s`: `regzoo train "
                        + "--recipe %s`.%n", b.id(), b.bestAccuracy(), b.epochs(), StudyFiles.values(search, b),
                BEST_RECIPE, BEST_RECIPE)));
        md.append(String.format(Locale.ROOT, "- Compute: %d epochs trained, against %d for every trial to %d epochs "
                + "(%.0f%%).%n", epochs, unstopped, search.maxEpochs(), 100.0 * epochs / unstopped));
        md.append(String.format(Locale.ROOT, "- Wall time: %.0f s. Trials: %s.%n%n", seconds, states(trials, rungs)));
        md.append("| rank | trial |");
        search.space().dimensions().forEach(d -> md.append(' ').append(d.name()).append(" |"));
        md.append(" state | epochs | best val acc | accuracy at rungs ").append(rungs)
                .append(" | seconds |\n|---|---|");
        search.space().dimensions().forEach(d -> md.append("---|"));
        md.append("---|---|---|---|---|\n");
        List<Trial> ranked = trials.stream().sorted(Comparator.comparingDouble((Trial t) -> Double.isNaN(
                t.bestAccuracy()) ? Double.NEGATIVE_INFINITY : t.bestAccuracy()).reversed()).toList();
        for (int i = 0; i < ranked.size(); i++) {
            Trial t = ranked.get(i);
            md.append("| ").append(i + 1).append(" | ").append(t.id()).append(" |");
            search.space().dimensions().forEach(d -> md.append(' ').append(StudyFiles.text(t.values().get(d.path())))
                    .append(" |"));
            md.append(' ').append(t.state().id()).append(t.note().isEmpty() ? "" : " (" + t.note() + ")")
                    .append(" | ").append(t.epochs())
                    .append(" | ").append(Double.isNaN(t.bestAccuracy()) ? "" : String.format(Locale.ROOT, "%.4f",
                            t.bestAccuracy()))
                    .append(" | ").append(t.rungAccuracy().stream().map(a -> String.format(Locale.ROOT, "%.4f", a))
                            .collect(Collectors.joining(", ")))
                    .append(String.format(Locale.ROOT, " | %.0f |%n", t.seconds()));
        }
        md.append("\n![best validation accuracy against each hyperparameter](").append(HYPERPARAMETERS).append(")\n\n")
                .append("![validation accuracy of every trial by epoch](").append(CURVES).append(")\n\n")
                .append("![accuracy at each rung: the lines are promotions](").append(PROMOTIONS).append(")\n\n")
                .append("Each trial's run folder (`trial-NNN/`: recipe.json, metrics.json, report.md, curves, "
                        + "checkpoints, trial.log) is beside this file; `study.json` and `trials.tsv` hold every "
                        + "trial's values, state, epochs and accuracies.\n");
        return md.toString();
    }

    private static String states(List<Trial> trials, List<Integer> rungs) {
        List<String> parts = new ArrayList<>();
        for (Trial.State state : Trial.State.values()) {
            List<Trial> in = trials.stream().filter(t -> t.state() == state).toList();
            if (in.isEmpty()) {
                continue;
            }
            String where = state == Trial.State.PRUNED || state == Trial.State.PAUSED ? " (" + in.stream()
                    .collect(Collectors.groupingBy(t -> rungs.get(t.rung()), TreeMap::new, Collectors.counting()))
                    .entrySet().stream().map(e -> e.getValue() + " at " + epochs(e.getKey()))
                    .collect(Collectors.joining(", ")) + ")" : "";
            parts.add(in.size() + " " + state.id() + where);
        }
        return String.join(", ", parts);
    }

    /** {@code n epoch} or {@code n epochs}. */
    static String epochs(int n) {
        return n + (n == 1 ? " epoch" : " epochs");
    }

    /** One chart per hyperparameter: each trial's best accuracy at its value, a series per epochs reached. */
    private static List<XYChart> hyperparameters(Search search, List<Trial> trials) {
        List<XYChart> charts = new ArrayList<>();
        for (Dimension d : search.space().dimensions()) {
            XYChart chart = Charts.xy(d.name(), d.path(), "best validation accuracy", 520, 380);
            chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            chart.getStyler().setXAxisLogarithmic(d.distribution().logarithmic());
            List<JsonNode> choices = d.distribution() instanceof Distribution.Choice c ? c.values() : List.of();
            if (!choices.isEmpty()) {
                chart.setCustomXAxisTickLabelsFormatter(x -> {
                    int i = (int) Math.round(x);
                    return Math.abs(x - i) < 1e-6 && i >= 0 && i < choices.size() ? StudyFiles.text(choices.get(i))
                            : "";
                });
            }
            Map<Integer, List<Trial>> byEpochs = trials.stream().filter(t -> !Double.isNaN(t.bestAccuracy()))
                    .collect(Collectors.groupingBy(Trial::epochs, TreeMap::new, Collectors.toList()));
            byEpochs.forEach((reached, group) -> chart.addSeries(epochs(reached),
                    group.stream().mapToDouble(t -> position(t.values().get(d.path()), choices)).toArray(),
                    group.stream().mapToDouble(Trial::bestAccuracy).toArray()));
            charts.add(chart);
        }
        return charts;
    }

    /** Where a value sits on its chart's x axis: the number, or a choice's index. */
    private static double position(JsonNode value, List<JsonNode> choices) {
        return choices.isEmpty() ? value.doubleValue() : choices.indexOf(value);
    }

    private static XYChart curves(List<Trial> trials) {
        XYChart chart = Charts.xy("Validation accuracy of every trial by epoch", "epoch", "validation accuracy",
                900, 560);
        chart.getStyler().setLegendVisible(trials.size() <= 12);
        for (Trial t : trials) {
            if (t.epochs() > 0) {
                chart.addSeries("trial " + t.id(), IntStream.rangeClosed(1, t.epochs()).asDoubleStream().toArray(),
                        t.valAccuracy().stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        return chart;
    }

    private static XYChart promotions(Search search, List<Trial> trials) {
        XYChart chart = Charts.xy("Accuracy at each rung (a line joins a trial's rungs: a promotion)", "epochs",
                "best validation accuracy so far", 900, 560);
        chart.getStyler().setLegendVisible(trials.size() <= 12);
        List<Integer> rungs = search.rungs();
        for (Trial t : trials) {
            if (t.rung() >= 0) {
                chart.addSeries("trial " + t.id(), IntStream.rangeClosed(0, t.rung()).mapToDouble(rungs::get)
                        .toArray(), t.rungAccuracy().stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        return chart;
    }
}
