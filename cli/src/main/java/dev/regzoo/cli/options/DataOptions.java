package dev.regzoo.cli.options;

import static dev.regzoo.cli.options.RecipeOverrides.ifGiven;

import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.recipes.Recipe;
import picocli.CommandLine.Option;

/** The Data group of {@code train} and {@code ablate}: {@link SplitOptions} plus training-time augmentation. */
public class DataOptions extends SplitOptions {

    @Option(names = "--augment", paramLabel = "SPEC", description = "none, standard or key=value,..., with "
            + "randaugment=N:M or trivialaugment after them, e.g. standard,trivialaugment (see 'regzoo data preview "
            + "--help').")
    private String augment;

    @Override
    public void applyTo(Recipe base, Recipe.Builder recipe) {
        super.applyTo(base, recipe);
        ifGiven(augment, spec -> recipe.augmentation(AugmentationSpec.parse(spec)));
    }
}
