package dev.regzoo.cli.options;

import static dev.regzoo.cli.options.RecipeOverrides.ifGiven;

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
        recipe.stopping(s -> {
            ifGiven(monitor, name -> s.monitor(StoppingSpec.Monitor.parse(name)));
            ifGiven(patience, s::patience);
            ifGiven(minDelta, s::minDelta);
            ifGiven(epochs, s::maxEpochs);
            ifGiven(maxMinutes, s::maxMinutes);
            return s;
        });
    }
}
