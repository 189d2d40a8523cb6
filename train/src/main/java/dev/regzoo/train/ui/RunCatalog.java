package dev.regzoo.train.ui;

import dev.regzoo.train.RunFolder;
import dev.regzoo.train.RunMetrics;
import dev.regzoo.train.UiRuns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Finds and reads what the pages show: each folder given to the UI as a run folder, or as a folder of runs (a study,
 * or a parent of run folders and studies, down to {@link UiRuns#DEPTH} levels), and the runs trained in this JVM.
 * It reads the folders anew on every call (a few small JSON files per run), so the pages follow runs as they train and
 * studies as they gain runs; a damaged or missing file becomes a note on its run, never an error of the page.
 */
final class RunCatalog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final UiRuns runs;

    private RunCatalog(UiRuns runs) {
        this.runs = runs;
    }

    /** The catalog of what {@code runs} shows now. */
    static Catalog of(UiRuns runs) {
        return new RunCatalog(runs).scan();
    }

    private Catalog scan() {
        Scan scan = new Scan();
        for (Path folder : runs.folders()) {
            scan.visit(folder, folder.getFileName().toString(), Optional.empty(), 0);
        }
        for (Path run : runs.trainedHere()) {
            if (scan.seen.add(run)) {
                scan.runs.add(run(run, run.getFileName().toString(), Optional.empty()));
            }
        }
        return new Catalog(scan.runs, scan.studies);
    }

    /** The id of a folder in the pages' addresses: stable for its path, safe in a URL. */
    static String id(Path dir) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(dir.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** What one scan has found so far. */
    private final class Scan {
        final List<RunEntry> runs = new ArrayList<>();
        final List<StudyEntry> studies = new ArrayList<>();
        final Set<Path> seen = new HashSet<>();

        void visit(Path dir, String label, Optional<String> study, int depth) {
            if (!seen.add(dir)) {
                return;
            }
            if (isRun(dir)) {
                runs.add(run(dir, label, study));
                return;
            }
            if (!holdsRuns(dir, depth)) {
                runs.add(notARun(dir, label, study, depth == 0
                        ? "not a run folder: no " + String.join(", ", UiRuns.runFiles()) + ", and no run folders inside"
                        : "not a run folder: no " + String.join(", ", UiRuns.runFiles())));
                return;
            }
            String id = id(dir);
            List<String> members = new ArrayList<>();
            int at = studies.size();
            for (Path child : subfolders(dir)) {
                String childLabel = label + "/" + child.getFileName();
                if (isRun(child) || !holdsRuns(child, depth + 1)) {
                    members.add(id(child));
                }
                visit(child, childLabel, Optional.of(id), depth + 1);
            }
            studies.add(at, new StudyEntry(id, dir, label, members));
        }
    }

    private RunEntry run(Path dir, String label, Optional<String> study) {
        List<String> notes = new ArrayList<>();
        Optional<RunMetrics> metrics = Optional.empty();
        boolean unreadable = false;
        try {
            metrics = RunMetrics.read(dir);
            if (metrics.isEmpty()) {
                notes.add("no " + RunMetrics.FILE + ": no epoch has finished");
            }
        } catch (IllegalArgumentException e) {
            unreadable = true;
            notes.add(RunMetrics.FILE + " cannot be read: " + firstLine(e.getCause() != null ? e.getCause() : e));
        }
        JsonNode recipe = recipe(dir, notes);
        RunStatus status = unreadable ? RunStatus.UNREADABLE
                : RunStatus.of(metrics, runs.trainingHere(dir), runs.trainingElsewhere(dir));
        UiRuns.RunStatistics stats = runs.statistics(dir);
        stats.problem().ifPresent(notes::add);
        String recipeName = metrics.map(RunMetrics::recipe).orElse(recipe.path("name").asText(""));
        return new RunEntry(id(dir), dir, label, study, status, recipeName, metrics, RecipeGlance.of(recipe),
                stats.sessions(), notes);
    }

    private static RunEntry notARun(Path dir, String label, Optional<String> study, String note) {
        return new RunEntry(id(dir), dir, label, study, RunStatus.NOT_A_RUN, "", Optional.empty(), List.of(),
                List.of(), List.of(note));
    }

    /** The run's {@code recipe.json} as JSON, or an empty object with a note saying why there is none. */
    private static JsonNode recipe(Path dir, List<String> notes) {
        Path file = dir.resolve(RunFolder.RECIPE_FILE);
        if (!Files.isRegularFile(file)) {
            notes.add("no " + RunFolder.RECIPE_FILE + ": the recipe's regularization is unknown");
            return JSON.createObjectNode();
        }
        try {
            JsonNode recipe = JSON.readTree(file.toFile());
            if (recipe != null && recipe.isObject()) {
                return recipe;
            }
            notes.add(RunFolder.RECIPE_FILE + " cannot be read: not a JSON object");
        } catch (IOException e) {
            notes.add(RunFolder.RECIPE_FILE + " cannot be read: " + firstLine(e));
        }
        return JSON.createObjectNode();
    }

    private static boolean isRun(Path dir) {
        return UiRuns.runFiles().stream().anyMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    private static boolean holdsRuns(Path dir, int depth) {
        return isRun(dir) || depth < UiRuns.DEPTH && subfolders(dir).stream().anyMatch(c -> holdsRuns(c, depth + 1));
    }

    /** The folder's subfolders by name, without hidden ones; none when it cannot be listed. */
    private static List<Path> subfolders(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).filter(c -> !c.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
