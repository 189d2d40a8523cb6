package dev.regzoo.cli.options;

import static dev.regzoo.cli.options.RecipeOverrides.ifGiven;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.zoo.RegularizationSpec;
import picocli.CommandLine.Option;

/**
 * The Regularization group: weight penalties, decoupled weight decay, dropout, BatchNorm, DropBlock, drop path and
 * gradient clipping.
 */
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
    @Option(names = "--drop-block", paramLabel = "P", description = "DropBlock drop probability in [0, 1) in the "
            + "later conv blocks, ramped up from 0 over the run (0 = off).")
    private Double dropBlock;
    @Option(names = "--drop-block-size", paramLabel = "N", description = "DropBlock's block side, at most the maps "
            + "it drops (default 3).")
    private Integer dropBlockSize;
    @Option(names = "--drop-path", paramLabel = "P", description = "Stochastic depth: the last residual block's "
            + "drop probability in [0, 1), rising linearly from 0 at the first (ResNets only; 0 = off).")
    private Double dropPath;
    @Option(names = "--clip-norm", paramLabel = "X", description = "Clip each weight layer's gradient to L2 norm X "
            + "(0 = off).")
    private Double clipNorm;

    @Override
    public void applyTo(Recipe base, Recipe.Builder recipe) {
        RegularizationSpec.Builder reg = base.regularization().toBuilder();
        ifGiven(l1, reg::l1);
        ifGiven(l2, reg::l2);
        ifGiven(weightDecay, reg::weightDecay);
        ifGiven(dropout, reg::dropout);
        ifGiven(spatialDropout, reg::spatialDropout);
        ifGiven(batchNorm, reg::batchNorm);
        ifGiven(dropBlock, reg::dropBlock);
        ifGiven(dropBlockSize, reg::dropBlockSize);
        ifGiven(dropPath, reg::dropPath);
        ifGiven(clipNorm, reg::gradientClipNorm);
        recipe.regularization(reg.build());
    }
}
