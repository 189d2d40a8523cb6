package dev.regzoo.zoo;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.deeplearning4j.nn.weights.WeightInit;

/**
 * The DL4J weight initialisations a zoo model can take by name, for recipe files and the command line. Two are left
 * out because a name alone cannot configure them: {@code DISTRIBUTION} needs a distribution object and
 * {@code IDENTITY} needs square weight matrices.
 */
public final class WeightInits {

    private static final Set<WeightInit> NOT_BY_NAME = EnumSet.of(WeightInit.DISTRIBUTION, WeightInit.IDENTITY);

    private WeightInits() {
    }

    /** The names allowed, in DL4J's order. */
    public static List<String> names() {
        return Arrays.stream(WeightInit.values()).filter(w -> !NOT_BY_NAME.contains(w)).map(Enum::name).toList();
    }

    /**
     * The weight initialisation named {@code name}, case-insensitively.
     *
     * @throws IllegalArgumentException naming the value and the allowed names
     */
    public static WeightInit parse(String name) {
        try {
            return check(WeightInit.valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("weight init must be one of " + names() + ", got '" + name + "'", e);
        }
    }

    /**
     * {@code init} itself, when a model can take it by name.
     *
     * @throws IllegalArgumentException for {@code DISTRIBUTION} or {@code IDENTITY}, naming the allowed ones
     */
    public static WeightInit check(WeightInit init) {
        if (NOT_BY_NAME.contains(Check.notNull("weight init", init))) {
            throw new IllegalArgumentException("weight init must be one of " + names() + ", got '" + init + "'");
        }
        return init;
    }
}
