package dev.regzoo.zoo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Every model of the zoo by name, in one place. Names are lower case; {@link #builder(String)} gives a fresh builder
 * with the model's defaults so callers (the CLI, recipes) can set options before building.
 *
 * <pre>{@code
 * RegzooModel<?> model = ModelRegistry.create("resnet18", b -> b.inputShape(1, 28, 28).classes(10).width(16));
 * }</pre>
 */
public final class ModelRegistry {

    /**
     * A registered model.
     *
     * @param name        the registry name
     * @param description one line for {@code regzoo list}
     */
    public record Entry(String name, String description, Supplier<ModelBuilder<?, ?>> builder) {
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        register(SmallCnn.NAME, "VGG-style CNN for small images: 2 blocks of conv3x3+BN+ReLU x2 and max-pool, "
                + "dense 256, dropout (MultiLayerNetwork)", SmallCnn::builder);
        for (ResNetFamily.Member member : ResNetFamily.members()) {
            register(member.name(), member.description(), () -> ResNet.builder(member.spec()));
        }
    }

    private ModelRegistry() {
    }

    private static void register(String name, String description, Supplier<ModelBuilder<?, ?>> builder) {
        ENTRIES.put(name, new Entry(name, description, builder));
    }

    /** All registered models in registration order. */
    public static List<Entry> entries() {
        return List.copyOf(ENTRIES.values());
    }

    /** All registered names. */
    public static List<String> names() {
        return List.copyOf(ENTRIES.keySet());
    }

    /**
     * A fresh builder for the named model.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static ModelBuilder<?, ?> builder(String name) {
        Entry entry = name == null ? null : ENTRIES.get(name.toLowerCase());
        if (entry == null) {
            throw new IllegalArgumentException("model must be one of " + names() + ", got '" + name + "'");
        }
        return entry.builder().get();
    }

    /** Builds the named model after {@code configure} has set its options. */
    public static RegzooModel<?> create(String name, Consumer<ModelBuilder<?, ?>> configure) {
        ModelBuilder<?, ?> builder = builder(name);
        configure.accept(builder);
        return builder.build();
    }
}
