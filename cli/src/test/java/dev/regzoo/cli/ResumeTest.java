package dev.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.regzoo.train.TinyFashion;
import dev.regzoo.zoo.ModelFiles;
import dev.regzoo.zoo.ModelManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** A training process killed with SIGKILL mid-run continues with --resume and finishes with a loadable model. */
class ResumeTest {

    private static final Pattern EPOCH = Pattern.compile("\"epoch\" : (\\d+)");

    @TempDir
    Path dir;

    private static List<Integer> epochs(Path run) throws IOException {
        Path metrics = run.resolve("metrics.json");
        List<Integer> epochs = new ArrayList<>();
        if (Files.exists(metrics)) {
            Matcher m = EPOCH.matcher(Files.readString(metrics));
            while (m.find()) {
                epochs.add(Integer.parseInt(m.group(1)));
            }
        }
        return epochs;
    }

    @Test
    void aKilledRunResumesAndFinishes() throws Exception {
        Path data = TinyFashion.write(Files.createDirectories(dir.resolve("data")), 1600, 200);
        Path run = dir.resolve("run");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RegzooCli.class.getName(), "train", "fashion-smallcnn", "--data-dir", data.toString(), "--epochs", "5",
                "--patience", "5", "--width", "4", "--augment", "none", "--batch-size", "16", "--out", run.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (epochs(run).isEmpty()) {
            if (!child.isAlive()) {
                fail("the child ended before its first epoch: " + Files.readString(dir.resolve("child.log")));
            }
            if (System.nanoTime() > deadline) {
                child.destroyForcibly();
                fail("no epoch within 3 minutes");
            }
            Thread.sleep(50);
        }
        assertTrue(child.isAlive(), "killed mid-run, not after it");
        child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no clean-up
        int done = epochs(run).size();
        assertTrue(done >= 1 && done < 5, "epochs done before the kill: " + done);

        Cli.Result resumed = Cli.run("train", "--resume", run.toString());
        assertEquals(0, resumed.code(), resumed.err() + resumed.out());
        assertTrue(resumed.out().contains("Resuming " + run + " after epoch " + done), resumed.out());
        assertEquals(List.of(1, 2, 3, 4, 5), epochs(run), "epochs continue from where the run stopped");
        Path best = run.resolve("bestModel.zip");
        assertTrue(ModelFiles.load(best, false).numParams() > 0, "the best model loads");
        assertEquals(10, ModelManifest.readFrom(best).classes().size());
        assertTrue(Files.readString(run.resolve("metrics.json")).contains("\"test\""), "finished with a test report");
        String report = Files.readString(run.resolve("report.md"));
        assertTrue(report.contains("MaxEpochsTerminationCondition(5) after 5 epochs"), "the run's limit:\n" + report);
        JsonNode metrics = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
        double epochSeconds = 0;
        for (JsonNode epoch : metrics.get("epochs")) {
            epochSeconds += epoch.get("seconds").asDouble();
        }
        assertTrue(metrics.get("seconds").asDouble() >= epochSeconds, "wall time counts the earlier session's epochs");
    }

    @Test
    void resumeTakesNoOtherOptionsAndNeedsARunFolder() throws IOException {
        Cli.Result extra = Cli.run("train", "--resume", dir.toString(), "--epochs", "3");
        assertEquals(2, extra.code());
        assertTrue(extra.err().contains("takes no other arguments"), extra.err());
        Cli.Result notARun = Cli.run("train", "--resume", Files.createDirectories(dir.resolve("empty")).toString());
        assertEquals(2, notARun.code());
        assertTrue(notARun.err().contains("not a regzoo run folder"), notARun.err());
    }
}
