package dev.regzoo.recipes;

import dev.regzoo.data.Datasets;
import dev.regzoo.data.augment.AugmentPolicy;
import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.data.labels.SoftLabelSpec;
import dev.regzoo.zoo.ModelRegistry;
import dev.regzoo.zoo.RegularizationSpec;
import dev.regzoo.zoo.Shape;
import dev.regzoo.zoo.WeightInits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.PropertyAccessor;
import org.nd4j.shade.jackson.core.JsonParser;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.core.JsonToken;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import org.nd4j.shade.jackson.databind.module.SimpleModule;
import org.nd4j.shade.jackson.databind.node.JsonNodeFactory;
import org.nd4j.shade.jackson.databind.node.NullNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import org.nd4j.shade.jackson.databind.ser.std.ToStringSerializer;

/**
 * Recipe files: a {@link Recipe} as JSON, as {@code regzoo recipe show NAME} prints it, {@code regzoo train --recipe
 * FILE} reads it and a run folder's {@code recipe.json} holds it.
 *
 * <p>The format is one JSON object whose fields are {@link Recipe}'s components, with nested objects for
 * {@code augmentation} ({@link AugmentationSpec}: hflip, vflip, rotate, translate, scale, brightness, contrast, erase,
 * policy),
 * {@code regularization} ({@link RegularizationSpec}: l1, l2, weightDecay, dropout, spatialDropout, batchNorm,
 * batchNormDecay, batchNormEpsilon, dropBlock, dropBlockSize, dropPath, gradientClipNorm), {@code softLabels}
 * ({@link SoftLabelSpec}: smoothing, mixup, cutmix, mixProbability, switchProbability), {@code ema}
 * ({@link EmaSpec}: decay, warmup), {@code optimizer} ({@link OptimizerSpec}), {@code schedule}
 * ({@link ScheduleSpec}), {@code stopping} ({@link StoppingSpec}), {@code input} ({@link Shape}: channels, height,
 * width) and {@code transfer} ({@link Transfer}: from, freezeThrough):
 * <ul>
 *   <li>Every field must be given, so that a file states the whole recipe; a field whose value may be null (width,
 *       channelsLast, weightInit, dataDir, input, transfer, regularization.dropout, transfer.freezeThrough) may be
 *       left out, which means null: the model's or the dataset's default, or none. Fields added after 0.1.0 may be
 *       left out too, so that files written before them read as they ran: {@code augmentation.policy}
 *       ({@code "none"}, {@code "randaugment=N:M"} or {@code "trivialaugment"}, as in {@code --augment}) means none
 *       when left out; regularization.dropBlock, dropBlockSize, dropPath and gradientClipNorm their default (off);
 *       the sections {@code softLabels} and {@code ema} turn off. Given, they must hold a value.</li>
 *   <li>Enum values are names ({@code NESTEROV}, {@code COSINE}, {@code VAL_LOSS}), read case-insensitively;
 *       {@code model} and {@code dataset} must be names that {@code regzoo list} and {@code regzoo data} know.</li>
 *   <li>Whole-number fields (epochs, batch size, seed, translate …) take integers, the others any number.</li>
 *   <li>{@code dataDir} is a path, written as given (a relative path stays relative); the {@code file:} URIs that
 *       run folders of 0.1.0 wrote are read too.</li>
 * </ul>
 *
 * <p>Reading checks the whole file before returning: each problem is an {@link IllegalArgumentException} with one
 * line {@code FILE:LINE: FIELD: what is wrong and what is allowed}, e.g. {@code r.json:34: optimizer.learningRate:
 * must be a number, got "fast"}: unknown fields (listing the known ones), missing fields, wrong types, values out of
 * range (with the specs' own messages) and malformed JSON.
 */
public final class RecipeFiles {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .registerModule(new SimpleModule().addSerializer(Path.class, ToStringSerializer.instance));

    private RecipeFiles() {
    }

    /** {@code recipe} as indented JSON, every field included. */
    public static String toJson(Recipe recipe) {
        try {
            return JSON.writeValueAsString(recipe);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write recipe " + recipe.name() + " as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code recipe} to {@code file} as {@link #toJson JSON}.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public static void write(Recipe recipe, Path file) {
        try {
            Files.writeString(file, toJson(recipe) + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write recipe file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a recipe file.
     *
     * @throws IllegalArgumentException in one line naming the file (and for its content the line and field) when
     *                                  the file is missing, unreadable or not a valid recipe
     */
    public static Recipe read(Path file) {
        String json;
        try {
            json = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": recipe file not found", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read recipe file: " + e.getMessage(), e);
        }
        return fromJson(json, file.toString());
    }

    /**
     * Reads a recipe from JSON text.
     *
     * @param source what the text is, for messages: usually the file name
     * @throws IllegalArgumentException in one line naming {@code source}, the line and the field, when the text is
     *                                  not a valid recipe
     */
    public static Recipe fromJson(String json, String source) {
        return new Reader(source).recipe(json);
    }

    /** Converts a JSON value to a Java value, or throws an {@link IllegalArgumentException} saying what is allowed. */
    private interface Type<T> {
        T read(JsonNode value, String path);

        static <T> Type<T> of(Function<JsonNode, T> read) {
            return (value, path) -> read.apply(value);
        }
    }

    private static final Type<Double> NUMBER = Type.of(v -> {
        if (!v.isNumber()) {
            throw new IllegalArgumentException("must be a number, got " + v);
        }
        return v.doubleValue();
    });

    private static final Type<Integer> INT = Type.of(v -> {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException("must be a whole number from " + Integer.MIN_VALUE + " to "
                    + Integer.MAX_VALUE + ", got " + v);
        }
        return v.intValue();
    });

    private static final Type<Long> LONG = Type.of(v -> {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("must be a whole number from " + Long.MIN_VALUE + " to "
                    + Long.MAX_VALUE + ", got " + v);
        }
        return v.longValue();
    });

    private static final Type<Boolean> BOOLEAN = Type.of(v -> {
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("must be true or false, got " + v);
        }
        return v.booleanValue();
    });

    private static final Type<String> TEXT = Type.of(v -> {
        if (!v.isTextual()) {
            throw new IllegalArgumentException("must be a string, got " + v);
        }
        return v.textValue();
    });

    private static final Type<Path> PATH = Type.of(v -> {
        String text = TEXT.read(v, null);
        return text.startsWith("file:") ? Path.of(URI.create(text)) : Path.of(text);
    });

    /** A string converted by {@code parse}, which names the allowed values when it fails. */
    private static <T> Type<T> parsed(Function<String, T> parse) {
        return Type.of(v -> parse.apply(TEXT.read(v, null)));
    }

    /** A string among {@code names} (case-insensitively). */
    private static Type<String> oneOf(List<String> names) {
        return Type.of(v -> {
            String text = TEXT.read(v, null);
            if (!names.contains(text.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("must be one of " + names + ", got '" + text + "'");
            }
            return text;
        });
    }

    /** Thrown with the location already in the message. */
    private static final class LocatedException extends IllegalArgumentException {
        LocatedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Reads one recipe text: the JSON tree with each field's line, then each spec field by field. */
    private static final class Reader {
        private final String source;
        private final Map<String, Integer> lines = new HashMap<>();

        Reader(String source) {
            this.source = source;
        }

        Recipe recipe(String json) {
            JsonNode root;
            try (JsonParser parser = JSON.getFactory().createParser(json)) {
                if (parser.nextToken() == null) {
                    throw error(1, "", "the file is empty; a recipe is a JSON object", null);
                }
                root = tree(parser, "");
                if (parser.nextToken() != null) {
                    throw error(parser.getTokenLocation().getLineNr(), "",
                            "unexpected content after the recipe object", null);
                }
            } catch (JsonProcessingException e) {
                int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
                throw error(line, "", "invalid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return recipe(root, "");
        }

        /** The value at the parser's current token, noting the line of each object field. */
        private JsonNode tree(JsonParser parser, String path) throws IOException {
            lines.putIfAbsent(path, parser.getTokenLocation().getLineNr());
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                return NullNode.getInstance();
            }
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                return JSON.readTree(parser);
            }
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.getCurrentName();
                String child = child(path, name);
                lines.put(child, parser.getTokenLocation().getLineNr());
                parser.nextToken();
                object.set(name, tree(parser, child));
            }
            return object;
        }

        private Recipe recipe(JsonNode node, String path) {
            Recipe.Builder b = Recipe.builder();
            Fields<Recipe> f = new Fields<>(node, path, b::build);
            f.required("name", TEXT, b::name);
            f.required("description", TEXT, b::description);
            f.required("model", oneOf(ModelRegistry.names()), b::model);
            f.optional("width", INT, b::width);
            f.optional("channelsLast", BOOLEAN, b::channelsLast);
            f.optional("weightInit", parsed(WeightInits::parse), b::weightInit);
            f.required("dataset", oneOf(Datasets.names()), b::dataset);
            f.optional("dataDir", PATH, b::dataDir);
            f.optional("input", this::shape, b::input);
            f.required("validationFraction", NUMBER, b::validationFraction);
            f.required("trainLimit", INT, b::trainLimit);
            f.required("augmentation", this::augmentation, b::augmentation);
            f.required("regularization", this::regularization, b::regularization);
            f.optional("softLabels", this::softLabels, b::softLabels);
            f.optional("ema", this::ema, b::ema);
            f.required("optimizer", this::optimizer, b::optimizer);
            f.required("schedule", this::schedule, b::schedule);
            f.required("stopping", this::stopping, b::stopping);
            f.required("batchSize", INT, b::batchSize);
            f.required("seed", LONG, b::seed);
            f.optional("transfer", this::transfer, b::transfer);
            return f.done();
        }

        private Shape shape(JsonNode node, String path) {
            int[] chw = new int[] {1, 1, 1};
            Fields<Shape> f = new Fields<>(node, path, () -> new Shape(chw[0], chw[1], chw[2]));
            f.required("channels", INT, c -> chw[0] = c);
            f.required("height", INT, h -> chw[1] = h);
            f.required("width", INT, w -> chw[2] = w);
            return f.done();
        }

        private AugmentationSpec augmentation(JsonNode node, String path) {
            double[] v = new double[8];
            AugmentPolicy[] policy = {AugmentPolicy.NONE};
            Fields<AugmentationSpec> f = new Fields<>(node, path,
                    () -> new AugmentationSpec(v[0], v[1], v[2], (int) v[3], v[4], v[5], v[6], v[7], policy[0]));
            f.required("hflip", NUMBER, x -> v[0] = x);
            f.required("vflip", NUMBER, x -> v[1] = x);
            f.required("rotate", NUMBER, x -> v[2] = x);
            f.required("translate", INT, x -> v[3] = x);
            f.required("scale", NUMBER, x -> v[4] = x);
            f.required("brightness", NUMBER, x -> v[5] = x);
            f.required("contrast", NUMBER, x -> v[6] = x);
            f.required("erase", NUMBER, x -> v[7] = x);
            f.optional("policy", parsed(AugmentPolicy::parse), x -> policy[0] = x);
            return f.done();
        }

        private RegularizationSpec regularization(JsonNode node, String path) {
            RegularizationSpec.Builder b = RegularizationSpec.builder();
            Fields<RegularizationSpec> f = new Fields<>(node, path, b::build);
            f.required("l1", NUMBER, b::l1);
            f.required("l2", NUMBER, b::l2);
            f.required("weightDecay", NUMBER, b::weightDecay);
            f.optional("dropout", NUMBER, b::dropout);
            f.required("spatialDropout", NUMBER, b::spatialDropout);
            f.required("batchNorm", BOOLEAN, b::batchNorm);
            f.required("batchNormDecay", NUMBER, b::batchNormDecay);
            f.required("batchNormEpsilon", NUMBER, b::batchNormEpsilon);
            f.added("dropBlock", NUMBER, b::dropBlock);
            f.added("dropBlockSize", INT, b::dropBlockSize);
            f.added("dropPath", NUMBER, b::dropPath);
            f.added("gradientClipNorm", NUMBER, b::gradientClipNorm);
            return f.done();
        }

        private SoftLabelSpec softLabels(JsonNode node, String path) {
            SoftLabelSpec.Builder b = SoftLabelSpec.builder();
            Fields<SoftLabelSpec> f = new Fields<>(node, path, b::build);
            f.required("smoothing", NUMBER, b::smoothing);
            f.required("mixup", NUMBER, b::mixup);
            f.required("cutmix", NUMBER, b::cutmix);
            f.required("mixProbability", NUMBER, b::mixProbability);
            f.required("switchProbability", NUMBER, b::switchProbability);
            return f.done();
        }

        private EmaSpec ema(JsonNode node, String path) {
            EmaSpec.Builder b = EmaSpec.builder();
            Fields<EmaSpec> f = new Fields<>(node, path, b::build);
            f.required("decay", NUMBER, b::decay);
            f.required("warmup", INT, b::warmup);
            return f.done();
        }

        private OptimizerSpec optimizer(JsonNode node, String path) {
            OptimizerSpec.Builder b = OptimizerSpec.builder();
            Fields<OptimizerSpec> f = new Fields<>(node, path, b::build);
            f.required("kind", parsed(OptimizerSpec.Kind::parse), b::kind);
            f.required("learningRate", NUMBER, b::learningRate);
            f.required("momentum", NUMBER, b::momentum);
            return f.done();
        }

        private ScheduleSpec schedule(JsonNode node, String path) {
            ScheduleSpec.Builder b = ScheduleSpec.constant();
            Fields<ScheduleSpec> f = new Fields<>(node, path, b::build);
            f.required("kind", parsed(ScheduleSpec.Kind::parse), b::kind);
            f.required("warmupEpochs", INT, b::warmupEpochs);
            f.required("stepEpochs", INT, b::stepEpochs);
            f.required("gamma", NUMBER, b::gamma);
            f.required("minLr", NUMBER, b::minLr);
            f.required("plateauFactor", NUMBER, b::plateauFactor);
            f.required("plateauPatience", INT, b::plateauPatience);
            return f.done();
        }

        private StoppingSpec stopping(JsonNode node, String path) {
            StoppingSpec.Builder b = StoppingSpec.builder();
            Fields<StoppingSpec> f = new Fields<>(node, path, b::build);
            f.required("monitor", parsed(StoppingSpec.Monitor::parse), b::monitor);
            f.required("patience", INT, b::patience);
            f.required("minDelta", NUMBER, b::minDelta);
            f.required("maxEpochs", INT, b::maxEpochs);
            f.required("maxMinutes", NUMBER, b::maxMinutes);
            return f.done();
        }

        private Transfer transfer(JsonNode node, String path) {
            String[] fromFreeze = new String[2];
            Fields<Transfer> f = new Fields<>(node, path, () -> new Transfer(fromFreeze[0], fromFreeze[1]));
            f.required("from", TEXT, from -> fromFreeze[0] = from);
            f.optional("freezeThrough", TEXT, layer -> fromFreeze[1] = layer);
            return f.done();
        }

        private LocatedException error(int line, String path, String message, Throwable cause) {
            String field = path.isEmpty() ? "" : path + ": ";
            return new LocatedException(source + ":" + line + ": " + field + message, cause);
        }

        private static String child(String path, String name) {
            return path.isEmpty() ? name : path + "." + name;
        }

        /**
         * One JSON object being read into a spec. Each field is converted and set in turn, and the spec is built after
         * each one, so that a value the spec rejects is reported at its own field (a value that conflicts with an
         * earlier field at the later one). Only the first problem is kept; unknown fields are reported before it.
         */
        private final class Fields<T> {
            private final JsonNode node;
            private final String path;
            private final Supplier<T> build;
            private final Set<String> known = new LinkedHashSet<>();
            private LocatedException problem;

            Fields(JsonNode node, String path, Supplier<T> build) {
                if (!node.isObject()) {
                    throw error(lines.get(path), path, "must be a JSON object {...}, got " + node, null);
                }
                this.node = node;
                this.path = path;
                this.build = build;
            }

            /** A field that must be given: its type rejects null. */
            <V> void required(String name, Type<V> type, Consumer<? super V> set) {
                field(name, type, set, true);
            }

            /** A field that may be null or left out: then the spec's default (null) stays. */
            <V> void optional(String name, Type<V> type, Consumer<? super V> set) {
                field(name, type, set, false);
            }

            /**
             * A field added after 0.1.0: left out, the spec's default stays, so that files written before it still
             * read; given, it must hold a value.
             */
            <V> void added(String name, Type<V> type, Consumer<? super V> set) {
                if (node.has(name)) {
                    required(name, type, set);
                } else {
                    known.add(name);
                }
            }

            private <V> void field(String name, Type<V> type, Consumer<? super V> set, boolean required) {
                known.add(name);
                if (problem != null) {
                    return;
                }
                String field = child(path, name);
                JsonNode value = node.get(name);
                if (value == null && required) {
                    problem = error(lines.get(path), field, "required field is missing", null);
                }
                if (value == null || value.isNull() && !required) {
                    return;
                }
                try {
                    set.accept(type.read(value, field));
                    build.get();
                } catch (LocatedException e) {
                    problem = e;
                } catch (IllegalArgumentException e) {
                    problem = error(lines.get(field), field, e.getMessage(), e);
                }
            }

            /**
             * The spec.
             *
             * @throws LocatedException for an unknown field, else for the first problem
             */
            T done() {
                for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (!known.contains(name)) {
                        String field = child(path, name);
                        throw error(lines.get(field), field, "unknown field; the fields here are "
                                + String.join(", ", known), null);
                    }
                }
                if (problem != null) {
                    throw problem;
                }
                try {
                    return build.get();
                } catch (IllegalArgumentException e) {
                    throw error(lines.get(path), path, e.getMessage(), e);
                }
            }
        }
    }
}
