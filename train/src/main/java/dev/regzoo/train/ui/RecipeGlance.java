package dev.regzoo.train.ui;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * The regularization of a run's {@code recipe.json} at a glance: the settings that are on. It reads the file's JSON
 * as it is rather than through {@code RecipeFiles}, which rejects fields it does not know, so that the pages show runs
 * of older and newer regzoo versions alike, and a regularizer added to the recipe's {@code regularization} section
 * appears without a change here.
 */
final class RecipeGlance {

    private RecipeGlance() {
    }

    /**
     * The settings that are on: non-zero numbers and {@code true} of the regularization and augmentation sections,
     * the model's default dropout where the recipe leaves it to the model, and early stopping when its patience is
     * shorter than the run.
     */
    static List<Setting> of(JsonNode recipe) {
        List<Setting> on = new ArrayList<>();
        JsonNode regularization = recipe.path("regularization");
        for (Iterator<Map.Entry<String, JsonNode>> it = regularization.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            // batchNormDecay and batchNormEpsilon are BatchNorm's settings, not regularizers of their own
            boolean batchNormSetting = name.startsWith("batchNorm") && !name.equals("batchNorm");
            if (active(field.getValue()) && !batchNormSetting) {
                on.add(new Setting(name, field.getValue().asText()));
            }
        }
        if (regularization.isObject() && !regularization.has("dropout")) {
            on.add(new Setting("dropout", "the model's default"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = recipe.path("augmentation").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (active(field.getValue())) {
                on.add(new Setting("augmentation." + field.getKey(), field.getValue().asText()));
            }
        }
        JsonNode stopping = recipe.path("stopping");
        if (stopping.path("patience").asInt(Integer.MAX_VALUE) < stopping.path("maxEpochs").asInt(0)) {
            on.add(new Setting("early stopping", stopping.path("monitor").asText() + ", patience "
                    + stopping.path("patience").asInt()));
        }
        return on;
    }

    private static boolean active(JsonNode value) {
        return value.isBoolean() ? value.asBoolean() : value.isNumber() && value.asDouble() != 0;
    }
}
