package dev.regzoo.train.tune;

import dev.regzoo.recipes.Recipe;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a study found: every trial, the best one and its recipe, the compute it took and the study folder holding it
 * all.
 */
public final class TuningResult {

    private final Path folder;
    private final Search search;
    private final List<Trial> trials;
    private final double seconds;

    TuningResult(Path folder, Search search, List<Trial> trials, double seconds) {
        this.folder = folder;
        this.search = search;
        this.trials = List.copyOf(trials);
        this.seconds = seconds;
    }

    /** The study folder. */
    public Path folder() {
        return folder;
    }

    /** The search, as the study ran it. */
    public Search search() {
        return search;
    }

    /** Every trial, by id. */
    public List<Trial> trials() {
        return trials;
    }

    /** The trial with the best validation accuracy, unless no trial trained an epoch. */
    public Optional<Trial> best() {
        return StudyFiles.best(trials);
    }

    /**
     * The best trial's recipe, as {@code best-recipe.json} holds it.
     *
     * @throws IllegalStateException when no trial trained an epoch
     */
    public Recipe bestRecipe() {
        return TuneReport.bestRecipe(search, best().orElseThrow(() -> new IllegalStateException(
                "no trial trained an epoch: see " + folder.resolve(TuneReport.REPORT))));
    }

    /** {@code trial}'s values as {@code name=value, …}, named as the space names its fields. */
    public String values(Trial trial) {
        return StudyFiles.values(search, trial);
    }

    /** Epochs trained by all trials. */
    public int epochs() {
        return trials.stream().mapToInt(Trial::epochs).sum();
    }

    /** Epochs had every trial trained to the maximum. */
    public int epochsIfUnstopped() {
        return trials.size() * search.maxEpochs();
    }

    /** Wall time of the study, over all the processes that ran it. */
    public double seconds() {
        return seconds;
    }
}
