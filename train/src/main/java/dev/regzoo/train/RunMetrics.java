package dev.regzoo.train;

import dev.regzoo.recipes.StoppingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * A run folder's {@code metrics.json} read back, as {@link RunReport} writes it: after every epoch while the run
 * trains (termination {@value #RUNNING}, best epoch 0) and once more when it ends.
 *
 * @param recipe       the recipe's name
 * @param monitor      the monitored validation score
 * @param bestEpoch    the epoch of the best model (from 1), 0 while running or when none was saved
 * @param bestScore    the monitored score of that epoch
 * @param termination  why training stopped, or {@value #RUNNING}
 * @param seconds      wall time so far
 * @param epochs       per-epoch records
 * @param testAccuracy the best model's test accuracy, when it was evaluated
 */
public record RunMetrics(String recipe, StoppingSpec.Monitor monitor, int bestEpoch, double bestScore,
                         String termination, double seconds, List<EpochRecord> epochs, OptionalDouble testAccuracy) {

    /** File name inside the run folder. */
    public static final String FILE = "metrics.json";
    /** The termination of a run still training. */
    public static final String RUNNING = "running";

    /** How a run ended, read from its termination. */
    public enum Ending {
        /** All epochs were trained. */
        FINISHED,
        /** Stopped before its last epoch: no improvement for the patience, or the time limit. */
        STOPPED_EARLY,
        /** The training loss became NaN or infinite. */
        DIVERGED
    }

    public RunMetrics {
        epochs = List.copyOf(epochs);
    }

    /**
     * The {@code metrics.json} of {@code runDir}; empty when there is none (no epoch has finished yet).
     *
     * @throws IllegalArgumentException naming the file when it cannot be read as metrics
     */
    public static Optional<RunMetrics> read(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode m = RunFolder.JSON.readTree(file.toFile());
            if (m == null || !m.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            List<EpochRecord> epochs = new ArrayList<>();
            JsonNode rows = required(m, "epochs");
            if (!rows.isArray()) {
                throw new IllegalArgumentException("\"epochs\" must be a list, got " + rows);
            }
            for (JsonNode e : rows) {
                epochs.add(new EpochRecord(required(e, "epoch").asInt(), number(e, "train_loss"),
                        number(e, "val_loss"), number(e, "val_accuracy"), number(e, "lr"), number(e, "seconds"),
                        number(e, "images_per_s")));
            }
            JsonNode test = m.path("test").path("accuracy");
            return Optional.of(new RunMetrics(required(m, "recipe").asText(),
                    StoppingSpec.Monitor.parse(required(m, "monitor").asText()), required(m, "best_epoch").asInt(),
                    number(m, "best_score"), required(m, "termination").asText(), number(m, "seconds"), epochs,
                    test.isMissingNode() ? OptionalDouble.empty() : OptionalDouble.of(test.asDouble())));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** How the run ended; empty while it trains (or when it was interrupted before its end). */
    public Optional<Ending> ending() {
        if (termination.equals(RUNNING)) {
            return Optional.empty();
        }
        if (termination.startsWith(EarlyStopping.DIVERGED)) {
            return Optional.of(Ending.DIVERGED);
        }
        return Optional.of(termination.contains(RunEpochLimit.NAME) ? Ending.FINISHED : Ending.STOPPED_EARLY);
    }

    /**
     * The best epoch (from 1): the saved best model's once the run ended, the best so far by the monitored score while
     * it trains; 0 when there is none.
     */
    public int bestEpochSoFar() {
        return ending().isPresent() ? bestEpoch : BestEpoch.of(epochs, monitor).index() + 1;
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("no \"" + field + "\"");
        }
        return value;
    }

    /** A number, or NaN written by Jackson as the string "NaN" (a diverged run's losses). */
    private static double number(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isNumber() && !value.asText().equals("NaN") && !value.asText().endsWith("Infinity")) {
            throw new IllegalArgumentException("\"" + field + "\" must be a number, got " + value);
        }
        return value.asDouble();
    }
}
