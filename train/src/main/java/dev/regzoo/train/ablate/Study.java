package dev.regzoo.train.ablate;

import dev.regzoo.recipes.Recipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A regularization study's settings: the recipe every arm starts from, the design, the regularizers and the seeds.
 * Stored as {@code study.json}, so that a study continues only with the settings it began with.
 *
 * @param recipe   the resolved recipe (overrides applied) the arms are derived from
 * @param design   add-one or leave-one-out
 * @param variants add-one: the variants, in table order; leave-one-out: the regularizers to take out, each of which
 *                 the recipe must use
 * @param seeds    seeds per arm, at least 1; seed {@code k} is the recipe's seed plus {@code k}
 */
public record Study(Recipe recipe, Design design, List<Variant> variants, int seeds) {

    /** File name inside the study folder. */
    static final String FILE = "study.json";

    /** How a study's arms are formed. */
    public enum Design {
        /** Every regularizer off, then each one alone, then all: what each does on its own. */
        ADD_ONE,
        /** The recipe as it is, then once without each regularizer it uses: what each adds to the whole. */
        LEAVE_ONE_OUT
    }

    /**
     * @throws IllegalArgumentException for no variants, fewer than one seed, a variant the recipe cannot express, or
     *                                  in a leave-one-out study {@code none}, {@code all} or a regularizer the recipe
     *                                  does not use
     */
    public Study {
        Objects.requireNonNull(design, "design");
        if (variants == null || variants.isEmpty()) {
            throw new IllegalArgumentException(design == Design.LEAVE_ONE_OUT
                    ? "recipe " + recipe.name() + " uses no regularizer to leave out"
                    : "a study needs at least one variant");
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds must be at least 1, got " + seeds);
        }
        variants = List.copyOf(variants);
        if (design == Design.LEAVE_ONE_OUT) {
            variants.stream().filter(v -> v == Variant.NONE || v == Variant.ALL).findFirst().ifPresent(v -> {
                throw new IllegalArgumentException("variant '" + v.id() + "' has no place in a leave-one-out study; "
                        + "list regularizers the recipe uses: " + Variant.used(recipe).stream().map(Variant::id)
                        .toList());
            });
        }
        arms(recipe, design, variants);
    }

    /** The default study of {@code recipe}: every variant that fits its model, or every regularizer it uses. */
    public static Study of(Recipe recipe, Design design, int seeds) {
        return new Study(recipe, design, design == Design.LEAVE_ONE_OUT ? Variant.used(recipe)
                : Variant.defaults(recipe), seeds);
    }

    /** The arms in table order; a leave-one-out study's first is the whole recipe. */
    List<Arm> arms() {
        return arms(recipe, design, variants);
    }

    /** The arm the others are compared with: {@code none} in an add-one study that has it, else the whole recipe. */
    Optional<Arm> reference() {
        String id = design == Design.LEAVE_ONE_OUT ? Arm.whole(recipe).id() : Variant.NONE.id();
        return arms().stream().filter(a -> a.id().equals(id)).findFirst();
    }

    private static List<Arm> arms(Recipe recipe, Design design, List<Variant> variants) {
        List<Arm> arms = new ArrayList<>();
        if (design == Design.LEAVE_ONE_OUT) {
            arms.add(Arm.whole(recipe));
            variants.forEach(v -> arms.add(Arm.leavingOut(v, recipe)));
        } else {
            variants.forEach(v -> arms.add(Arm.adding(v, recipe)));
        }
        return List.copyOf(arms);
    }
}
