package dev.regzoo.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.shade.jackson.databind.JsonNode;

/** Reads the per-epoch records of an earlier (interrupted) run back from its {@code metrics.json}. */
final class EpochHistory {

    private EpochHistory() {
    }

    static List<EpochRecord> read(Path runDir) {
        Path file = runDir.resolve("metrics.json");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<EpochRecord> records = new ArrayList<>();
            for (JsonNode e : RunFolder.JSON.readTree(file.toFile()).path("epochs")) {
                records.add(new EpochRecord(e.get("epoch").asInt(), e.get("train_loss").asDouble(),
                        e.get("val_loss").asDouble(), e.get("val_accuracy").asDouble(), e.get("lr").asDouble(),
                        e.get("seconds").asDouble(), e.get("images_per_s").asDouble()));
            }
            return records;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": cannot be read to resume the run: " + e.getMessage(), e);
        }
    }
}
