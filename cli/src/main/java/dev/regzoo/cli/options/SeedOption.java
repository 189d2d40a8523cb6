package dev.regzoo.cli.options;

import static dev.regzoo.cli.options.RecipeOverrides.ifGiven;

import dev.regzoo.recipes.Recipe;
import picocli.CommandLine.Option;

/** {@code --seed}: the one seed of a run or of a data command's split and augmentation. */
public class SeedOption implements RecipeOverrides {

    /** The seed of the named recipes, and of the data commands when none is given. */
    public static final long DEFAULT_SEED = 42;

    @Option(names = "--seed", description = "Seed of weights, split, shuffling, augmentation and dropout (default: "
            + "the recipe's; " + DEFAULT_SEED + " for data info and data preview).")
    private Long seed;

    /** The given seed, else {@link #DEFAULT_SEED}. */
    public long seedOrDefault() {
        return seed != null ? seed : DEFAULT_SEED;
    }

    @Override
    public void applyTo(Recipe base, Recipe.Builder recipe) {
        ifGiven(seed, recipe::seed);
    }
}
