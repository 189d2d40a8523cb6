package dev.regzoo.recipes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RegzooCliTest {



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
    }

    @Test
    void unknownModelExitsWithTwoAndNamesTheChoices() {
        Cli.Result r = Cli.run("summary", "vgg99");
        assertEquals(RegzooCli.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("vgg99") && r.err().contains("smallcnn"), r.err());
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
    void malformedNumberIsAParseErrorWithExitTwo() {
        Cli.Result r = Cli.run("summary", "smallcnn", "--classes", "ten");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--classes"), r.err());
    }

    @Test
    void versionAndHelpWork() {
        Cli.Result v = Cli.run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("regzoo ") && v.out().contains("1.0.0-M2.1"), v.out());
        Cli.Result h = Cli.run("--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("summary") && h.out().contains("list"), h.out());
    }
}
