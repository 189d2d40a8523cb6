package dev.regzoo.train.tune;

import dev.regzoo.recipes.Recipe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import org.nd4j.shade.jackson.databind.node.JsonNodeFactory;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * The hyperparameters of a search: recipe fields, each with a {@link Distribution}. A field is named by its path in
 * the recipe file ({@code optimizer.learningRate}, {@code regularization.weightDecay}; {@code regzoo recipe show NAME}
 * prints them), by its command-line option ({@code lr}, {@code weight-decay}, {@code dropout}, {@code optimizer};
 * see {@link #aliases()}) or by its own name. Any field of the recipe file can be searched, fields added to recipes
 * later included.
 *
 * <p>Entries are {@code FIELD=DISTRIBUTION} ({@code lr=loguniform(1e-3,3e-1)}) or a space file: JSON in the recipe
 * file's shape whose values are distributions,
 * <pre>{@code
 * { "optimizer": { "learningRate": "loguniform(1e-3,3e-1)", "kind": "choice(nesterov,adam)" },
 *   "regularization": { "weightDecay": "loguniform(1e-5,1e-3)" } }
 * }</pre>
 * (dotted keys and option names work there too). Every entry is checked when the space is made, by building the
 * recipe with its values (both ends of a range, every choice), so that a value the field cannot take fails before
 * any trial runs.
 */
public final class SearchSpace {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<Dimension> dimensions;

    private SearchSpace(List<Dimension> dimensions) {
        this.dimensions = List.copyOf(dimensions);
    }

    /**
     * The space of {@code entries} ({@code FIELD=DISTRIBUTION}, or the path of a space file) over {@code recipe}.
     *
     * @throws IllegalArgumentException in one line naming the entry: a malformed distribution, an unknown field, an
     *                                  empty or inverted range, a log-uniform bound at or below 0, a value the field
     *                                  cannot take, a field given twice, or no entry at all
     */
    public static SearchSpace parse(Recipe recipe, List<String> entries) {
        RecipeFields fields = RecipeFields.of(recipe);
        List<Dimension> dimensions = new ArrayList<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                add(dimensions, fields, "--space " + entry, entry.substring(0, eq).trim(), entry.substring(eq + 1));
            } else if (entry.endsWith(".json") || Files.isRegularFile(Path.of(entry))) {
                readFile(Path.of(entry), fields, dimensions);
            } else {
                throw new IllegalArgumentException("--space " + entry + ": give FIELD=DISTRIBUTION, e.g. "
                        + "lr=loguniform(1e-3,3e-1), or a space file (JSON)");
            }
        }
        if (dimensions.isEmpty()) {
            throw new IllegalArgumentException("--space: give at least one FIELD=DISTRIBUTION, e.g. "
                    + "lr=loguniform(1e-3,3e-1)");
        }
        return new SearchSpace(dimensions);
    }

    /** As {@link #parse(Recipe, List)}. */
    public static SearchSpace parse(Recipe recipe, String... entries) {
        return parse(recipe, List.of(entries));
    }

    /**
     * The option names a space may use for fields whose option is not named after the field, with their paths
     * ({@code lr} is {@code optimizer.learningRate}).
     */
    public static Map<String, String> aliases() {
        return RecipeFields.ALIASES;
    }

    /** The hyperparameters, in the order given. */
    public List<Dimension> dimensions() {
        return dimensions;
    }

    /**
     * {@code recipe} with {@code values} (by field path) set.
     *
     * @throws IllegalArgumentException naming the field when the values do not fit together
     */
    public Recipe apply(Recipe recipe, Map<String, JsonNode> values) {
        return RecipeFields.of(recipe).with(values);
    }

    /** The space as a space file, keyed by the fields' names as given: {@link #parse} reads it back the same. */
    public String toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        dimensions.forEach(d -> root.put(d.name(), d.distribution().toString()));
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the search space as JSON: " + e.getMessage(), e);
        }
    }

    private static void readFile(Path file, RecipeFields fields, List<Dimension> dimensions) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("space file " + file + ": cannot be read: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("space file " + file + ": must be a JSON object of fields, e.g. "
                    + "{\"optimizer\": {\"learningRate\": \"loguniform(1e-3,3e-1)\"}}");
        }
        readObject(file, root, "", fields, dimensions);
    }

    private static void readObject(Path file, JsonNode node, String prefix, RecipeFields fields,
                                   List<Dimension> dimensions) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (field.getValue().isObject()) {
                readObject(file, field.getValue(), key, fields, dimensions);
            } else if (field.getValue().isTextual()) {
                add(dimensions, fields, "space file " + file + ", entry " + key, key, field.getValue().textValue());
            } else {
                throw new IllegalArgumentException("space file " + file + ", entry " + key + ": must be a "
                        + "distribution in quotes (" + Distribution.FORMS + ") or an object of fields, got "
                        + field.getValue());
            }
        }
    }

    /** Reads, checks and adds one entry; {@code label} names it in messages. */
    private static void add(List<Dimension> dimensions, RecipeFields fields, String label, String name,
                            String distribution) {
        try {
            String path = fields.resolve(name);
            JsonNode current = fields.get(path).orElseThrow();
            if (current.isObject()) {
                throw new IllegalArgumentException("field " + path + " is a group of fields; search one of them, "
                        + "e.g. " + path + "." + current.fieldNames().next());
            }
            for (Dimension earlier : dimensions) {
                if (earlier.path().equals(path)) {
                    throw new IllegalArgumentException("field " + path + " is already searched (as " + earlier.name()
                            + ")");
                }
            }
            Dimension dimension = new Dimension(name, path, Distribution.parse(distribution),
                    current.isIntegralNumber());
            for (JsonNode extreme : dimension.distribution().extremes()) {
                JsonNode value = dimension.fit(extreme);
                try {
                    fields.with(Map.of(path, value));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("value " + StudyFiles.text(value) + " is not allowed: "
                            + e.getMessage(), e);
                }
            }
            dimensions.add(dimension);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(label + ": " + e.getMessage(), e);
        }
    }

    /** The values of one trial, by field path, in the space's order. */
    static Map<String, JsonNode> values(List<Dimension> dimensions, List<JsonNode> values) {
        Map<String, JsonNode> byPath = new LinkedHashMap<>();
        for (int i = 0; i < dimensions.size(); i++) {
            byPath.put(dimensions.get(i).path(), values.get(i));
        }
        return byPath;
    }
}
