package dev.regzoo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.cli.RegzooCli;
import dev.regzoo.train.TinyFashion;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * {@code regzoo tune --spark MASTER}: trials as Spark tasks ({@code local[N]}) into a study folder given as a Hadoop URI
 * (Hadoop's local file system, {@code file://}: the same {@code FileSystem} API as {@code hdfs://}), a study killed with
 * SIGKILL and continued, and bad input.
 */
class SparkTuneTest {

    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void tinyData() throws IOException {
        data = TinyFashion.write(Files.createDirectories(dir.resolve("data")), 200, 60);
    }

    /** A 3-trial ASHA study (rungs at 1 and 3 epochs) of a 4-channel SmallCnn on the tiny data. */
    private static List<String> study(String master, String out) {
        return List.of("tune", "fashion-smallcnn", "--data-dir", data.toString(), "--space",
                "lr=loguniform(1e-3,1e-1)", "--trials", "3", "--max-epochs", "3", "--width", "4", "--augment",
                "none", "--batch-size", "32", "--spark", master, "--out", out);
    }

    @Test
    void trialsTrainAsSparkTasksIntoAHadoopStudyFolder() throws IOException {
        Path out = dir.resolve("study");
        String uri = out.toUri().toString();
        SparkCli.Result r = SparkCli.regzoo(study("local[2]", uri).toArray(String[]::new));

        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("2 at a time, as Spark tasks on local[2]"), "the master's 2 slots: " + r.out());
        assertTrue(r.out().contains("Study: " + uri), r.out());
        JsonNode study = json(out.resolve("study.json"));
        assertEquals("finished", study.get("status").asText());
        for (String file : List.of("trials.tsv", "report.md", "best-recipe.json", "base-recipe.json", "space.json")) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file + " copied to the study folder");
        }
        for (JsonNode trial : study.get("trials")) {
            Path folder = out.resolve(String.format("trial-%03d", trial.get("id").asInt()));
            for (String file : List.of("metrics.json", "latestModel.zip", "recipe.json")) {
                assertTrue(Files.isRegularFile(folder.resolve(file)), folder + "/" + file);
            }
            assertEquals(trial.get("rungAccuracy").size(), sparkTasks(folder),
                    "one Spark task per session, each ending at a rung: " + folder);
        }
        try (var left = Files.list(out)) {
            assertTrue(left.noneMatch(f -> f.getFileName().toString().endsWith(".copying")), "no partial copies");
        }

        SparkCli.Result again = SparkCli.regzoo(study("local[2]", uri).toArray(String[]::new));
        assertEquals(2, again.code());
        assertTrue(again.err().contains(uri + " holds a study already: continue it with --resume"), again.err());
    }

    @Test
    void aStudyKilledMidSessionContinuesOnSparkWithoutLosingOrRepeatingASession() throws Exception {
        Path out = dir.resolve("killed");
        String uri = out.toUri().toString();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-modules")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RegzooCli.class.getName()));
        command.addAll(study("local[1]", uri));
        Process search = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed.log").toFile()).start();
        try {
            // kill -9 once trial 1 is paused at its rung and trial 2 is training
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!(states(out).contains("paused") && states(out).contains("running"))) {
                assertTrue(search.isAlive() && System.nanoTime() < deadline, "the search ran to a paused trial: "
                        + Files.readString(dir.resolve("killed.log")));
                Thread.sleep(50);
            }
        } finally {
            search.destroyForcibly().waitFor();
        }

        assertTrue(Files.isRegularFile(out.resolve(HadoopLock.FILE)), "the killed search left its lock");
        SparkCli.Result resumed = SparkCli.regzoo("tune", "--resume", uri, "--spark", "local[1]");

        assertEquals(0, resumed.code(), resumed.out() + resumed.err());
        assertTrue(resumed.out().contains("resumes after an interruption"), resumed.out());
        JsonNode study = json(out.resolve("study.json"));
        assertEquals("finished", study.get("status").asText());
        int sessions = 0;
        int tasks = 0;
        for (JsonNode trial : study.get("trials")) {
            String state = trial.get("state").asText();
            assertTrue(state.equals("completed") || state.equals("pruned"), "trial " + trial.get("id") + ": " + state);
            Path folder = out.resolve(String.format("trial-%03d", trial.get("id").asInt()));
            sessions += trial.get("rungAccuracy").size();
            tasks += sparkTasks(folder);
            if (trial.get("id").asInt() == 1) {
                assertEquals(trial.get("rungAccuracy").size(), sparkTasks(folder), "trial 1, paused at the kill, "
                        + "repeats no session");
            }
        }
        assertEquals(sessions, tasks, "one task per session: the one the kill interrupted copied nothing back");
        assertFalse(Files.exists(out.resolve(HadoopLock.FILE)), "the dead search's lock taken over, then released");
    }

    @Test
    void anUnreachableMasterOrAFolderWithoutAStudyFailsBeforeAnyTrial() {
        Path out = dir.resolve("never");
        SparkCli.Result master = SparkCli.regzoo(study("spark://127.0.0.1:1", out.toUri().toString())
                .toArray(String[]::new));
        assertEquals(2, master.code(), master.err());
        assertTrue(master.err().contains("cannot reach the Spark master spark://127.0.0.1:1"), master.err());
        assertFalse(Files.exists(out), "nothing written");

        String absent = dir.resolve("absent").toUri().toString();
        SparkCli.Result resume = SparkCli.regzoo("tune", "--resume", absent, "--spark", "local[1]");
        assertEquals(2, resume.code(), resume.err());
        assertTrue(resume.err().contains(absent + ": not a regzoo tune study folder (no study.json)"), resume.err());
        assertFalse(Files.exists(dir.resolve("absent")), "nothing created");
    }

    @Test
    void aHadoopStudyFolderTakesOneSearchAtATime() throws IOException {
        Path held = Files.createDirectories(dir.resolve("held"));
        Files.writeString(held.resolve("study.json"), "{}");
        String holder = ProcessHandle.current().pid() + "@" + java.net.InetAddress.getLocalHost().getHostName();
        Files.writeString(held.resolve(HadoopLock.FILE), holder);

        SparkCli.Result r = SparkCli.regzoo("tune", "--resume", held.toUri().toString(), "--spark", "local[1]");

        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("is in use by another regzoo tune (process " + holder + ")"), r.err());
        assertEquals(holder, Files.readString(held.resolve(HadoopLock.FILE)), "a live holder keeps its lock");
    }

    /** The states of the trials in a study folder's {@code study.json}, or none before it is written. */
    private static List<String> states(Path study) throws IOException {
        if (!Files.isRegularFile(study.resolve("study.json"))) {
            return List.of();
        }
        JsonNode trials = json(study.resolve("study.json")).get("trials");
        return IntStream.range(0, trials.size()).mapToObj(i -> trials.get(i).get("state").asText()).toList();
    }

    private static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    /** Spark tasks that trained the trial in {@code folder}: the lines they wrote to its log. */
    private static long sparkTasks(Path folder) throws IOException {
        return Files.readAllLines(folder.resolve("trial.log")).stream().filter(l -> l.startsWith("Spark task:"))
                .count();
    }
}
