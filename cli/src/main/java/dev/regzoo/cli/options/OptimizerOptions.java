package dev.regzoo.cli.options;

import static dev.regzoo.cli.options.RecipeOverrides.ifGiven;

import dev.regzoo.recipes.OptimizerSpec;
import dev.regzoo.recipes.Recipe;
import picocli.CommandLine.Option;

/** The Optimizer group: which optimizer and its base learning rate. */
public class OptimizerOptions implements RecipeOverrides {

    @Option(names = "--optimizer", description = "sgd, nesterov, rmsprop, adam or adamw.")
    private String optimizer;
    @Option(names = "--lr", description = "Base learning rate.")
    private Double lr;

    @Override
    public void applyTo(Recipe base, Recipe.Builder recipe) {
        recipe.optimizer(o -> {
            ifGiven(optimizer, name -> o.kind(OptimizerSpec.Kind.parse(name)));
            ifGiven(lr, o::learningRate);
            return o;
        });
    }
}
