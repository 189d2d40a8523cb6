package dev.regzoo.train.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.recipes.FashionSmallCnn;
import dev.regzoo.recipes.OptimizerSpec;
import dev.regzoo.recipes.Recipe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.node.DoubleNode;
import org.nd4j.shade.jackson.databind.node.TextNode;

class SearchSpaceTest {

    private final Recipe recipe = FashionSmallCnn.recipe();

    @TempDir
    Path dir;

    @Test
    void fieldsAreNamedByPathOptionNameOrOwnName() {
        SearchSpace space = SearchSpace.parse(recipe, "lr=loguniform(1e-3,3e-1)", "wd=loguniform(1e-5,1e-3)",
                "dropout=uniform(0,0.6)", "optimizer=choice(nesterov,adam)", "batch-size=int(32,256)",
                "schedule.warmupEpochs=int(0,2)", "momentum=uniform(0.8,0.99)", "batchNorm=choice(true,false)");
        assertEquals(List.of("optimizer.learningRate", "regularization.weightDecay", "regularization.dropout",
                        "optimizer.kind", "batchSize", "schedule.warmupEpochs", "optimizer.momentum",
                        "regularization.batchNorm"),
                space.dimensions().stream().map(Dimension::path).toList());
        assertEquals("lr", space.dimensions().get(0).name());
        assertEquals("optimizer.learningRate", SearchSpace.parse(recipe, "learning-rate=uniform(0.1,0.2)")
                .dimensions().get(0).path(), "a field's own name, in the options' spelling");
        assertTrue(space.dimensions().get(4).whole(), "batch size holds whole numbers");
        assertFalse(space.dimensions().get(0).whole());
    }

    @Test
    void valuesAreSetThroughTheRecipeFile() {
        SearchSpace space = SearchSpace.parse(recipe, "lr=loguniform(1e-3,3e-1)", "optimizer=choice(adam)",
                "dropout=uniform(0,0.6)");
        Recipe tuned = space.apply(recipe, Map.of("optimizer.learningRate", DoubleNode.valueOf(0.02),
                "optimizer.kind", TextNode.valueOf("adam"), "regularization.dropout", DoubleNode.valueOf(0.3)));
        assertEquals(0.02, tuned.optimizer().learningRate());
        assertEquals(OptimizerSpec.Kind.ADAM, tuned.optimizer().kind());
        assertEquals(0.3, tuned.regularization().dropout().orElseThrow());
        assertEquals(recipe.stopping(), tuned.stopping(), "the other fields stay");
    }

    @Test
    void drawnNumbersOfWholeNumberFieldsAreRounded() {
        Dimension batch = SearchSpace.parse(recipe, "batch-size=loguniform(16,256)").dimensions().get(0);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 50; i++) {
            assertTrue(batch.sample(random).isIntegralNumber());
        }
    }

    @Test
    void aSpaceFileInTheRecipeShapeReadsAndWritesBack() throws IOException {
        Path file = Files.writeString(dir.resolve("space.json"), """
                { "optimizer": { "learningRate": "loguniform(1e-3,3e-1)", "kind": "choice(nesterov,adam)" },
                  "regularization": { "weightDecay": "loguniform(1e-5,1e-3)" },
                  "dropout": "uniform(0,0.5)" }
                """);
        SearchSpace space = SearchSpace.parse(recipe, List.of(file.toString(), "momentum=uniform(0.8,0.95)"));
        assertEquals(List.of("optimizer.learningRate", "optimizer.kind", "regularization.weightDecay",
                "regularization.dropout", "optimizer.momentum"), space.dimensions().stream().map(Dimension::path)
                .toList());
        Path written = Files.writeString(dir.resolve("written.json"), space.toJson());
        SearchSpace back = SearchSpace.parse(recipe, List.of(written.toString()));
        assertEquals(space.dimensions(), back.dimensions());
    }

    @Test
    void badEntriesAreRejectedNamingTheEntry() throws IOException {
        Path badFile = Files.writeString(dir.resolve("bad.json"), "{ \"optimizer\": { \"learningRate\": 0.1 } }");
        String[][] cases = { // the entry, then what the one-line error says
            {"lr=loguniform(0,1)", "--space lr=loguniform(0,1): ", "above 0"},
            {"wd=loguniform(-1e-5,1e-3)", "--space wd=", "above 0"},
            {"lr=uniform(0.3,0.001)", "--space lr=", "inverted range"},
            {"dropout=uniform(0.2,0.2)", "--space dropout=", "empty range"},
            {"lr=logunifrom(1e-3,1)", "--space lr=", "unknown distribution 'logunifrom'"},
            {"lr=loguniform(1e-3,)", "--space lr=", "must be numbers"},
            {"learning-speed=uniform(0,1)", "--space learning-speed=", "unknown field 'learning-speed'"},
            {"optimizer.speed=uniform(0,1)", "--space optimizer.speed=", "unknown field"},
            {"optimizer=choice(nesterov,lbfgs)", "--space optimizer=", "value lbfgs is not allowed",
                "optimizer must be one of sgd, nesterov"},
            {"dropout=uniform(0,1)", "--space dropout=", "value 1", "dropout"},
            {"batch-size=uniform(0,64)", "--space batch-size=", "value 0", "batch size must be at least 1"},
            {"width=uniform(4.5,32)", "--space width=", "value 4.5", "whole number"},
            {"epochs=int(2,8)", "--space epochs=", "stopping.maxEpochs cannot be searched", "--max-epochs"},
            {"augmentation=choice(none)", "--space augmentation=", "group of fields", "augmentation.hflip"},
            {"input.width=int(28,32)", "--space input.width=", "field input is not set in the recipe"},
            {"lr", "--space lr", "FIELD=DISTRIBUTION"},
            {badFile.toString(), "entry optimizer.learningRate", "distribution in quotes"},
            {dir.resolve("missing.json").toString(), "missing.json", "cannot be read"}};
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SearchSpace.parse(recipe, c[0]), c[0]);
            for (int i = 1; i < c.length; i++) {
                assertTrue(e.getMessage().contains(c[i]), c[0] + ": " + e.getMessage());
            }
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> SearchSpace.parse(recipe, "lr=uniform(0.01,0.1)", "optimizer.learningRate=uniform(0.01,0.1)"));
        assertTrue(twice.getMessage().contains("already searched (as lr)"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SearchSpace.parse(recipe, List.of()));
    }

    @Test
    void theAliasesNameFields() {
        for (Map.Entry<String, String> alias : SearchSpace.aliases().entrySet()) {
            assertTrue(RecipeFields.of(recipe).get(alias.getValue()).isPresent(), alias.toString());
        }
    }
}
