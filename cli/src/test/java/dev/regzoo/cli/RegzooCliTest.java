package dev.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import picocli.CommandLine;

class RegzooCliTest {

    /** A command that fails the way a library bug does: a runtime exception with no message. */
    @CommandLine.Command(name = "broken")
    static final class Broken implements Runnable {
        @Override
        public void run() {
            throw new NoSuchElementException();
        }
    }

    @Test
    void aFailureWithoutAMessageIsNamedByItsClassAndExitsWithOne() {
        CommandLine cli = RegzooCli.withExitCodes(new CommandLine(new Broken()));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertEquals(RegzooCli.EXIT_FAILED, cli.execute());
        assertEquals("regzoo: java.util.NoSuchElementException", err.toString().strip());
    }

    @Test
    void summaryOfSmallCnnEndsWithItsTotal() {
        Cli.Result r = Cli.run("summary", "smallcnn");
        assertEquals(0, r.code(), r.err());
        assertEquals("Total params: 871402", r.lastLine());
    }

    @Test
    void summaryOfNarrowResNet18() {
        Cli.Result r = Cli.run("summary", "resnet18", "--width", "16");
        assertEquals(0, r.code(), r.err());
        assertEquals("Total params: 703578", r.lastLine());
    }

    @Test
    void summaryHonoursInputAndClasses() {
        Cli.Result r = Cli.run("summary", "smallcnn", "--input", "3,32,32", "--classes", "100");
        assertEquals(0, r.code(), r.err());
        // conv1 gains 2*32*9 weights, dense sees 64*8*8 features, the classifier has 100 outputs
        long expected = 871_402 + 2 * 32 * 9 + (64 * 8 * 8 - 64 * 7 * 7) * 256 + 256 * 90 + 90;
        assertEquals("Total params: " + expected, r.lastLine());
    }

    @Test
    void listNamesEveryModel() {
        Cli.Result r = Cli.run("list");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("smallcnn") && r.out().contains("resnet18"), r.out());
        assertTrue(r.out().contains("wrn28_10") && r.out().contains("Bottlenecks [3, 4, 6, 3]"), r.out());
    }

    @Test
    void summaryOfAResNetFamilyMemberShowsThePyTorchAndTheDl4jCount() {
        Cli.Result r = Cli.run("summary", "wrn16_4", "--input", "3,32,32");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Trainable params: 2748890"), r.out()); // Zagoruyko & Komodakis' WRN-16-4
        assertTrue(r.out().contains("stage3_block2_preact_relu"), r.out());
        long bnStatistics = Long.parseLong(r.out().replaceAll("(?s).*running statistics \\(not trained\\): (\\d+).*",
                "$1"));
        assertEquals("Total params: " + (2_748_890 + bnStatistics), r.lastLine());
    }

    @Test
    void aWidthThatLeavesNoChannelsExitsWithTwo() {
        Cli.Result r = Cli.run("summary", "wrn16_4", "--width", "1");
        assertEquals(RegzooCli.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("width must be at least 2 for wrn16_4") && r.err().contains("got 1"), r.err());
    }

    @Test
    void unknownModelExitsWithTwoAndNamesTheChoices() {
        Cli.Result r = Cli.run("summary", "vgg99");
        assertEquals(RegzooCli.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("vgg99") && r.err().contains("smallcnn"), r.err());
        assertTrue(r.err().contains("Usage: regzoo summary --help"), r.err());
    }

    @Test
    void outOfRangeOptionExitsWithTwoAndNamesOptionValueAndRange() {
        Cli.Result r = Cli.run("summary", "smallcnn", "--classes", "1");
        assertEquals(RegzooCli.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("classes must be at least 2, got 1"), r.err());
        Cli.Result tiny = Cli.run("summary", "resnet18", "--input", "1,4,4");
        assertEquals(RegzooCli.EXIT_BAD_INPUT, tiny.code());
        assertTrue(tiny.err().contains("1x4x4") && tiny.err().contains("at least 8"), tiny.err());
    }

    @Test
    void uiWithoutFoldersOrWithBadOnesExitsWithTwo() {
        Cli.Result r = Cli.run("ui");
        assertEquals(RegzooCli.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("at least one FOLDER, or --remote"), r.err());
        Cli.Result absent = Cli.run("ui", "no/such/folder");
        assertEquals(RegzooCli.EXIT_BAD_INPUT, absent.code());
        assertTrue(absent.err().contains("no/such/folder is not a folder"), absent.err());
        Cli.Result host = Cli.run("ui", "--remote", "--host", "no-such-host.invalid");
        assertEquals(RegzooCli.EXIT_BAD_INPUT, host.code());
        assertTrue(host.err().contains("--host") && host.err().contains("no-such-host.invalid"), host.err());
    }

    @Test
    void malformedNumberIsAParseErrorWithExitTwo() {
        Cli.Result r = Cli.run("summary", "smallcnn", "--classes", "ten");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--classes"), r.err());
    }

    @Test
    void benchPrintsOneJsonLineWithThePeersKeys() throws Exception {
        Cli.Result r = Cli.run("bench", "--model", "smallcnn", "--batch", "8", "--infer-batch", "8", "--seconds", "0.3",
                "--infer-seconds", "0.3", "--warmup", "1");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.out().strip().lines().count(), r.out());
        JsonNode json = new ObjectMapper().readTree(r.out());
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("model", "params", "train_img_s", "infer_img_s", "iters", "train_s",
                "train_ms_iter_median", "infer_iters", "infer_s", "infer_ms_iter_median", "params_incl_bn_stats",
                "threads", "train_batch", "infer_batch"), keys.subList(0, 14));
        assertEquals("smallcnn", json.get("model").asText());
        assertEquals(871_018, json.get("params").asLong());
        assertEquals(871_402, json.get("params_incl_bn_stats").asLong());
        assertEquals("random", json.get("data").asText());
        for (String positive : List.of("train_img_s", "infer_img_s", "train_ms_iter_median", "infer_ms_iter_median",
                "first_step_s", "peak_heap_mb")) {
            assertTrue(json.get(positive).asDouble() > 0, positive + " in " + json);
        }
        assertTrue(json.get("iters").asInt() >= 3 && json.get("infer_iters").asInt() >= 3, json.toString());
    }

    @Test
    void benchRejectsUnknownModelAndOutOfRangeNumbersWithExitTwo() {
        Cli.Result model = Cli.run("bench", "--model", "smallcnn,vgg99");
        assertEquals(RegzooCli.EXIT_BAD_INPUT, model.code());
        assertTrue(model.err().contains("vgg99") && model.err().contains("resnet18w16"), model.err());
        assertTrue(Cli.run("bench", "--batch", "0").err().contains("batch must be at least 1, got 0"));
        assertTrue(Cli.run("bench", "--infer-batch", "-2").err().contains("infer-batch must be at least 1, got -2"));
        Cli.Result seconds = Cli.run("bench", "--seconds", "0");
        assertEquals(RegzooCli.EXIT_BAD_INPUT, seconds.code());
        assertTrue(seconds.err().contains("seconds must be a finite number > 0, got 0.0"), seconds.err());
        assertTrue(Cli.run("bench", "--warmup", "-1").err().contains("warmup must be at least 0, got -1"));
    }

    @Test
    void versionAndHelpWork() {
        Cli.Result v = Cli.run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("regzoo ") && v.out().contains("1.0.0-M2.1"), v.out());
        Cli.Result h = Cli.run("--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("summary") && h.out().contains("list") && h.out().contains("bench")
                && h.out().contains("train"), h.out());
    }
}
