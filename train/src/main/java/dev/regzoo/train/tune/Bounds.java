package dev.regzoo.train.tune;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.DoubleNode;
import org.nd4j.shade.jackson.databind.node.TextNode;

/** Reading and checking a {@link Distribution}'s arguments, and writing its values. */
final class Bounds {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Bounds() {
    }

    static double[] of(String kind, List<String> args) {
        if (args.size() != 2) {
            throw new IllegalArgumentException(kind + " takes two bounds, " + kind + "(a,b), got "
                    + args.size() + " argument" + (args.size() == 1 ? "" : "s"));
        }
        double[] range = new double[2];
        for (int i = 0; i < 2; i++) {
            try {
                range[i] = Double.parseDouble(args.get(i));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(kind + " bounds must be numbers, got '" + args.get(i) + "'", e);
            }
        }
        check(kind, range[0], range[1]);
        return range;
    }

    static long[] whole(List<String> args) {
        if (args.size() != 2) {
            throw new IllegalArgumentException("int takes two bounds, int(a,b), got " + args.size()
                    + " argument" + (args.size() == 1 ? "" : "s"));
        }
        long[] range = new long[2];
        for (int i = 0; i < 2; i++) {
            try {
                range[i] = Long.parseLong(args.get(i));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("int bounds must be whole numbers, got '" + args.get(i) + "'",
                        e);
            }
        }
        return range;
    }

    static void check(String kind, double low, double high) {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException(kind + " bounds must be finite numbers, got " + low + " and "
                    + high);
        }
        if (low >= high) {
            throw new IllegalArgumentException((low == high ? "empty range " : "inverted range ") + kind + "("
                    + text(low) + "," + text(high) + "): the first bound must be below the second");
        }
    }

    /** Each value as JSON when it reads as a number, true, false or null, else as a name. */
    static List<JsonNode> choices(List<String> args) {
        List<JsonNode> values = new ArrayList<>();
        for (String arg : args) {
            if (arg.isEmpty()) {
                throw new IllegalArgumentException("choice has an empty value: give choice(x,y,...)");
            }
            values.add(value(arg));
        }
        return values;
    }

    private static JsonNode value(String arg) {
        try {
            JsonNode node = JSON.readTree(arg);
            if (node != null && (node.isNumber() || node.isBoolean() || node.isNull() || node.isTextual())) {
                return node;
            }
        } catch (IOException e) {
            // not JSON: a name such as nesterov
        }
        return TextNode.valueOf(arg);
    }

    static List<JsonNode> spread(int points, DoubleUnaryOperator at) {
        if (points < 2) {
            throw new IllegalArgumentException("a grid needs at least 2 points per range, got " + points);
        }
        return IntStream.range(0, points).mapToObj(i -> (JsonNode) DoubleNode.valueOf(
                at.applyAsDouble(i / (double) (points - 1)))).toList();
    }

    static String text(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static String list(List<JsonNode> values) {
        return values.stream().map(v -> v.isTextual() ? v.textValue() : v.toString())
                .collect(Collectors.joining(",", "(", ")"));
    }
}
