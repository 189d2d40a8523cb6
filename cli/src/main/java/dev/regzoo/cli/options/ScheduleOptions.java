package dev.regzoo.cli.options;

import static dev.regzoo.cli.options.RecipeOverrides.ifGiven;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.ScheduleSpec;
import picocli.CommandLine.Option;

/** The Schedule group: the learning-rate schedule and ReduceLROnPlateau. */
public class ScheduleOptions implements RecipeOverrides {

    @Option(names = "--lr-schedule", description = "constant, step, exponential or cosine.")
    private String lrSchedule;
    @Option(names = "--warmup-epochs", description = "Linear warm-up epochs (cosine schedule).")
    private Integer warmupEpochs;
    @Option(names = "--lr-step-epochs", description = "Epochs between steps (step schedule).")
    private Integer stepEpochs;
    @Option(names = "--lr-gamma", description = "Decay factor (step and exponential schedules).")
    private Double gamma;
    @Option(names = "--min-lr", description = "Final lr of the cosine schedule; floor of ReduceLROnPlateau.")
    private Double minLr;
    @Option(names = "--plateau-factor", description = "ReduceLROnPlateau factor in (0,1); 0 = off. Needs "
            + "--lr-schedule constant.")
    private Double plateauFactor;
    @Option(names = "--plateau-patience", description = "Epochs without improvement before ReduceLROnPlateau acts.")
    private Integer plateauPatience;

    @Override
    public void applyTo(Recipe base, Recipe.Builder recipe) {
        recipe.schedule(s -> {
            ifGiven(lrSchedule, name -> s.kind(ScheduleSpec.Kind.parse(name)));
            ifGiven(warmupEpochs, s::warmupEpochs);
            ifGiven(stepEpochs, s::stepEpochs);
            ifGiven(gamma, s::gamma);
            ifGiven(minLr, s::minLr);
            ifGiven(plateauFactor, s::plateauFactor);
            ifGiven(plateauPatience, s::plateauPatience);
            return s;
        });
    }
}
