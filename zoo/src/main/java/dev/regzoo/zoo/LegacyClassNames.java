package dev.regzoo.zoo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The class names that model files saved by regzoo 0.1.0 (before the module split) hold for regzoo's DL4J extensions,
 * and their names now.
 * A model file names each custom layer, vertex, pre-processor and schedule by its class in
 * {@code configuration.json}; the split moved them from {@code dev.regzoo.zoo} to {@code dev.regzoo.zoo.layers}.
 * DL4J resolves those names with Jackson's class-name type ids and has no hook to rename one, so the configuration is
 * rewritten before DL4J reads it.
 */
final class LegacyClassNames {

    /** Old fully qualified name to new one, for every serialized class that moved. */
    static final Map<String, String> MOVED = List.of("AddVertex", "ChannelsFirstPreProcessor",
                    "ChannelsLastPreProcessor", "KeptOutputConvolutionLayer", "MatmulDenseLayer", "ReluLayer",
                    "WarmupCosineSchedule").stream()
            .collect(Collectors.toUnmodifiableMap(name -> "dev.regzoo.zoo." + name, name -> "dev.regzoo.zoo.layers." + name));

    private LegacyClassNames() {
    }

    /** {@code json} with every moved class name, as a JSON string, replaced by its new name. */
    static String mapped(String json) {
        String result = json;
        for (Map.Entry<String, String> move : MOVED.entrySet()) {
            result = result.replace('"' + move.getKey() + '"', '"' + move.getValue() + '"');
        }
        return result;
    }

    /**
     * The model file {@code zip} with its {@code configuration.json} passed through {@link #mapped(String)}; the same
     * array when nothing needs mapping.
     */
    static byte[] mapped(byte[] zip, String configurationEntry) {
        return rewriteEntry(zip, configurationEntry, bytes -> {
            String json = new String(bytes, StandardCharsets.UTF_8);
            String mapped = mapped(json);
            return mapped.equals(json) ? bytes : mapped.getBytes(StandardCharsets.UTF_8);
        });
    }

    private static byte[] rewriteEntry(byte[] zip, String entryName, Function<byte[], byte[]> rewrite) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(zip.length + 1024);
            boolean changed = false;
            try (ZipOutputStream zipOut = new ZipOutputStream(out)) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    byte[] content = in.readAllBytes();
                    if (entry.getName().equals(entryName)) {
                        byte[] rewritten = rewrite.apply(content);
                        changed |= rewritten != content;
                        content = rewritten;
                    }
                    zipOut.putNextEntry(new ZipEntry(entry.getName()));
                    zipOut.write(content);
                    zipOut.closeEntry();
                }
            }
            return changed ? out.toByteArray() : zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
