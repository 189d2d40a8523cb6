package dev.regzoo.cpu;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The oneDNN passes a layer has built, by shape, the least recently used dropped beyond a few: a layer sees the
 * training batch size and the smaller last batch of an epoch, and primitives are worth keeping between steps. An empty
 * value records a shape oneDNN does not serve, so the layer's other path takes it without asking again.
 *
 * @param <K> the shape
 * @param <V> the passes built for it
 */
final class RecentPasses<K, V> {

    private static final int MAX_SHAPES = 4;

    private final Map<K, Optional<V>> passes = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<K, Optional<V>> eldest) {
            return size() > MAX_SHAPES;
        }
    };

    /** The passes for {@code shape}, built by {@code build} the first time. */
    Optional<V> get(K shape, Function<K, Optional<V>> build) {
        return passes.computeIfAbsent(shape, build);
    }

    /** How many kept shapes have passes. */
    int served() {
        return (int) passes.values().stream().filter(Optional::isPresent).count();
    }
}
