package dev.regzoo.recipes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import picocli.CommandLine;

class RegzooCliTest {

    private record Result(int exitCode, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\\R");
            return lines[lines.length - 1];
        }
    }

    private static Result run(String... args) {
        CommandLine cli = RegzooCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void summaryOfSmallCnnEndsWithItsTotal() {
        Result r = run("summary", "smallcnn");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("Total params: 871402", r.lastLine());
    }

    @Test
    void summaryOfNarrowResNet18() {
        Result r = run("summary", "resnet18", "--width", "16");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("Total params: 703578", r.lastLine());
    }

    @Test
    void summaryHonoursInputAndClasses() {
        Result r = run("summary", "smallcnn", "--input", "3,32,32", "--classes", "100");
        assertEquals(0, r.exitCode(), r.err());
        // conv1 gains 2*32*9 weights, dense sees 64*8*8 features, the classifier has 100 outputs
        long expected = 871_402 + 2 * 32 * 9 + (64 * 8 * 8 - 64 * 7 * 7) * 256 + 256 * 90 + 90;
        assertEquals("Total params: " + expected, r.lastLine());
    }

    @Test
    void listNamesEveryModel() {
        Result r = run("list");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("smallcnn") && r.out().contains("resnet18"), r.out());
    }

    @Test
    void unknownModelExitsWithTwoAndNamesTheChoices() {
        Result r = run("summary", "vgg99");
        assertEquals(RegzooCli.EXIT_BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("vgg99") && r.err().contains("smallcnn"), r.err());
    }

    @Test
    void outOfRangeOptionExitsWithTwoAndNamesOptionValueAndRange() {
        Result r = run("summary", "smallcnn", "--classes", "1");
        assertEquals(RegzooCli.EXIT_BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("classes must be at least 2, got 1"), r.err());
        Result tiny = run("summary", "resnet18", "--input", "1,4,4");
        assertEquals(RegzooCli.EXIT_BAD_INPUT, tiny.exitCode());
        assertTrue(tiny.err().contains("1x4x4") && tiny.err().contains("at least 8"), tiny.err());
    }

    @Test
    void malformedNumberIsAParseErrorWithExitTwo() {
        Result r = run("summary", "smallcnn", "--classes", "ten");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--classes"), r.err());
    }

    @Test
    void benchPrintsOneJsonLineWithThePeersKeys() throws Exception {
        Result r = run("bench", "--model", "smallcnn", "--batch", "8", "--infer-batch", "8", "--seconds", "0.3",
                "--infer-seconds", "0.3", "--warmup", "1");
        assertEquals(0, r.exitCode(), r.err());
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
        Result model = run("bench", "--model", "smallcnn,vgg99");
        assertEquals(RegzooCli.EXIT_BAD_INPUT, model.exitCode());
        assertTrue(model.err().contains("vgg99") && model.err().contains("resnet18w16"), model.err());
        assertTrue(run("bench", "--batch", "0").err().contains("batch must be at least 1, got 0"));
        assertTrue(run("bench", "--infer-batch", "-2").err().contains("infer-batch must be at least 1, got -2"));
        Result seconds = run("bench", "--seconds", "0");
        assertEquals(RegzooCli.EXIT_BAD_INPUT, seconds.exitCode());
        assertTrue(seconds.err().contains("seconds must be a finite number > 0, got 0.0"), seconds.err());
        assertTrue(run("bench", "--warmup", "-1").err().contains("warmup must be at least 0, got -1"));
    }

    @Test
    void versionAndHelpWork() {
        Result v = run("--version");
        assertEquals(0, v.exitCode());
        assertTrue(v.out().startsWith("regzoo ") && v.out().contains("1.0.0-M2.1"), v.out());
        Result h = run("--help");
        assertEquals(0, h.exitCode());
        assertTrue(h.out().contains("summary") && h.out().contains("list") && h.out().contains("bench"), h.out());
    }
}
