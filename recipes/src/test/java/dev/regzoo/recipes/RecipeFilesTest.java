package dev.regzoo.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.data.augment.AugmentPolicy;
import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.data.labels.SoftLabelSpec;
import dev.regzoo.zoo.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipeFilesTest {

    private static final String SMALLCNN = RecipeFiles.toJson(Recipes.get(FashionSmallCnn.NAME));

    @TempDir
    Path dir;

    @Test
    void everyNamedRecipeReadsBackAsItself() {
        for (Recipe recipe : Recipes.all()) {
            assertEquals(recipe, RecipeFiles.fromJson(RecipeFiles.toJson(recipe), recipe.name()), recipe.name());
        }
    }

    @Test
    void nullableFieldsAndNestedValuesRoundTripThroughAFile() {
        Recipe recipe = Recipes.get(ImageFolderSmallCnn.NAME).toBuilder()
                .width(8).channelsLast(false).weightInit(WeightInit.XAVIER_UNIFORM)
                .dataDir(Path.of("data", "my-images")).input(new Shape(3, 32, 40))
                .regularization(r -> r.dropout(0.3).l2(1e-4))
                .optimizer(o -> o.kind(OptimizerSpec.Kind.ADAMW).learningRate(1e-3))
                .schedule(ScheduleSpec.constant().plateauFactor(0.5).plateauPatience(2).minLr(1e-5).build())
                .stopping(s -> s.monitor(StoppingSpec.Monitor.VAL_ACCURACY).maxMinutes(2.5))
                .transfer(new Transfer("pretrained:fashion-smallcnn", "dense"))
                .softLabels(l -> l.smoothing(0.1).mixup(0.2).cutmix(1).mixProbability(0.8).switchProbability(0.3))
                .ema(e -> e.decay(0.999).warmup(0))
                .seed(1L << 40)
                .build();
        Path file = dir.resolve("r.json");
        RecipeFiles.write(recipe, file);
        assertEquals(recipe, RecipeFiles.read(file));
    }

    @Test
    void augmentationPoliciesRoundTripAsTheirAugmentSyntax() {
        for (String spec : new String[] {"standard,randaugment=3:14", "trivialaugment", "rotate=10,randaugment"}) {
            Recipe recipe = Recipes.get(FashionSmallCnn.NAME).toBuilder()
                    .augmentation(AugmentationSpec.parse(spec)).build();
            String json = RecipeFiles.toJson(recipe);
            assertTrue(json.contains("\"policy\" : \"" + recipe.augmentation().policy() + "\""), json);
            Path file = dir.resolve("r.json");
            RecipeFiles.write(recipe, file);
            assertEquals(recipe, RecipeFiles.read(file), spec);
        }
        assertTrue(SMALLCNN.contains("\"policy\" : \"none\""), SMALLCNN);
    }

    @Test
    void aBadPolicyIsReportedAtItsField() {
        String magnitude = SMALLCNN.replace("\"policy\" : \"none\"", "\"policy\" : \"randaugment=2:31\"");
        assertFails(magnitude, lineOf(magnitude, "\"policy\"") + ": augmentation.policy: augmentation randaugment M "
                + "(magnitude) must be a whole number in [0, 30], got 31");
        String name = SMALLCNN.replace("\"policy\" : \"none\"", "\"policy\" : \"autoaugment\"");
        assertFails(name, lineOf(name, "\"policy\"") + ": augmentation.policy: augmentation policy 'autoaugment' is "
                + "not understood: use none, trivialaugment, randaugment");
        String number = SMALLCNN.replace("\"policy\" : \"none\"", "\"policy\" : 2");
        assertFails(number, lineOf(number, "\"policy\"") + ": augmentation.policy: must be a string, got 2");
    }

    @Test
    void aRunFolderRecipeWrittenBefore010ReadsBackToTheRecipeItRan() throws IOException {
        String json;
        try (InputStream in = getClass().getResourceAsStream("saved-by-0.1.0/smallcnn-recipe-0.1.0.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // the run: regzoo train fashion-smallcnn --width 4 --train-limit 300 --epochs 1 (the recipe of then: 40
        // epochs' patience 20, the validation loss watched, no EMA)
        Recipe ran = Recipes.get(FashionSmallCnn.NAME).toBuilder().width(4).trainLimit(300)
                .description("SmallCnn on Fashion-MNIST: weight decay, dropout, BatchNorm, flip + translate")
                .stopping(s -> s.maxEpochs(1).patience(20).monitor(StoppingSpec.Monitor.VAL_LOSS)).ema(EmaSpec.OFF)
                .build();
        Recipe read = RecipeFiles.fromJson(json, "recipe.json");
        assertEquals(ran, read);
        assertEquals(SoftLabelSpec.NONE, read.softLabels(), "a file without the section: hard labels");
        assertEquals(EmaSpec.OFF, read.ema(), "a file without the section: no EMA");
        assertFalse(json.contains("softLabels") || json.contains("ema"), "the file predates both sections");
        assertFalse(json.contains("policy"), "written before augmentation policies: none is meant");
        assertEquals(AugmentPolicy.NONE, read.augmentation().policy());
    }

    @Test
    void dropBlockDropPathAndClippingRoundTripAndMayBeLeftOutAsFilesOf010Do() {
        Recipe recipe = Recipes.get(FashionResNet18Narrow.NAME).toBuilder()
                .regularization(r -> r.dropBlock(0.1).dropBlockSize(5).dropPath(0.05).gradientClipNorm(1.5)).build();
        Path file = dir.resolve("r.json");
        RecipeFiles.write(recipe, file);
        assertEquals(recipe, RecipeFiles.read(file));
        String json = RecipeFiles.toJson(recipe);
        assertTrue(json.contains("\"dropBlockSize\" : 5"), json);
        String without = SMALLCNN.replaceAll(",\n\\s*\"(dropBlock|dropBlockSize|dropPath|gradientClipNorm)\" : [^,\n]*",
                "");
        assertFalse(without.contains("dropPath"), without);
        assertEquals(Recipes.get(FashionSmallCnn.NAME), RecipeFiles.fromJson(without, "r.json"), "the defaults: off");
        String nulled = SMALLCNN.replace("\"dropPath\" : 0.0", "\"dropPath\" : null");
        assertFails(nulled, lineOf(nulled, "\"dropPath\"") + ": regularization.dropPath: must be a number, got null");
        String tooBig = SMALLCNN.replace("\"dropBlock\" : 0.0", "\"dropBlock\" : 1.5");
        assertFails(tooBig, lineOf(tooBig, "\"dropBlock\"") + ": regularization.dropBlock: drop block must be in "
                + "[0, 1)");
    }

    @Test
    void dataDirsAsFileUrisOfEarlierRunFoldersAreRead() {
        String uri = SMALLCNN.replace("\"dataDir\" : null", "\"dataDir\" : \"file:///tmp/images/\"");
        assertEquals(Path.of("/tmp/images"), RecipeFiles.fromJson(uri, "recipe.json").dataDir());
    }

    @Test
    void nullableFieldsMayBeLeftOut() {
        String without = SMALLCNN.replace("\"width\" : null,", "").replace("\"weightInit\" : null,", "")
                .replace("\"dropout\" : null,", "")
                .replace(",\n  \"transfer\" : null", "");
        assertFalse(without.contains("transfer"), without);
        assertEquals(Recipes.get(FashionSmallCnn.NAME), RecipeFiles.fromJson(without, "r.json"));
    }

    @Test
    void enumNamesAreReadCaseInsensitively() {
        Recipe read = RecipeFiles.fromJson(SMALLCNN.replace("\"NESTEROV\"", "\"adam\""), "r.json");
        assertEquals(OptimizerSpec.Kind.ADAM, read.optimizer().kind());
    }

    @Test
    void anUnknownFieldIsNamedWithItsLineAndTheKnownFields() {
        String json = SMALLCNN.replace("\"momentum\" : 0.9", "\"momentum\" : 0.9,\n    \"lr\" : 0.1");
        assertFails(json, lineOf(json, "\"lr\"") + ": optimizer.lr: unknown field; the fields here are kind, "
                + "learningRate, momentum");
        String top = SMALLCNN.replace("\"seed\" : 42", "\"seed\" : 42,\n  \"epochs\" : 5");
        String message = assertFails(top, lineOf(top, "\"epochs\"") + ": epochs: unknown field; the fields here are "
                + "name, description, model, width");
        assertTrue(message.endsWith("batchSize, seed, transfer"), message);
    }

    @Test
    void aWrongTypeSaysWhatTheFieldTakes() {
        String lr = SMALLCNN.replace("\"learningRate\" : 0.05", "\"learningRate\" : \"fast\"");
        assertFails(lr, lineOf(lr, "fast") + ": optimizer.learningRate: must be a number, got \"fast\"");
        String batch = SMALLCNN.replace("\"batchSize\" : 128", "\"batchSize\" : 1.5");
        assertFails(batch, lineOf(batch, "1.5") + ": batchSize: must be a whole number from -2147483648 to "
                + "2147483647, got 1.5");
        String bn = SMALLCNN.replace("\"batchNorm\" : true", "\"batchNorm\" : \"yes\"");
        assertFails(bn, lineOf(bn, "\"yes\"") + ": regularization.batchNorm: must be true or false, got \"yes\"");
        String object = SMALLCNN.replace("\"input\" : null", "\"input\" : \"1,28,28\"");
        assertFails(object, lineOf(object, "\"1,28,28\"") + ": input: must be a JSON object {...}, got \"1,28,28\"");
    }

    @Test
    void anOutOfRangeValueGetsTheSpecsOwnMessageAtItsField() {
        String batch = SMALLCNN.replace("\"batchSize\" : 128", "\"batchSize\" : 0");
        assertFails(batch, lineOf(batch, "\"batchSize\"") + ": batchSize: batch size must be at least 1, got 0");
        String fraction = SMALLCNN.replace("\"validationFraction\" : 0.1", "\"validationFraction\" : 1.5");
        assertFails(fraction, lineOf(fraction, "1.5") + ": validationFraction: validation fraction must be in "
                + "(0, 1), got 1.5");
        String hflip = SMALLCNN.replace("\"hflip\" : 0.5", "\"hflip\" : 2");
        assertFails(hflip, lineOf(hflip, "\"hflip\"") + ": augmentation.hflip: augmentation hflip must be a "
                + "probability in [0, 1], got 2.0");
        String decay = SMALLCNN.replace("\"weightDecay\" : 5.0E-4", "\"weightDecay\" : -1");
        assertFails(decay, lineOf(decay, "\"weightDecay\"") + ": regularization.weightDecay: weight decay");
        String smoothing = SMALLCNN.replace("\"smoothing\" : 0.0", "\"smoothing\" : 1");
        assertFails(smoothing, lineOf(smoothing, "\"smoothing\"") + ": softLabels.smoothing: --label-smoothing must "
                + "be in [0, 1), got 1.0");
        String ema = SMALLCNN.replace("\"decay\" : 0.999", "\"decay\" : 1.5");
        assertFails(ema, lineOf(ema, "\"decay\"") + ": ema.decay: --ema-decay must be in (0, 1), or 0 for no EMA, "
                + "got 1.5");
        String kind = SMALLCNN.replace("\"NESTEROV\"", "\"fast\"");
        assertFails(kind, lineOf(kind, "fast") + ": optimizer.kind: optimizer must be one of sgd, nesterov, "
                + "rmsprop, adam, adamw, got 'fast'");
        String init = SMALLCNN.replace("\"weightInit\" : null", "\"weightInit\" : \"he\"");
        assertFails(init, lineOf(init, "\"he\"") + ": weightInit: weight init must be one of [");
        String model = SMALLCNN.replace("\"smallcnn\"", "\"bigcnn\"");
        String message = assertFails(model, lineOf(model, "bigcnn") + ": model: must be one of [");
        assertTrue(message.contains("smallcnn") && message.contains("resnet18"), message);
    }

    @Test
    void aValueThatConflictsWithAnEarlierFieldIsReportedAtTheLaterOne() {
        String plateau = SMALLCNN.replace("\"plateauFactor\" : 0.0", "\"plateauFactor\" : 0.5");
        assertFails(plateau, lineOf(plateau, "\"plateauFactor\"") + ": schedule.plateauFactor: ReduceLROnPlateau "
                + "needs a constant lr schedule");
        String adamw = SMALLCNN.replace("\"weightDecay\" : 5.0E-4", "\"weightDecay\" : 0")
                .replace("\"NESTEROV\"", "\"ADAMW\"");
        assertFails(adamw, lineOf(adamw, "\"optimizer\"") + ": optimizer: optimizer adamw needs a weight decay > 0");
    }

    @Test
    void aMissingOrNullFieldIsNamed() {
        String seed = SMALLCNN.replace(",\n  \"seed\" : 42", "");
        assertFails(seed, "1: seed: required field is missing");
        String momentum = SMALLCNN.replace(",\n    \"momentum\" : 0.9", "");
        assertFails(momentum, lineOf(momentum, "\"optimizer\"") + ": optimizer.momentum: required field is missing");
        String nulled = SMALLCNN.replace("\"model\" : \"smallcnn\"", "\"model\" : null");
        assertFails(nulled, lineOf(nulled, "\"model\"") + ": model: must be a string, got null");
        String optimizer = SMALLCNN.replaceAll("(?s)\"optimizer\" : \\{.*?},", "\"optimizer\" : null,");
        assertFails(optimizer, lineOf(optimizer, "\"optimizer\"") + ": optimizer: must be a JSON object {...}, "
                + "got null");
    }

    @Test
    void malformedJsonNamesItsLine() {
        String comma = SMALLCNN.replace("\"trainLimit\" : 0,", "\"trainLimit\" : 0");
        String message = assertFails(comma, lineOf(comma, "\"augmentation\"") + ": invalid JSON: ");
        assertTrue(message.contains("was expecting comma"), message);
        String twice = SMALLCNN.replace("\"seed\" : 42", "\"seed\" : 42,\n  \"seed\" : 7");
        String duplicate = assertFails(twice, lineOf(twice, "\"seed\" : 7") + ": invalid JSON: ");
        assertTrue(duplicate.contains("Duplicate field 'seed'"), duplicate);
        assertFails("", "1: the file is empty; a recipe is a JSON object");
        assertFails("[1, 2]", "1: must be a JSON object {...}, got [1,2]");
        assertFails(SMALLCNN + "\n{}", lineOf(SMALLCNN, "\"transfer\"") + 2
                + ": unexpected content after the recipe object");
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("r.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecipeFiles.read(file));
        assertEquals(file + ": recipe file not found", e.getMessage());
    }

    @Test
    void aFileIsNamedInItsErrors() throws IOException {
        Path file = dir.resolve("r.json");
        Files.writeString(file, SMALLCNN.replace("\"batchSize\" : 128", "\"batchSize\" : 0"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecipeFiles.read(file));
        assertTrue(e.getMessage().startsWith(file + ":" + lineOf(SMALLCNN, "\"batchSize\"") + ": batchSize: "),
                e.getMessage());
    }

    /** Asserts that reading {@code json} fails with one line starting {@code r.json:<expected>}; returns it. */
    private static String assertFails(String json, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecipeFiles.fromJson(json, "r.json"));
        String message = e.getMessage();
        assertTrue(message.startsWith("r.json:" + expected), message);
        assertEquals(1, message.lines().count(), message);
        return message;
    }

    /** The 1-based line of {@code json} on which {@code text} first appears. */
    private static int lineOf(String json, String text) {
        int at = json.indexOf(text);
        assertTrue(at >= 0, text);
        return (int) json.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
