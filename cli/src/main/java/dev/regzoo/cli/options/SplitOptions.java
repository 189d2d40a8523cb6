package dev.regzoo.cli.options;

import static dev.regzoo.cli.options.RecipeOverrides.ifGiven;

import dev.regzoo.recipes.Recipe;
import picocli.CommandLine.Option;

/**
 * A recipe's data without augmentation: {@link DatasetOptions} plus how much of it is used, how it is split and
 * batched; {@code regzoo data export} takes these.
 */
public class SplitOptions extends DatasetOptions {

    @Option(names = "--train-limit", paramLabel = "N", description = "Use only N training images (stratified).")
    private Integer trainLimit;
    @Option(names = "--validation", paramLabel = "FRACTION", description = "Validation fraction per class.")
    private Double validation;
    @Option(names = {"-b", "--batch-size"}, paramLabel = "N", description = "Images per minibatch (an exported "
            + "file holds one: the minibatch size on Spark).")
    private Integer batchSize;

    @Override
    public void applyTo(Recipe base, Recipe.Builder recipe) {
        super.applyTo(base, recipe);
        ifGiven(trainLimit, recipe::trainLimit);
        ifGiven(validation, recipe::validationFraction);
        ifGiven(batchSize, recipe::batchSize);
    }
}
