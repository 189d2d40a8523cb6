package dev.regzoo.cli.bench;

import dev.regzoo.zoo.ModelBuilder;
import dev.regzoo.zoo.ModelRegistry;
import dev.regzoo.zoo.RegzooModel;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A benchmarked model, named as in the PyTorch peer benchmark: a registry name ({@code smallcnn}, {@code resnet18},
 * {@code wrn16_4} …) for the model at its default width, or the name and {@code w} and a width ({@code resnet18w16}:
 * stages 16-32-64-128).
 *
 * @param id           the benchmark's name, e.g. {@code resnet18w16}
 * @param registryName the zoo model's name in {@link ModelRegistry}
 * @param width        the model's width, or null for its default
 */
public record BenchModel(String id, String registryName, Integer width) {

    private static final Pattern AT_WIDTH = Pattern.compile("(.+)w([1-9][0-9]*)");

    /**
     * The model of that name.
     *
     * @throws IllegalArgumentException for a name that is neither a registered model nor one with {@code wN}
     */
    public static BenchModel of(String id) {
        String name = id.strip().toLowerCase(Locale.ROOT);
        if (ModelRegistry.names().contains(name)) {
            return new BenchModel(name, name, null);
        }
        Matcher m = AT_WIDTH.matcher(name);
        if (m.matches() && ModelRegistry.names().contains(m.group(1))) {
            return new BenchModel(name, m.group(1), Integer.parseInt(m.group(2)));
        }
        throw new IllegalArgumentException("model must be a zoo model " + ModelRegistry.names()
                + ", optionally with wWIDTH (e.g. resnet18w16), got '" + id + "'");
    }

    /** Builds the zoo model after {@code configure} has set the options the benchmark shares. */
    RegzooModel<?> build(Consumer<ModelBuilder<?, ?>> configure) {
        return ModelRegistry.create(registryName, b -> {
            configure.accept(b);
            if (width != null) {
                b.width(width);
            }
        });
    }
}
