package dev.regzoo.cli.options;

import dev.regzoo.recipes.Recipe;
import java.util.function.Consumer;

/** An option group that overrides a recipe's values with those given on the command line. */
public interface RecipeOverrides {

    /**
     * Sets the given options on {@code recipe}; options not given leave its values alone.
     *
     * @param base   the recipe the builder started from, for the values of nested specs
     * @param recipe the builder to set values on
     * @throws IllegalArgumentException naming the option when a value cannot be used
     */
    void applyTo(Recipe base, Recipe.Builder recipe);

    /**
     * {@code base} with the groups' options applied in order (a later group's value wins where two set the same
     * field), validated once all are applied.
     *
     * @throws IllegalArgumentException naming the option or field when a value is bad or values do not fit together
     */
    static Recipe apply(Recipe base, RecipeOverrides... groups) {
        Recipe.Builder builder = base.toBuilder();
        for (RecipeOverrides group : groups) {
            group.applyTo(base, builder);
        }
        return builder.build();
    }

    /** Passes {@code value} to {@code setter} when the option was given (is not null). */
    static <T> void ifGiven(T value, Consumer<? super T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
