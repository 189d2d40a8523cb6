package dev.regzoo.cli.options;

import dev.regzoo.recipes.Recipe;
import picocli.CommandLine.ArgGroup;

/**
 * How a model is trained, whatever the data and where it runs: the Model, Regularization, Soft labels and EMA,
 * Optimizer, Schedule and Stopping groups, shared by {@code regzoo train} and the Spark job. Use it as an {@code @ArgGroup(validate = false,
 * exclusive = false)} without a heading: each group shows its own.
 */
public class TrainingOptions implements RecipeOverrides {

    @ArgGroup(validate = false, exclusive = false, heading = "%nModel:%n", order = 2)
    private ModelOptions model = new ModelOptions();
    @ArgGroup(validate = false, exclusive = false, heading = "%nRegularization:%n", order = 3)
    private RegularizationOptions regularization = new RegularizationOptions();
    @ArgGroup(validate = false, exclusive = false, heading = "%nSoft labels and EMA:%n", order = 3)
    private SoftLabelEmaOptions softLabelsAndEma = new SoftLabelEmaOptions();
    @ArgGroup(validate = false, exclusive = false, heading = "%nOptimizer:%n", order = 4)
    private OptimizerOptions optimizer = new OptimizerOptions();
    @ArgGroup(validate = false, exclusive = false, heading = "%nSchedule:%n", order = 5)
    private ScheduleOptions schedule = new ScheduleOptions();
    @ArgGroup(validate = false, exclusive = false, heading = "%nStopping:%n", order = 6)
    private StoppingOptions stopping = new StoppingOptions();

    /**
     * Whether the command line asks for an EMA of the weights ({@code --ema-decay} above 0), which data-parallel
     * workers cannot keep: an explicit request is refused there, a recipe's own EMA left out with a note.
     */
    public boolean asksForEma() {
        return softLabelsAndEma.asksForEma();
    }

    @Override
    public void applyTo(Recipe base, Recipe.Builder recipe) {
        for (RecipeOverrides group : new RecipeOverrides[] {model, regularization, softLabelsAndEma, optimizer, schedule,
                stopping}) {
            group.applyTo(base, recipe);
        }
    }
}
