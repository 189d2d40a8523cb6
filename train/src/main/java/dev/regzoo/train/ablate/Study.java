package dev.regzoo.train.ablate;

import dev.regzoo.recipes.Recipe;
import java.util.List;

/**
 * A regularization study's settings: the recipe every variant starts from, the variants and the seeds. Stored as
 * {@code study.json}, so that a study continues only with the settings it began with.
 *
 * @param recipe   the resolved recipe (overrides applied) the variants are derived from
 * @param variants the variants, in table order
 * @param seeds    seeds per variant, at least 1; seed {@code k} is the recipe's seed plus {@code k}
 */
public record Study(Recipe recipe, List<Variant> variants, int seeds) {

    /** File name inside the study folder. */
    static final String FILE = "study.json";

    /**
     * @throws IllegalArgumentException for no variants, fewer than one seed, or a variant the recipe cannot express
     */
    public Study {
        if (variants == null || variants.isEmpty()) {
            throw new IllegalArgumentException("a study needs at least one variant");
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds must be at least 1, got " + seeds);
        }
        variants = List.copyOf(variants);
        variants.forEach(v -> v.apply(recipe));
    }

    /** The recipe of {@code variant} with the {@code k}-th seed. */
    Recipe recipeOf(Variant variant, int k) {
        return variant.apply(recipe).toBuilder().seed(recipe.seed() + k).build();
    }
}
