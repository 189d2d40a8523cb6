package dev.regzoo.train.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;

class DistributionTest {

    private static double[] draws(Distribution d, int n) {
        SplittableRandom random = new SplittableRandom(7);
        return IntStream.range(0, n).mapToDouble(i -> d.sample(random).doubleValue()).toArray();
    }

    @Test
    void logUniformStaysInItsBoundsAndSpreadsEvenlyOverTheDecades() {
        double[] x = draws(Distribution.parse("loguniform(1e-4, 1)"), 20_000);
        for (double v : x) {
            assertTrue(v >= 1e-4 && v <= 1, "out of bounds: " + v);
        }
        for (int decade = -4; decade < 0; decade++) {
            double low = Math.pow(10, decade);
            long in = java.util.Arrays.stream(x).filter(v -> v >= low && v < 10 * low).count();
            assertEquals(0.25, in / 20_000.0, 0.015, "share of [" + low + ", " + 10 * low + ")");
        }
    }

    @Test
    void uniformIntAndChoiceCoverTheirValues() {
        double[] u = draws(Distribution.parse("uniform(0,0.6)"), 10_000);
        assertTrue(java.util.Arrays.stream(u).allMatch(v -> v >= 0 && v < 0.6));
        assertEquals(0.3, java.util.Arrays.stream(u).average().orElseThrow(), 0.01);
        assertEquals(0.25, java.util.Arrays.stream(u).filter(v -> v < 0.15).count() / 10_000.0, 0.015);

        Set<Double> ints = java.util.Arrays.stream(draws(Distribution.parse("int(2,5)"), 2_000)).boxed()
                .collect(Collectors.toSet());
        assertEquals(Set.of(2.0, 3.0, 4.0, 5.0), ints, "both ends included");

        Distribution choice = Distribution.parse("choice(nesterov, adamw, 0.5, true)");
        SplittableRandom random = new SplittableRandom(3);
        Set<JsonNode> seen = IntStream.range(0, 400).mapToObj(i -> choice.sample(random)).collect(Collectors.toSet());
        assertEquals(Set.copyOf(((Distribution.Choice) choice).values()), seen);
        List<JsonNode> values = ((Distribution.Choice) choice).values();
        assertTrue(values.get(0).isTextual() && values.get(2).isNumber() && values.get(3).isBoolean(),
                values.toString());
    }

    @Test
    void gridsSpreadFromEndToEnd() {
        assertEquals(List.of(1e-4, 1e-2, 1.0), Distribution.parse("loguniform(1e-4,1)").grid(3).stream()
                .map(v -> Math.round(v.doubleValue() * 1e6) / 1e6).toList());
        assertEquals(List.of(0.0, 0.25, 0.5), Distribution.parse("uniform(0,0.5)").grid(3).stream()
                .map(JsonNode::doubleValue).toList());
        assertEquals(List.of(1L, 2L, 3L), Distribution.parse("int(1,3)").grid(5).stream().map(JsonNode::longValue)
                .toList(), "a short int range: every value");
        assertEquals(List.of(0L, 50L, 100L), Distribution.parse("int(0,100)").grid(3).stream()
                .map(JsonNode::longValue).toList());
    }

    @Test
    void theTextReadsBackAsTheSameDistribution() {
        for (String text : List.of("loguniform(1.0E-5,0.001)", "uniform(0,0.6)", "int(16,256)",
                "choice(nesterov,adamw)", "choice(0.1,0.2)")) {
            Distribution d = Distribution.parse(text);
            assertEquals(d, Distribution.parse(d.toString()), text);
        }
    }

    @Test
    void badDistributionsSayWhatIsWrong() {
        String[][] cases = {
            {"loguniform(0,1)", "above 0"},
            {"loguniform(-1e-3,1)", "above 0"},
            {"uniform(0.6,0.1)", "inverted range"},
            {"uniform(0.1,0.1)", "empty range"},
            {"int(5,2)", "inverted range"},
            {"int(1.5,3)", "whole numbers"},
            {"uniform(0,fast)", "must be numbers"},
            {"uniform(0)", "two bounds"},
            {"choice()", "empty"},
            {"choice(a,,b)", "empty value"},
            {"choice(a,a)", "twice"},
            {"normal(0,1)", "unknown distribution 'normal'"},
            {"1e-3", "not a distribution"},
            {"loguniform(1e-3,3e-1", "not a distribution"}};
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Distribution.parse(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
        }
    }
}
