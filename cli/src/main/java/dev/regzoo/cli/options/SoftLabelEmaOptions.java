package dev.regzoo.cli.options;

import static dev.regzoo.cli.options.RecipeOverrides.ifGiven;

import dev.regzoo.recipes.Recipe;
import picocli.CommandLine.Option;

/**
 * The Soft labels and EMA group: label smoothing, mixup and CutMix of the training batches, and the exponential moving
 * average of the weights that is validated and kept.
 */
public class SoftLabelEmaOptions implements RecipeOverrides {

    @Option(names = "--label-smoothing", paramLabel = "E", description = "Label smoothing ε in [0, 1): training "
            + "targets (1 - ε)·one-hot + ε/classes (0.1 is usual; 0 = off). Validation and test use hard labels.")
    private Double smoothing;
    @Option(names = "--mixup", paramLabel = "A", description = "Mixup α >= 0 (0 = off): each training batch is mixed "
            + "with its images' neighbours by λ ~ Beta(α, α), targets alike (0.2 on ImageNet, 1.0 on CIFAR).")
    private Double mixup;
    @Option(names = "--cutmix", paramLabel = "A", description = "CutMix α >= 0 (0 = off): a box of about 1 - λ, "
            + "λ ~ Beta(α, α), is pasted from the neighbouring image; targets mixed by its area (1.0 is usual).")
    private Double cutmix;
    @Option(names = "--mix-prob", paramLabel = "P", description = "Probability in [0, 1] that a training batch is "
            + "mixed, when --mixup or --cutmix is on (recipe default 1).")
    private Double mixProbability;
    @Option(names = "--switch-prob", paramLabel = "P", description = "Probability in [0, 1] of CutMix rather than "
            + "mixup for a batch, when both are on (recipe default 0.5).")
    private Double switchProbability;
    @Option(names = "--ema-decay", paramLabel = "D", description = "EMA of the weights after every step, BatchNorm "
            + "statistics included: decay in (0, 1), 0 = off. The average is validated, watched by early stopping and "
            + "saved as the best model. Needs --workers 1 (with more, and on Spark, a recipe's own EMA is left out, "
            + "with a note).")
    private Double emaDecay;
    @Option(names = "--ema-warmup", paramLabel = "N", description = "EMA warm-up: step t decays by at most "
            + "(1 + t)/(N + t), so short runs average their last ~1/(N - 1) of steps (recipe default 10, as "
            + "TensorFlow; 0 = none).")
    private Integer emaWarmup;

    /** Whether the command line asks for an EMA of the weights ({@code --ema-decay} above 0). */
    public boolean asksForEma() {
        return emaDecay != null && emaDecay > 0;
    }

    @Override
    public void applyTo(Recipe base, Recipe.Builder recipe) {
        recipe.softLabels(l -> {
            ifGiven(smoothing, l::smoothing);
            ifGiven(mixup, l::mixup);
            ifGiven(cutmix, l::cutmix);
            ifGiven(mixProbability, l::mixProbability);
            ifGiven(switchProbability, l::switchProbability);
            return l;
        });
        recipe.ema(e -> {
            ifGiven(emaDecay, e::decay);
            ifGiven(emaWarmup, e::warmup);
            return e;
        });
    }
}
