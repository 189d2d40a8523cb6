package dev.regzoo.train.tune;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.RecipeFiles;
import dev.regzoo.train.RunFolder;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * What a study folder keeps of its search, rewritten (atomically) after every change, so that a search killed at any
 * moment continues from it: {@value #BASE_RECIPE} (the recipe trials start from), {@value #SPACE} (the space, as a
 * space file), {@value #STUDY} (the settings and every trial's state) and {@value #TRIALS} (the trials as a table).
 */
final class StudyFiles {

    static final String STUDY = TrialCluster.STUDY_FILE;
    static final String TRIALS = "trials.tsv";
    static final String BASE_RECIPE = "base-recipe.json";
    static final String SPACE = "space.json";

    private StudyFiles() {
    }

    /**
     * The settings and state of a study, as {@value #STUDY} holds them.
     *
     * @param search   the search's settings
     * @param status   {@code running} or {@code finished}
     * @param seconds  wall time of the search so far, over all its sessions
     * @param epochs   epochs trained by all trials
     * @param epochsIfUnstopped epochs had every trial trained to the maximum
     * @param best     the trial with the best validation accuracy, or null before the first epoch
     * @param trials   every trial, pending ones included
     */
    record Study(@JsonProperty("search") Settings search, @JsonProperty("status") String status,
                 @JsonProperty("seconds") double seconds, @JsonProperty("epochs") int epochs,
                 @JsonProperty("epochsIfUnstopped") int epochsIfUnstopped, @JsonProperty("best") Integer best,
                 @JsonProperty("trials") List<Trial> trials) {
    }

    /** A {@link Search}'s settings beside its recipe and space. */
    record Settings(@JsonProperty("sampler") String sampler, @JsonProperty("trials") int trials,
                    @JsonProperty("gridPoints") int gridPoints, @JsonProperty("scheduler") String scheduler,
                    @JsonProperty("minEpochs") int minEpochs, @JsonProperty("eta") int eta,
                    @JsonProperty("maxEpochs") int maxEpochs, @JsonProperty("seed") long seed,
                    @JsonProperty("rungs") List<Integer> rungs) {

        static Settings of(Search s) {
            return new Settings(s.sampler().id(), s.trials(), s.gridPoints(), s.scheduler().id(), s.minEpochs(),
                    s.eta(), s.maxEpochs(), s.seed(), s.rungs());
        }

        Search search(Recipe recipe, SearchSpace space) {
            return Search.builder(recipe, space).sampler(Sampler.parse(sampler)).trials(trials).gridPoints(gridPoints)
                    .scheduler(Scheduler.parse(scheduler)).minEpochs(minEpochs).eta(eta).maxEpochs(maxEpochs)
                    .seed(seed).build();
        }
    }

    /** Starts a study: its recipe and space, beside which {@link #save} keeps its state. */
    static void begin(RunFolder folder, Search search) {
        RecipeFiles.write(search.recipe(), folder.dir().resolve(BASE_RECIPE));
        folder.writeText(SPACE, search.space().toJson() + System.lineSeparator());
    }

    /** Whether {@code folder} holds a study. */
    static boolean exists(RunFolder folder) {
        return Files.isRegularFile(folder.dir().resolve(STUDY));
    }

    /**
     * The study kept in {@code folder}.
     *
     * @throws IllegalArgumentException naming the folder when it holds no study or a damaged one
     */
    static Study read(RunFolder folder) {
        return folder.readJson(STUDY, Study.class).orElseThrow(() -> new IllegalArgumentException(folder.dir()
                + ": not a regzoo tune study folder (no " + STUDY + ")"));
    }

    /** The search of the study kept in {@code folder}, from its recipe, space and settings. */
    static Search search(RunFolder folder, Study study) {
        Recipe recipe = RecipeFiles.read(folder.dir().resolve(BASE_RECIPE));
        SearchSpace space = SearchSpace.parse(recipe, List.of(folder.dir().resolve(SPACE).toString()));
        return study.search().search(recipe, space);
    }

    /** Writes the study's state: {@value #STUDY} and {@value #TRIALS}. */
    static void save(RunFolder folder, Search search, List<Trial> trials, double seconds, boolean finished) {
        int epochs = trials.stream().mapToInt(Trial::epochs).sum();
        Integer best = best(trials).map(Trial::id).orElse(null);
        folder.writeJson(STUDY, new Study(Settings.of(search), finished ? "finished" : "running", seconds, epochs,
                trials.size() * search.maxEpochs(), best, trials));
        folder.writeText(TRIALS, table(search, trials));
    }

    /** The trial with the best validation accuracy, the earlier one of a tie. */
    static Optional<Trial> best(List<Trial> trials) {
        Trial best = null;
        for (Trial t : trials) {
            if (!Double.isNaN(t.bestAccuracy()) && (best == null || t.bestAccuracy() > best.bestAccuracy())) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The trials as tab-separated values: one row each, the space's fields as columns. */
    static String table(Search search, List<Trial> trials) {
        List<Dimension> dims = search.space().dimensions();
        StringBuilder tsv = new StringBuilder("trial");
        dims.forEach(d -> tsv.append('\t').append(d.name()));
        tsv.append("\tstate\trung_epochs\tepochs\tbest_val_accuracy\taccuracy_at_rungs\tseconds\tnote\n");
        for (Trial t : trials) {
            tsv.append(t.id());
            dims.forEach(d -> tsv.append('\t').append(text(t.values().get(d.path()))));
            tsv.append('\t').append(t.state().id())
                    .append('\t').append(t.rung() < 0 ? "" : search.rungs().get(t.rung()))
                    .append('\t').append(t.epochs())
                    .append('\t').append(Double.isNaN(t.bestAccuracy()) ? "" : format(t.bestAccuracy()))
                    .append('\t').append(t.rungAccuracy().stream().map(StudyFiles::format)
                            .collect(Collectors.joining(",")))
                    .append('\t').append(String.format(Locale.ROOT, "%.1f", t.seconds()))
                    .append('\t').append(t.note().replace('\t', ' ').replace('\n', ' ')).append('\n');
        }
        return tsv.toString();
    }

    /** A trial's values as {@code name=value, …}. */
    static String values(Search search, Trial trial) {
        return search.space().dimensions().stream()
                .map(d -> d.name() + "=" + text(trial.values().get(d.path())))
                .collect(Collectors.joining(", "));
    }

    /** A value as the tables show it: a number in short form, a name without quotes. */
    static String text(JsonNode value) {
        if (value == null) {
            return "";
        }
        if (value.isFloatingPointNumber()) {
            return BigDecimal.valueOf(value.doubleValue()).round(new MathContext(4)).stripTrailingZeros()
                    .toPlainString();
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }

    private static String format(double accuracy) {
        return String.format(Locale.ROOT, "%.4f", accuracy);
    }
}
