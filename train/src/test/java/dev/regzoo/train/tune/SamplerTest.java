package dev.regzoo.train.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.recipes.FashionSmallCnn;
import dev.regzoo.recipes.Recipe;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;

class SamplerTest {

    private final Recipe recipe = FashionSmallCnn.recipe();

    @Test
    void randomTrialsAreSeeded() {
        SearchSpace space = SearchSpace.parse(recipe, "lr=loguniform(1e-3,3e-1)", "optimizer=choice(nesterov,adam)");
        List<Map<String, JsonNode>> a = Sampler.RANDOM.draw(space, 10, 3, 42);
        assertEquals(10, a.size());
        assertEquals(a, Sampler.RANDOM.draw(space, 10, 3, 42), "the same seed, the same trials");
        assertNotEquals(a, Sampler.RANDOM.draw(space, 10, 3, 43));
        assertEquals(10, new HashSet<>(a).size(), "no two trials alike");
        assertEquals(List.of("optimizer.learningRate", "optimizer.kind"), List.copyOf(a.get(0).keySet()));
    }

    @Test
    void theGridEnumeratesEveryCombinationOnce() {
        SearchSpace space = SearchSpace.parse(recipe, "lr=loguniform(1e-3,1e-1)", "optimizer=choice(nesterov,adam)",
                "batch-size=int(64,65)");
        List<Map<String, JsonNode>> grid = Sampler.GRID.draw(space, Integer.MAX_VALUE, 3, 42);
        assertEquals(3 * 2 * 2, grid.size());
        assertEquals(12, new HashSet<>(grid).size());
        Set<String> combinations = new HashSet<>();
        for (Map<String, JsonNode> values : grid) {
            combinations.add(Math.round(Math.log10(values.get("optimizer.learningRate").doubleValue())) + " "
                    + values.get("optimizer.kind").textValue() + " " + values.get("batchSize").longValue());
        }
        for (int lr : new int[] {-3, -2, -1}) {
            for (String optimizer : List.of("nesterov", "adam")) {
                for (int batch : new int[] {64, 65}) {
                    assertTrue(combinations.contains(lr + " " + optimizer + " " + batch), combinations.toString());
                }
            }
        }
        assertEquals(grid, Sampler.GRID.draw(space, Integer.MAX_VALUE, 3, 42), "the order is seeded");
        assertNotEquals(grid, Sampler.GRID.draw(space, Integer.MAX_VALUE, 3, 7));
        assertEquals(grid.subList(0, 5), Sampler.GRID.draw(space, 5, 3, 42), "fewer trials: the first of the order");
        assertEquals(12, Search.builder(recipe, space).sampler(Sampler.GRID).build().trials(),
                "a grid's trials default to all its combinations");
    }
}
