package dev.regzoo.cli.options;

import static dev.regzoo.cli.options.RecipeOverrides.or;
import static dev.regzoo.cli.options.RecipeOverrides.parsedOr;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.StoppingSpec;
import picocli.CommandLine.Option;

/** The Stopping group: early stopping and the epoch and time limits. */
public class StoppingOptions implements RecipeOverrides {

    @Option(names = "--epochs", paramLabel = "N", description = "Maximum epochs.")
    private Integer epochs;
    @Option(names = "--patience", paramLabel = "N", description = "Early stopping: epochs without improvement before "
            + "stopping.")
    private Integer patience;
    @Option(names = "--min-delta", description = "Early stopping: smallest change that counts as improvement.")
    private Double minDelta;
    @Option(names = "--monitor", description = "val_loss (minimized) or val_accuracy (maximized).")
    private String monitor;
    @Option(names = "--max-minutes", description = "Stop after this many minutes (0 = no limit).")
    private Double maxMinutes;

    @Override
    public void applyTo(Recipe base, Recipe.Builder recipe) {
        StoppingSpec t = base.stopping();
        recipe.stopping(new StoppingSpec(parsedOr(monitor, StoppingSpec.Monitor::parse, t.monitor()),
                or(patience, t.patience()), or(minDelta, t.minDelta()), or(epochs, t.maxEpochs()),
                or(maxMinutes, t.maxMinutes())));
    }
}
