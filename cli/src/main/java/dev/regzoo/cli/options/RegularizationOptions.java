package dev.regzoo.cli.options;

import static dev.regzoo.cli.options.RecipeOverrides.ifGiven;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.zoo.RegularizationSpec;
import picocli.CommandLine.Option;

/** The Regularization group: weight penalties, decoupled weight decay, dropout and BatchNorm. */
public class RegularizationOptions implements RecipeOverrides {

    @Option(names = "--l1", description = "L1 penalty on weights (added to the loss).")
    private Double l1;
    @Option(names = "--l2", description = "L2 penalty on weights (added to the loss).")
    private Double l2;
    @Option(names = {"--weight-decay", "--wd"}, description = "Decoupled weight decay on weights.")
    private Double weightDecay;
    @Option(names = "--dropout", description = "Drop probability of the classifier head, in [0, 1).")
    private Double dropout;
    @Option(names = "--spatial-dropout", description = "Channel drop probability in conv blocks, in [0, 1).")
    private Double spatialDropout;
    @Option(names = "--batch-norm", negatable = true, description = "BatchNorm on or off (--no-batch-norm).")
    private Boolean batchNorm;

    @Override
    public void applyTo(Recipe base, Recipe.Builder recipe) {
        RegularizationSpec.Builder reg = base.regularization().toBuilder();
        ifGiven(l1, reg::l1);
        ifGiven(l2, reg::l2);
        ifGiven(weightDecay, reg::weightDecay);
        ifGiven(dropout, reg::dropout);
        ifGiven(spatialDropout, reg::spatialDropout);
        ifGiven(batchNorm, reg::batchNorm);
        recipe.regularization(reg.build());
    }
}
