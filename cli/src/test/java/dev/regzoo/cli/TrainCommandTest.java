package dev.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.train.TinyFashion;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @TempDir
    Path dir;



    /** The case of the issue: the weights overflow while the training loss stays finite. */
    @Test
    void aLearningRateThatBreaksTheWeightsExitsWithThreeAndTheHint() throws IOException {
        Path data = TinyFashion.write(Files.createDirectories(dir.resolve("data")), 300, 50);
        Cli.Result r = Cli.run("train", "fashion-smallcnn", "--data-dir", data.toString(), "--epochs", "2",
                "--train-limit", "300", "--lr", "10000", "--width", "4", "--augment", "none", "--out",
                dir.resolve("nan").toString());
        assertEquals(3, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("Stopped: diverged: the loss became NaN or infinite")
                && r.out().contains("lower the learning rate"), r.out());
        assertEquals("", r.err().strip(), "no evaluation error");
    }

    @Test
    void softLabelsAndEmaAreRecordedInTheRunsRecipeAndReport() throws IOException {
        Path data = TinyFashion.write(Files.createDirectories(dir.resolve("data")), 200, 50);
        Path out = dir.resolve("run");
        Cli.Result r = Cli.run("train", "fashion-smallcnn", "--data-dir", data.toString(), "--epochs", "1", "--width",
                "4", "--augment", "none", "--batch-size", "32", "--label-smoothing", "0.1", "--mixup", "0.2",
                "--cutmix", "1", "--ema-decay", "0.99", "--out", out.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        String recipe = Files.readString(out.resolve("recipe.json"));
        assertTrue(recipe.contains("\"smoothing\" : 0.1") && recipe.contains("\"cutmix\" : 1.0")
                && recipe.contains("\"decay\" : 0.99"), recipe);
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("Soft training labels: label smoothing 0.1, mixup α 0.2, CutMix α 1.0")
                && report.contains("EMA of the weights (decay 0.99, warm-up 10)"), report);
        assertTrue(Files.isRegularFile(out.resolve("latestEma.zip")), "the average beside the checkpoint");
    }

    @Test
    void trainThenEvalReportTheSameTestAccuracy() throws IOException {
        Path data = TinyFashion.write(Files.createDirectories(dir.resolve("data")), 300, 100);
        Path out = dir.resolve("run");
        Cli.Result train = Cli.run("train", "fashion-smallcnn", "--data-dir", data.toString(), "--epochs", "2", "--width",
                "4", "--augment", "none", "--batch-size", "32", "--out", out.toString());
        assertEquals(0, train.code(), train.err() + train.out());
        assertTrue(train.out().contains("epoch   2"), train.out());
        String metrics = Files.readString(out.resolve("metrics.json"));
        Matcher m = Pattern.compile("\"test\" : \\{\\s*\"accuracy\" : ([0-9.]+)").matcher(metrics);
        assertTrue(m.find(), metrics);
        double accuracy = Double.parseDouble(m.group(1));
        assertTrue(Files.readString(out.resolve("recipe.json")).contains("\"trainLimit\" : 0"));

        Cli.Result eval = Cli.run("eval", out.resolve("bestModel.zip").toString(), "--data-dir", data.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains(String.format("Test accuracy: %.4f", accuracy)), eval.out() + " vs " + accuracy);

        predict(out.resolve("bestModel.zip"));
    }

    /** A channels-last model trains, and its saved file is evaluated and predicts from the same channels-first data. */
    @Test
    void channelsLastTrainsAndItsModelEvaluatesAndPredicts() throws IOException {
        Path data = TinyFashion.write(Files.createDirectories(dir.resolve("data")), 200, 60);
        Path out = dir.resolve("run");
        Cli.Result train = Cli.run("train", "fashion-smallcnn", "--data-dir", data.toString(), "--epochs", "1",
                "--width", "4", "--augment", "none", "--batch-size", "32", "--channels-last", "--out", out.toString());
        assertEquals(0, train.code(), train.err() + train.out());
        assertTrue(Files.readString(out.resolve("recipe.json")).contains("\"channelsLast\" : true"));
        Cli.Result eval = Cli.run("eval", out.resolve("bestModel.zip").toString(), "--data-dir", data.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("Test accuracy: "), eval.out());
        predict(out.resolve("bestModel.zip"));

        Cli.Result withFrom = Cli.run("train", "fashion-smallcnn", "--data-dir", data.toString(), "--channels-last",
                "--from", "pretrained:fashion-smallcnn", "--out", dir.resolve("b").toString());
        assertEquals(2, withFrom.code());
        assertTrue(withFrom.err().contains("--channels-last cannot be used with --from"), withFrom.err());
        assertFalse(Files.exists(dir.resolve("b")), "no run folder for a refused command");

        Cli.Result withSpatial = Cli.run("train", "fashion-smallcnn", "--data-dir", data.toString(),
                "--channels-last", "--spatial-dropout", "0.1", "--out", dir.resolve("c").toString());
        assertEquals(2, withSpatial.code());
        assertTrue(withSpatial.err().contains("--channels-last cannot be used with spatial dropout"),
                withSpatial.err());
        assertFalse(Files.exists(dir.resolve("c")), "no run folder for a refused command");
    }

    @Test
    void regularizersTheModelCannotTakeExitWithTwoBeforeAnyRunFolder() {
        Path out = dir.resolve("refused");
        record Refused(List<String> command, List<String> says) {
        }
        for (Refused c : List.of(
                new Refused(List.of("fashion-smallcnn", "--drop-path", "0.1"),
                        List.of("drop path 0.1", "smallcnn has none", "allowed for it: 0")),
                new Refused(List.of("fashion-resnet18-narrow", "--drop-path", "1"),
                        List.of("drop path must be in [0, 1)", "got 1.0")),
                new Refused(List.of("fashion-smallcnn", "--drop-block", "0.1", "--spatial-dropout", "0.1"),
                        List.of("drop block 0.1", "spatial dropout 0.1", "set one of them to 0")),
                new Refused(List.of("fashion-smallcnn", "--clip-norm", "-1"),
                        List.of("gradient clip norm must be a finite number >= 0, got -1.0")))) {
            List<String> args = new ArrayList<>(List.of("train"));
            args.addAll(c.command());
            args.addAll(List.of("--out", out.toString()));
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertEquals(2, r.code(), String.join(" ", c.command()));
            c.says().forEach(text -> assertTrue(r.err().contains(text), r.err()));
            assertEquals(1, r.err().strip().lines().filter(line -> !line.startsWith("Usage:")).count(),
                    "one line besides the usage hint: " + r.err());
        }
        assertFalse(Files.exists(out), "nothing is written for a refused command");
    }

    /** Refused once the data gives the feature maps' sizes: the run folder the command had started is removed. */
    @Test
    void aDropBlockLargerThanTheMapsExitsWithTwoAndLeavesNoRunFolder() throws IOException {
        Path data = TinyFashion.write(Files.createDirectories(dir.resolve("data")), 100, 20);
        Path out = dir.resolve("block");
        Cli.Result r = Cli.run("train", "fashion-resnet18-narrow", "--data-dir", data.toString(), "--drop-block",
                "0.1", "--drop-block-size", "20", "--out", out.toString());
        assertEquals(2, r.code(), r.err() + r.out());
        assertTrue(r.err().contains("drop block size 20 is larger than the 2x2, 1x1 feature maps")
                && r.err().contains("allowed: 1 to 2"), r.err());
        assertFalse(Files.exists(out), "no run folder for a refused command");

        Path existing = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(existing.resolve("notes.txt"), "the user's");
        assertEquals(2, Cli.run("train", "fashion-resnet18-narrow", "--data-dir", data.toString(), "--drop-block",
                "0.1", "--drop-block-size", "20", "--out", existing.toString()).code());
        assertTrue(Files.isRegularFile(existing.resolve("notes.txt")), "a folder holding other files is kept");
    }

    /** Top-K on PNGs, one of another size and channel count (converted, not rejected); bad files exit 2. */
    private void predict(Path model) throws IOException {
        Path grey = image("grey.png", BufferedImage.TYPE_BYTE_GRAY, 8, 8);
        Path colour = image("colour.png", BufferedImage.TYPE_3BYTE_BGR, 24, 17);
        Cli.Result r = Cli.run("predict", model.toString(), grey.toString(), colour.toString(), "--top", "2");
        assertEquals(0, r.code(), r.err());
        Matcher row = Pattern.compile("^  (\\S.*?)\\s+(0\\.\\d{4}|1\\.0000)$", Pattern.MULTILINE).matcher(r.out());
        int rows = 0;
        while (row.find()) {
            rows++;
        }
        assertEquals(4, rows, "two classes with probabilities for each of two images:\n" + r.out());
        assertTrue(r.out().contains("grey.png") && r.out().contains("colour.png"), r.out());

        Path missing = dir.resolve("missing.png");
        Cli.Result absent = Cli.run("predict", model.toString(), missing.toString());
        assertEquals(2, absent.code());
        assertTrue(absent.err().contains("missing.png") && absent.err().contains("not found"), absent.err());
        Path broken = Files.write(dir.resolve("broken.png"), new byte[] {1, 2, 3});
        Cli.Result unreadable = Cli.run("predict", model.toString(), broken.toString());
        assertEquals(2, unreadable.code());
        assertTrue(unreadable.err().contains("broken.png") && unreadable.err().contains("not a readable"),
                unreadable.err());
    }

    private Path image(String name, int type, int width, int height) throws IOException {
        BufferedImage img = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            img.setRGB(width / 3, y, 0xFFFFFF);
        }
        Path file = dir.resolve(name);
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    @Test
    void unknownRecipeListsTheValidNames() {
        Cli.Result r = Cli.run("train", "fashion-vgg");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("fashion-vgg") && r.err().contains("fashion-smallcnn"), r.err());
    }

    @Test
    void nonPositiveEpochsOrBatchSizeAreRejected() {
        Cli.Result epochs = Cli.run("train", "fashion-smallcnn", "--epochs", "0", "--out", dir.resolve("a").toString());
        assertEquals(2, epochs.code());
        assertTrue(epochs.err().contains("epochs must be at least 1, got 0"), epochs.err());
        Cli.Result batch = Cli.run("train", "fashion-smallcnn", "--batch-size", "-4", "--out", dir.resolve("b").toString());
        assertEquals(2, batch.code());
        assertTrue(batch.err().contains("batch size must be at least 1, got -4"), batch.err());
        assertFalse(Files.exists(dir.resolve("a")) || Files.exists(dir.resolve("b")), "nothing written");
    }

    @Test
    void unwritableOutputFolderFailsBeforeTraining() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Cli.Result r = Cli.run("train", "fashion-smallcnn", "--out", file.resolve("run").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("cannot be written") && r.err().contains("a-file"), r.err());
        assertFalse(r.out().contains("epoch"), "no training started");
    }

    @Test
    void evalOfAFileThatIsNotAModel() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.zip"), "not a model");
        Cli.Result r = Cli.run("eval", junk.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("junk.zip") && r.err().contains("not a DL4J model"), r.err());
        Cli.Result missing = Cli.run("eval", dir.resolve("nope.zip").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("not found"), missing.err());
    }

    @Test
    void recipeMainRunsTheSameCommand() {
        String[] args = RegzooCli.trainArgs("fashion-smallcnn", new String[] {"--epochs", "5"});
        assertEquals("train fashion-smallcnn --epochs 5", String.join(" ", args));
    }
}
