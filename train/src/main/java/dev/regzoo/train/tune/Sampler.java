package dev.regzoo.train.tune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.nd4j.shade.jackson.databind.JsonNode;

/** How a search picks its trials' values; both are seeded, so a study's trials are the same every time. */
public enum Sampler {

    /** Each value drawn independently from its distribution. */
    RANDOM {
        @Override
        List<Map<String, JsonNode>> draw(SearchSpace space, int trials, int gridPoints, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            List<Map<String, JsonNode>> drawn = new ArrayList<>();
            for (int t = 0; t < trials; t++) {
                drawn.add(SearchSpace.values(space.dimensions(),
                        space.dimensions().stream().map(d -> d.sample(random)).toList()));
            }
            return drawn;
        }
    },

    /**
     * Every combination of the grid's values ({@link Distribution#grid}: every choice, ranges at {@code gridPoints}
     * evenly spread values), in an order shuffled by the seed, so that fewer trials than combinations still spread
     * over the space.
     */
    GRID {
        @Override
        List<Map<String, JsonNode>> draw(SearchSpace space, int trials, int gridPoints, long seed) {
            List<List<JsonNode>> combinations = new ArrayList<>(List.of(List.of()));
            for (Dimension d : space.dimensions()) {
                List<List<JsonNode>> longer = new ArrayList<>();
                for (List<JsonNode> combination : combinations) {
                    for (JsonNode value : d.grid(gridPoints)) {
                        List<JsonNode> next = new ArrayList<>(combination);
                        next.add(value);
                        longer.add(next);
                    }
                }
                combinations = longer;
            }
            Collections.shuffle(combinations, new Random(seed));
            return combinations.subList(0, Math.min(trials, combinations.size())).stream()
                    .map(values -> SearchSpace.values(space.dimensions(), values)).toList();
        }
    };

    /**
     * The values of up to {@code trials} trials, by field path (the grid may have fewer combinations).
     *
     * @param gridPoints values per range of the grid
     */
    abstract List<Map<String, JsonNode>> draw(SearchSpace space, int trials, int gridPoints, long seed);

    /** The name on the command line and in {@code study.json}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The sampler named {@code name}.
     *
     * @throws IllegalArgumentException for another name, listing the valid ones
     */
    public static Sampler parse(String name) {
        for (Sampler s : values()) {
            if (s.id().equalsIgnoreCase(name.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("--sampler must be random or grid, got '" + name + "'");
    }
}
