package dev.regzoo.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.data.labels.SoftLabelSpec;
import dev.regzoo.zoo.RegularizationSpec;
import org.junit.jupiter.api.Test;

/** The specs' builders: documented defaults, toBuilder copies, nested changes and validation. */
class RecipeTest {

    private static final Recipe SMALLCNN = Recipes.get(FashionSmallCnn.NAME);

    @Test
    void builderDefaultsAreTheDocumentedOnes() {
        Recipe r = Recipe.builder().name("mine").model("smallcnn").dataset("mnist").build();
        assertEquals(0.1, r.validationFraction());
        assertEquals(0, r.trainLimit());
        assertEquals(AugmentationSpec.NONE, r.augmentation());
        assertEquals(RegularizationSpec.defaults(), r.regularization());
        assertEquals(SoftLabelSpec.NONE, r.softLabels());
        assertEquals(EmaSpec.OFF, r.ema());
        assertEquals(new OptimizerSpec(OptimizerSpec.Kind.NESTEROV, 0.01, 0.9), r.optimizer());
        assertEquals(ScheduleSpec.CONSTANT, r.schedule());
        assertEquals(new StoppingSpec(StoppingSpec.Monitor.VAL_LOSS, 5, 0, 10, 0), r.stopping());
        assertEquals(128, r.batchSize());
        assertEquals(42, r.seed());
    }

    @Test
    void toBuilderCopiesEveryValue() {
        for (Recipe recipe : Recipes.all()) {
            assertEquals(recipe, recipe.toBuilder().build(), recipe.name());
        }
        OptimizerSpec adam = new OptimizerSpec(OptimizerSpec.Kind.ADAM, 1e-3, 0.5);
        assertEquals(adam, adam.toBuilder().build());
        StoppingSpec stopping = new StoppingSpec(StoppingSpec.Monitor.VAL_ACCURACY, 3, 0.01, 7, 2.5);
        assertEquals(stopping, stopping.toBuilder().build());
        EmaSpec ema = new EmaSpec(0.99, 3);
        assertEquals(ema, ema.toBuilder().build());
    }

    @Test
    void nestedChangesKeepTheOtherValues() {
        Recipe changed = SMALLCNN.toBuilder().stopping(s -> s.maxEpochs(5)).optimizer(o -> o.learningRate(0.2))
                .schedule(s -> s.warmupEpochs(2)).regularization(r -> r.dropout(0.3)).build();
        assertEquals(new StoppingSpec(StoppingSpec.Monitor.VAL_ACCURACY, 40, 1e-4, 5, 0), changed.stopping());
        assertEquals(new OptimizerSpec(OptimizerSpec.Kind.NESTEROV, 0.2, 0.9), changed.optimizer());
        assertEquals(new ScheduleSpec(ScheduleSpec.Kind.COSINE, 2, 1, 1, 0, 0, 1), changed.schedule());
        assertEquals(SMALLCNN.regularization().weightDecay(), changed.regularization().weightDecay());
        assertEquals(0.3, changed.regularization().dropout().orElseThrow());
        assertEquals(SMALLCNN.stopping().withMaxEpochs(5), changed.stopping());
    }

    @Test
    void buildValidatesWithTheSpecsMessages() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SMALLCNN.toBuilder().batchSize(0).build())
                .getMessage().startsWith("batch size must be at least 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.builder().learningRate(0).build())
                .getMessage().startsWith("learning rate must be"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StoppingSpec.builder().patience(0).build())
                .getMessage().startsWith("patience must be at least 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SMALLCNN.toBuilder()
                .optimizer(o -> o.kind(OptimizerSpec.Kind.ADAMW)).regularization(r -> r.weightDecay(0)).build())
                .getMessage().startsWith("optimizer adamw needs a weight decay > 0"));
        assertEquals("drop path 0.1 drops residual branches, which smallcnn has none of; allowed for it: 0 (the "
                + "ResNets take drop path)", assertThrows(IllegalArgumentException.class, () -> SMALLCNN.toBuilder()
                .regularization(r -> r.dropPath(0.1)).build()).getMessage());
        assertEquals(0.1, Recipes.get(FashionResNet18Narrow.NAME).toBuilder().regularization(r -> r.dropPath(0.1))
                .build().regularization().dropPath());
    }
}
