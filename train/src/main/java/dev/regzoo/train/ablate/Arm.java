package dev.regzoo.train.ablate;

import dev.regzoo.recipes.Recipe;

/**
 * One arm of a study: what it is called and the recipe it trains (at the study's first seed).
 *
 * @param id             the name in folder names and results ({@code dropout}, {@code without-ema})
 * @param label          the name in tables and charts
 * @param recipe         the recipe the arm trains
 * @param keepsBestEpoch whether the arm is judged by its best epoch's model rather than its last
 */
record Arm(String id, String label, Recipe recipe, boolean keepsBestEpoch) {

    /** The add-one arm of {@code variant}: every regularizer off but that one. */
    static Arm adding(Variant variant, Recipe recipe) {
        return new Arm(variant.id(), variant.label(), variant.apply(recipe), variant.earlyStopping());
    }

    /** The leave-one-out arm of {@code variant}: the recipe without that regularizer. */
    static Arm leavingOut(Variant variant, Recipe recipe) {
        return new Arm("without-" + variant.id(), "without " + variant.regularizer(), variant.without(recipe),
                variant != Variant.EARLY_STOPPING);
    }

    /** A leave-one-out study's reference: the recipe as it is, judged by its best epoch as it would ship. */
    static Arm whole(Recipe recipe) {
        return new Arm("recipe", "the whole recipe", recipe, true);
    }

    /** This arm's recipe with the study's {@code k}-th seed. */
    Recipe withSeed(int k) {
        return recipe.toBuilder().seed(recipe.seed() + k).build();
    }
}
