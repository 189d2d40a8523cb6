package dev.regzoo.train.tune;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.node.LongNode;

/**
 * One hyperparameter of a search: a recipe field and the distribution its values come from.
 *
 * @param name         the field as the space names it ({@code lr}, {@code optimizer.learningRate}): column headings
 * @param path         the field's path in the recipe file, e.g. {@code optimizer.learningRate}
 * @param distribution where the values come from
 * @param whole        whether the field holds whole numbers: drawn numbers are rounded
 */
public record Dimension(String name, String path, Distribution distribution, boolean whole) {

    /** A value drawn at random. */
    JsonNode sample(SplittableRandom random) {
        return fit(distribution.sample(random));
    }

    /** The grid's values for this field. */
    List<JsonNode> grid(int points) {
        return distribution.grid(points).stream().map(this::fit).distinct().toList();
    }

    /** {@code value} as the field takes it: rounded for a whole-number field. */
    JsonNode fit(JsonNode value) {
        return whole && value.isFloatingPointNumber() ? LongNode.valueOf(Math.round(value.doubleValue())) : value;
    }
}
