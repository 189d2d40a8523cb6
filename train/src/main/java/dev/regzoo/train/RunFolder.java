package dev.regzoo.train;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.RecipeFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.PropertyAccessor;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * A run's output folder. Every file is written to a temporary file and renamed, so readers never see half a file.
 * {@link #create(Path)} fails before any training when the folder cannot be written.
 */
public final class RunFolder {

    /** File name of the run's resolved recipe. */
    public static final String RECIPE_FILE = "recipe.json";

    static final ObjectMapper JSON = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates (or reuses) {@code dir} and checks that it can be written.
     *
     * @throws IllegalArgumentException naming the folder when it cannot be created or written
     */
    public static RunFolder create(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("output folder " + dir + " cannot be written: " + e.getMessage(), e);
        }
        return new RunFolder(dir);
    }

    /** The default folder of a new run or study: {@code runs/<name>-<yyyyMMdd-HHmmss>}. */
    public static Path timestamped(String name) {
        return Path.of("runs", name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    public Path dir() {
        return dir;
    }

    /** Writes {@code recipe.json}: the fully resolved recipe, as a recipe file ({@code regzoo train --recipe}). */
    public void writeRecipe(Recipe recipe) {
        writeText(RECIPE_FILE, RecipeFiles.toJson(recipe));
    }

    /** Writes {@code value} as JSON into the run folder, atomically. */
    public void writeJson(String name, Object value) {
        writeText(name, toJson(value));
    }

    /** {@code value} as the indented JSON that run folders hold. */
    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getMessage(), e);
        }
    }

    /**
     * A text file of the run folder, if it exists.
     *
     * @throws UncheckedIOException when it exists but cannot be read
     */
    public Optional<String> readText(String name) {
        Path file = dir.resolve(name);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a text file into the run folder, atomically. */
    public void writeText(String name, String text) {
        write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a JSON file of the run folder, if it exists.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read as {@code type}
     */
    public <T> Optional<T> readJson(String name, Class<T> type) {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), type));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a file into the run folder, atomically. */
    public void write(String name, byte[] bytes) {
        Path tmp = dir.resolve("." + name + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name) + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write already failed or succeeded; a leftover temporary file is only clutter
            }
        }
    }
}
