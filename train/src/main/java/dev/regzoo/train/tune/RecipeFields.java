package dev.regzoo.train.tune;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.RecipeFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * A recipe's fields addressed by their path in the recipe file ({@code optimizer.learningRate}), read and set through
 * the recipe's JSON form ({@link RecipeFiles}), so that every field a recipe file holds can be searched, fields added
 * to recipes later included, and every value is checked as a recipe file's would be.
 */
final class RecipeFields {

    /**
     * The command-line option names that differ from their field's name. Other options are found by their name in
     * camel case ({@code weight-decay} is {@code regularization.weightDecay}), which holds for fields added later when
     * their option is named after them.
     */
    static final Map<String, String> ALIASES = Map.of(
            "lr", "optimizer.learningRate",
            "optimizer", "optimizer.kind",
            "wd", "regularization.weightDecay",
            "b", "batchSize",
            "lr-schedule", "schedule.kind",
            "lr-step-epochs", "schedule.stepEpochs",
            "lr-gamma", "schedule.gamma",
            "validation", "validationFraction",
            "epochs", "stopping.maxEpochs");

    /** Fields a search cannot vary: the study's own budget, and names. */
    private static final Map<String, String> FIXED = Map.of(
            "stopping.maxEpochs", "it is the study's budget (--max-epochs)",
            "name", "it names the recipe",
            "description", "it describes the recipe");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = "searched recipe";
    private static final Pattern LOCATION = Pattern.compile("^" + Pattern.quote(SOURCE) + ":\\d+: ");

    private final ObjectNode tree;

    private RecipeFields(ObjectNode tree) {
        this.tree = tree;
    }

    /** The fields of {@code recipe}. */
    static RecipeFields of(Recipe recipe) {
        try {
            return new RecipeFields((ObjectNode) JSON.readTree(RecipeFiles.toJson(recipe)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The path of the field {@code name} names: a path ({@code optimizer.learningRate}), an option name ({@code lr},
     * {@code weight-decay}) or a field's own name ({@code weightDecay}).
     *
     * @throws IllegalArgumentException for an unknown, ambiguous or fixed field
     */
    String resolve(String name) {
        String path = name.contains(".") ? name : ALIASES.getOrDefault(name, byName(name));
        if (path != null && get(path).isEmpty()) {
            for (int dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
                String group = path.substring(0, dot);
                if (get(group).filter(JsonNode::isNull).isPresent()) {
                    throw new IllegalArgumentException("field " + group + " is not set in the recipe (null), so "
                            + path + " cannot be searched; set " + group + " first (e.g. with its option)");
                }
            }
        }
        if (path == null || get(path).isEmpty()) {
            throw new IllegalArgumentException("unknown field '" + name + "': give a recipe-file path such as "
                    + "optimizer.learningRate ('regzoo recipe show NAME' prints the fields) or an option name such as "
                    + "lr, weight-decay, dropout, optimizer, momentum, batch-size");
        }
        if (FIXED.containsKey(path)) {
            throw new IllegalArgumentException("field " + path + " cannot be searched: " + FIXED.get(path));
        }
        return path;
    }

    /** The value at {@code path} (JSON null for an unset field), if the recipe has that field. */
    Optional<JsonNode> get(String path) {
        JsonNode node = tree;
        for (String part : path.split("\\.", -1)) {
            if (!node.isObject() || !node.has(part)) {
                return Optional.empty();
            }
            node = node.get(part);
        }
        return Optional.of(node);
    }

    /**
     * The recipe with the values at their paths, built and checked as a recipe file is read.
     *
     * @throws IllegalArgumentException naming the field when a value is not allowed there
     */
    Recipe with(Map<String, JsonNode> values) {
        ObjectNode copy = tree.deepCopy();
        values.forEach((path, value) -> {
            String[] parts = path.split("\\.");
            JsonNode parent = copy;
            for (int i = 0; i < parts.length - 1; i++) {
                parent = parent.get(parts[i]);
            }
            ((ObjectNode) parent).set(parts[parts.length - 1], value);
        });
        try {
            return RecipeFiles.fromJson(copy.toString(), SOURCE);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(LOCATION.matcher(e.getMessage()).replaceFirst(""), e);
        }
    }

    /** The one field whose own name is {@code name} in camel case, the outermost where several have it. */
    private String byName(String name) {
        String camel = camelCase(name);
        List<String> found = new ArrayList<>();
        collect(tree, "", camel, found);
        found.sort(Comparator.comparingInt(RecipeFields::depth));
        if (found.size() > 1 && depth(found.get(0)) == depth(found.get(1))) {
            throw new IllegalArgumentException("field '" + name + "' is ambiguous: give its path, one of " + found);
        }
        return found.isEmpty() ? null : found.get(0);
    }

    private static void collect(JsonNode node, String path, String name, List<String> found) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (field.getKey().equals(name)) {
                found.add(child);
            }
            collect(field.getValue(), child, name, found);
        }
    }

    private static int depth(String path) {
        return path.split("\\.").length;
    }

    private static String camelCase(String name) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '-' || c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }
}
