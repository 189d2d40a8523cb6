package dev.regzoo.cli.bench;

import dev.regzoo.zoo.ModelBuilder;
import dev.regzoo.zoo.ModelRegistry;
import dev.regzoo.zoo.RegzooModel;
import dev.regzoo.zoo.ResNet18;
import dev.regzoo.zoo.SmallCnn;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** The benchmarked models, named as in the PyTorch peer benchmark. */
public enum BenchModel {
    /** {@link SmallCnn} with its default width 32. */
    SMALLCNN(SmallCnn.NAME, null),
    /** {@link ResNet18} with width 16 (stages 16-32-64-128). */
    RESNET18W16(ResNet18.NAME, 16),
    /** {@link ResNet18} with its default width 64 (stages 64-128-256-512). */
    RESNET18(ResNet18.NAME, null);

    private final String registryName;
    private final Integer width;

    BenchModel(String registryName, Integer width) {
        this.registryName = registryName;
        this.width = width;
    }

    /** The benchmark's name, e.g. {@code resnet18w16}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** All benchmark names. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(BenchModel::id).toList();
    }

    /**
     * The model of that name.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static BenchModel of(String id) {
        return Arrays.stream(values()).filter(m -> m.id().equalsIgnoreCase(id.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("model must be one of " + ids() + ", got '" + id
                        + "'"));
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
