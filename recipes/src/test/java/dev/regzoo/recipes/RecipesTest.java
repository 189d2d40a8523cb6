package dev.regzoo.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.data.augment.AugmentPolicy;
import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.zoo.RegularizationSpec;
import org.junit.jupiter.api.Test;

/** The named recipes hold the values their Javadoc states. */
class RecipesTest {

    private static final Recipe SMALLCNN = Recipes.get(FashionSmallCnn.NAME);
    private static final Recipe RESNET18 = Recipes.get(FashionResNet18.NAME);

    @Test
    void fashionSmallCnn() {
        assertEquals("smallcnn", SMALLCNN.model());
        assertNull(SMALLCNN.width(), "the model's own width");
        assertEquals("fashion", SMALLCNN.dataset());
        assertEquals(0.1, SMALLCNN.validationFraction());
        assertEquals(0, SMALLCNN.trainLimit());
        assertEquals(new AugmentationSpec(0.5, 0, 0, 2, 0, 0, 0, 0, AugmentPolicy.NONE), SMALLCNN.augmentation());
        assertEquals(RegularizationSpec.builder().weightDecay(5e-4).build(), SMALLCNN.regularization());
        assertEquals(OptimizerSpec.builder().kind(OptimizerSpec.Kind.NESTEROV).learningRate(0.05).momentum(0.9).build(),
                SMALLCNN.optimizer());
        assertEquals(ScheduleSpec.cosine().warmupEpochs(1).minLr(0).build(), SMALLCNN.schedule());
        assertEquals(StoppingSpec.builder().monitor(StoppingSpec.Monitor.VAL_ACCURACY).patience(40).minDelta(1e-4)
                .maxEpochs(80).maxMinutes(0).build(), SMALLCNN.stopping());
        assertEquals(EmaSpec.builder().decay(0.999).warmup(10).build(), SMALLCNN.ema());
        assertEquals(128, SMALLCNN.batchSize());
        assertEquals(42, SMALLCNN.seed());
        assertNull(SMALLCNN.transfer());
    }

    @Test
    void fashionResNet18SharesTheFashionChoicesWithItsOwnModelRateAndEpochs() {
        assertEquals("resnet18", RESNET18.model());
        assertEquals(0.1, RESNET18.optimizer().learningRate());
        assertEquals(30, RESNET18.stopping().maxEpochs());
        assertEquals(15, RESNET18.stopping().patience(), "half the epochs");
        assertEquals(StoppingSpec.Monitor.VAL_ACCURACY, RESNET18.stopping().monitor());
        Recipe asSmallCnn = RESNET18.toBuilder().name(SMALLCNN.name()).description(SMALLCNN.description())
                .model("smallcnn").optimizer(o -> o.learningRate(0.05)).stopping(SMALLCNN.stopping())
                .ema(SMALLCNN.ema()).build();
        assertEquals(SMALLCNN, asSmallCnn);
    }

    @Test
    void fashionResNet18NarrowIsFashionResNet18AtWidth16() {
        Recipe narrow = Recipes.get(FashionResNet18Narrow.NAME);
        assertEquals(16, narrow.width());
        assertEquals(RESNET18, narrow.toBuilder().name(RESNET18.name()).description(RESNET18.description())
                .width(null).build());
    }

    @Test
    void fashionWrn16x2IsFashionResNet18WithTheNarrowWideResNet() {
        Recipe wrn = Recipes.get(FashionWrn16x2.NAME);
        assertEquals("wrn16_2", wrn.model());
        assertNull(wrn.width(), "the model's own width");
        assertEquals(RESNET18, wrn.toBuilder().name(RESNET18.name()).description(RESNET18.description())
                .model(RESNET18.model()).build());
    }

    @Test
    void fashionWrn16x2LongIsFashionWrn16x2TrainedLongerWithErasingSmoothingAndEma() {
        Recipe wrn = Recipes.get(FashionWrn16x2.NAME);
        Recipe flagship = Recipes.get(FashionWrn16x2Long.NAME);
        assertEquals(0.5, flagship.augmentation().erase());
        assertEquals(0.1, flagship.softLabels().smoothing());
        assertEquals(0.999, flagship.ema().decay());
        assertEquals(StoppingSpec.Monitor.VAL_LOSS, flagship.stopping().monitor());
        assertEquals(flagship.stopping().maxEpochs(), flagship.stopping().patience(), "never stops early");
        assertEquals(wrn, flagship.toBuilder().name(wrn.name()).description(wrn.description())
                .validationFraction(wrn.validationFraction()).augmentation(wrn.augmentation())
                .softLabels(wrn.softLabels()).ema(wrn.ema()).schedule(wrn.schedule()).stopping(wrn.stopping())
                .build(), "otherwise fashion-wrn16-2");
    }

    @Test
    void fashionBaselineTurnsEveryRegularizerOff() {
        Recipe baseline = Recipes.get(FashionBaseline.NAME);
        assertEquals(SMALLCNN.model(), baseline.model());
        assertEquals(SMALLCNN.dataset(), baseline.dataset());
        assertEquals(SMALLCNN.validationFraction(), baseline.validationFraction());
        assertEquals(SMALLCNN.batchSize(), baseline.batchSize());
        assertEquals(SMALLCNN.seed(), baseline.seed());
        assertTrue(baseline.augmentation().isNone());
        assertEquals(RegularizationSpec.none(), baseline.regularization());
        assertEquals(OptimizerSpec.builder().kind(OptimizerSpec.Kind.NESTEROV).learningRate(0.01).momentum(0.9).build(),
                baseline.optimizer());
        assertEquals(ScheduleSpec.CONSTANT, baseline.schedule());
        int epochs = SMALLCNN.stopping().maxEpochs();
        assertEquals(StoppingSpec.builder().monitor(StoppingSpec.Monitor.VAL_LOSS).patience(epochs).minDelta(0)
                .maxEpochs(epochs).build(), baseline.stopping());
    }

    @Test
    void imageFolderRecipesAreTheirFashionRecipesOnFoldersInBatchesOf64() {
        Recipe folderSmallCnn = Recipes.get(ImageFolderSmallCnn.NAME);
        assertEquals(40, folderSmallCnn.stopping().maxEpochs(), "the budget fashion-smallcnn had before its re-tune");
        assertEquals(20, folderSmallCnn.stopping().patience());
        assertEquals(EmaSpec.OFF, folderSmallCnn.ema());
        assertFolderVersion(SMALLCNN, folderSmallCnn.toBuilder().stopping(SMALLCNN.stopping()).ema(SMALLCNN.ema())
                .build());
        assertFolderVersion(RESNET18, Recipes.get(ImageFolderResNet18.NAME));
    }

    private static void assertFolderVersion(Recipe fashion, Recipe folder) {
        assertEquals("folder", folder.dataset());
        assertNull(folder.dataDir(), "--data-dir DIR required");
        assertNull(folder.input(), "Recipe.DEFAULT_FOLDER_INPUT");
        assertEquals(64, folder.batchSize());
        assertEquals(fashion, folder.toBuilder().name(fashion.name()).description(fashion.description())
                .dataset("fashion").batchSize(fashion.batchSize()).build());
    }

    @Test
    void namesAreTheRecipesOwnNames() {
        assertEquals(Recipes.names(), Recipes.all().stream().map(Recipe::name).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Recipes.get("nope"));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains(FashionBaseline.NAME), e.getMessage());
    }
}
