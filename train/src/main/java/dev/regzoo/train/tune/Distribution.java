package dev.regzoo.train.tune;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.node.DoubleNode;
import org.nd4j.shade.jackson.databind.node.LongNode;

/**
 * Where a hyperparameter's values come from: {@code loguniform(a,b)}, {@code uniform(a,b)}, {@code int(a,b)} (both
 * ends included) or {@code choice(x,y,…)}. Values are JSON values, as a recipe file holds them; {@link #toString()}
 * gives the text {@link #parse} reads.
 */
public sealed interface Distribution {

    /** A value drawn at random. */
    JsonNode sample(SplittableRandom random);

    /**
     * The grid's values: a choice's values, every whole number of a short {@code int} range, else {@code points}
     * values spread evenly from one end to the other (geometrically for log-uniform).
     */
    List<JsonNode> grid(int points);

    /** The values a recipe is built with to check the entry before any trial runs: both ends, or every choice. */
    List<JsonNode> extremes();

    /** Whether the values spread over orders of magnitude (charts then use a log axis). */
    default boolean logarithmic() {
        return false;
    }

    /**
     * Reads a distribution.
     *
     * @throws IllegalArgumentException in one line saying what is wrong and what is allowed
     */
    static Distribution parse(String text) {
        Matcher m = Pattern.compile("\\s*([a-zA-Z]+)\\s*\\((.*)\\)\\s*").matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a distribution: give " + FORMS);
        }
        String kind = m.group(1).toLowerCase(Locale.ROOT);
        List<String> args = m.group(2).isBlank() ? List.of()
                : List.of(m.group(2).split(",", -1)).stream().map(String::trim).toList();
        return switch (kind) {
            case "loguniform" -> {
                double[] range = Bounds.of(kind, args);
                if (range[0] <= 0) {
                    throw new IllegalArgumentException("loguniform needs bounds above 0 (it draws their logarithm), "
                            + "got " + text.trim() + "; use uniform(a,b) for a range that includes 0");
                }
                yield new LogUniform(range[0], range[1]);
            }
            case "uniform" -> {
                double[] range = Bounds.of(kind, args);
                yield new Uniform(range[0], range[1]);
            }
            case "int" -> {
                long[] range = Bounds.whole(args);
                yield new IntRange(range[0], range[1]);
            }
            case "choice" -> new Choice(Bounds.choices(args));
            default -> throw new IllegalArgumentException("unknown distribution '" + m.group(1) + "': give " + FORMS);
        };
    }

    /** The forms {@link #parse} reads, for messages and help. */
    String FORMS = "loguniform(a,b), uniform(a,b), int(a,b) or choice(x,y,...)";

    /**
     * Log-uniform over [{@code low}, {@code high}]: every order of magnitude equally likely.
     *
     * @param low  lower bound, above 0
     * @param high upper bound, above {@code low}
     */
    record LogUniform(double low, double high) implements Distribution {
        public LogUniform {
            Bounds.check("loguniform", low, high);
            if (low <= 0) {
                throw new IllegalArgumentException("loguniform needs bounds above 0, got " + low);
            }
        }

        @Override
        public JsonNode sample(SplittableRandom random) {
            return DoubleNode.valueOf(Math.exp(random.nextDouble(Math.log(low), Math.log(high))));
        }

        @Override
        public List<JsonNode> grid(int points) {
            return Bounds.spread(points, t -> low * Math.pow(high / low, t));
        }

        @Override
        public List<JsonNode> extremes() {
            return List.of(DoubleNode.valueOf(low), DoubleNode.valueOf(high));
        }

        @Override
        public boolean logarithmic() {
            return true;
        }

        @Override
        public String toString() {
            return "loguniform(" + Bounds.text(low) + "," + Bounds.text(high) + ")";
        }
    }

    /**
     * Uniform over [{@code low}, {@code high}].
     *
     * @param low  lower bound
     * @param high upper bound, above {@code low}
     */
    record Uniform(double low, double high) implements Distribution {
        public Uniform {
            Bounds.check("uniform", low, high);
        }

        @Override
        public JsonNode sample(SplittableRandom random) {
            return DoubleNode.valueOf(random.nextDouble(low, high));
        }

        @Override
        public List<JsonNode> grid(int points) {
            return Bounds.spread(points, t -> low + (high - low) * t);
        }

        @Override
        public List<JsonNode> extremes() {
            return List.of(DoubleNode.valueOf(low), DoubleNode.valueOf(high));
        }

        @Override
        public String toString() {
            return "uniform(" + Bounds.text(low) + "," + Bounds.text(high) + ")";
        }
    }

    /**
     * Whole numbers from {@code low} to {@code high}, both included, equally likely.
     *
     * @param low  smallest value
     * @param high largest value, above {@code low}
     */
    record IntRange(long low, long high) implements Distribution {
        public IntRange {
            if (low >= high) {
                throw new IllegalArgumentException((low == high ? "empty range" : "inverted range") + " int(" + low
                        + "," + high + "): the first bound must be below the second"
                        + (low == high ? "; use choice(" + low + ") for one value" : ""));
            }
        }

        @Override
        public JsonNode sample(SplittableRandom random) {
            return LongNode.valueOf(random.nextLong(low, high + 1));
        }

        @Override
        public List<JsonNode> grid(int points) {
            if (high - low < points) {
                return LongStream.rangeClosed(low, high).mapToObj(v -> (JsonNode) LongNode.valueOf(v)).toList();
            }
            return Bounds.spread(points, t -> low + (high - low) * t).stream()
                    .map(v -> (JsonNode) LongNode.valueOf(Math.round(v.doubleValue()))).distinct().toList();
        }

        @Override
        public List<JsonNode> extremes() {
            return List.of(LongNode.valueOf(low), LongNode.valueOf(high));
        }

        @Override
        public String toString() {
            return "int(" + low + "," + high + ")";
        }
    }

    /**
     * One of {@code values}, equally likely.
     *
     * @param values the values, at least one, none twice: numbers, true/false, null or names
     */
    record Choice(List<JsonNode> values) implements Distribution {
        public Choice {
            if (values == null || values.isEmpty()) {
                throw new IllegalArgumentException("choice() is empty: give at least one value");
            }
            if (new LinkedHashSet<>(values).size() < values.size()) {
                throw new IllegalArgumentException("choice" + Bounds.list(values) + " lists a value twice");
            }
            values = List.copyOf(values);
        }

        @Override
        public JsonNode sample(SplittableRandom random) {
            return values.get(random.nextInt(values.size()));
        }

        @Override
        public List<JsonNode> grid(int points) {
            return values;
        }

        @Override
        public List<JsonNode> extremes() {
            return values;
        }

        @Override
        public String toString() {
            return "choice" + Bounds.list(values);
        }
    }
}
