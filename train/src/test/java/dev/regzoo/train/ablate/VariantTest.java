package dev.regzoo.train.ablate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.data.augment.AugmentPolicy;
import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.data.labels.SoftLabelSpec;
import dev.regzoo.recipes.EmaSpec;
import dev.regzoo.recipes.FashionBaseline;
import dev.regzoo.recipes.FashionResNet18Narrow;
import dev.regzoo.recipes.FashionSmallCnn;
import dev.regzoo.recipes.OptimizerSpec;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.Transfer;
import dev.regzoo.train.AtomicModelSaver;
import dev.regzoo.train.RunFolder;
import dev.regzoo.zoo.RegularizationSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VariantTest {

    private final Recipe recipe = FashionSmallCnn.recipe();

    @Test
    void noneTurnsEveryRegularizerOffAndTrainsAllEpochs() {
        Recipe none = Variant.NONE.apply(recipe);
        RegularizationSpec r = none.regularization();
        assertEquals(0, r.l1());
        assertEquals(0, r.l2());
        assertEquals(0, r.weightDecay());
        assertEquals(0, r.dropout().orElseThrow());
        assertFalse(r.batchNorm());
        assertEquals(AugmentationSpec.NONE, none.augmentation());
        Recipe everything = recipe.toBuilder().softLabels(l -> l.smoothing(0.1).mixup(1)).ema(e -> e.decay(0.9))
                .build();
        assertEquals(SoftLabelSpec.NONE, Variant.NONE.apply(everything).softLabels());
        assertEquals(EmaSpec.OFF, Variant.NONE.apply(everything).ema());
        assertEquals(recipe.stopping().maxEpochs(), none.stopping().patience());
        assertEquals(recipe.optimizer(), none.optimizer());
        assertEquals(recipe.schedule(), none.schedule());
    }

    @Test
    void armsAreJudgedByTheModelTheyValidated() {
        assertEquals(AtomicModelSaver.LATEST, Ablation.judgedModel(Arm.adding(Variant.NONE, recipe)));
        assertEquals(AtomicModelSaver.LATEST_EMA, Ablation.judgedModel(Arm.adding(Variant.EMA, recipe)),
                "the last epoch's averaged weights, not the raw ones");
        assertEquals(AtomicModelSaver.BEST, Ablation.judgedModel(Arm.adding(Variant.EARLY_STOPPING, recipe)));
        assertEquals(AtomicModelSaver.BEST, Ablation.judgedModel(Arm.adding(Variant.ALL, recipe)),
                "early stopping keeps the best epoch's averaged weights");
    }

    @Test
    void eachVariantAddsOneRegularizerTakingTheRecipesOwnSetting() {
        assertEquals(recipe.regularization().weightDecay(), Variant.WEIGHT_DECAY.apply(recipe).regularization()
                .weightDecay());
        assertEquals(0, Variant.WEIGHT_DECAY.apply(recipe).regularization().l2());
        assertEquals(Variant.DEFAULT_L2, Variant.L2.apply(recipe).regularization().l2());
        assertEquals(Variant.DEFAULT_L1, Variant.L1.apply(recipe).regularization().l1());
        assertEquals(Variant.DEFAULT_DROPOUT, Variant.DROPOUT.apply(recipe).regularization().dropout().orElseThrow());
        assertTrue(Variant.BATCH_NORM.apply(recipe).regularization().batchNorm());
        assertEquals(recipe.augmentation(), Variant.AUGMENTATION.apply(recipe).augmentation());
        assertEquals(AugmentationSpec.STANDARD, Variant.AUGMENTATION.apply(FashionBaseline.recipe()).augmentation(),
                "a recipe without augmentation gets the standard one");
        assertEquals(recipe.stopping().patience(), Variant.EARLY_STOPPING.apply(recipe).stopping().patience());
        Recipe smoothing = Variant.LABEL_SMOOTHING.apply(recipe);
        assertEquals(SoftLabelSpec.builder().smoothing(0.1).build(), smoothing.softLabels());
        assertEquals(EmaSpec.OFF, smoothing.ema());
        assertEquals(SoftLabelSpec.builder().mixup(0.2).cutmix(1.0).switchProbability(0.5).build(),
                Variant.MIXUP_CUTMIX.apply(recipe).softLabels());
        assertEquals(new EmaSpec(0.999, 10), Variant.EMA.apply(recipe).ema());
        assertEquals(SoftLabelSpec.NONE, Variant.EMA.apply(recipe).softLabels());
        Recipe own = recipe.toBuilder().softLabels(l -> l.smoothing(0.2).cutmix(0.5).mixProbability(0.7))
                .ema(e -> e.decay(0.99).warmup(0)).build();
        assertEquals(SoftLabelSpec.builder().smoothing(0.2).build(), Variant.LABEL_SMOOTHING.apply(own).softLabels());
        assertEquals(SoftLabelSpec.builder().cutmix(0.5).mixProbability(0.7).build(),
                Variant.MIXUP_CUTMIX.apply(own).softLabels(), "the recipe's own mixing, without its smoothing");
        assertEquals(new EmaSpec(0.99, 0), Variant.EMA.apply(own).ema());
        Recipe all = Variant.ALL.apply(recipe);
        assertTrue(all.regularization().batchNorm() && all.regularization().l2() > 0 && all.regularization().l1() > 0
                && all.regularization().weightDecay() > 0 && all.augmentation().hflip() > 0);
        assertTrue(all.softLabels().smoothing() > 0 && all.softLabels().mixing() && all.ema().enabled());
        assertTrue(Variant.ALL.earlyStopping() && !Variant.DROPOUT.earlyStopping());
    }

    @Test
    void policyVariantsPutTheirPolicyAfterTheRecipesAugmentation() {
        AugmentationSpec standard = AugmentationSpec.STANDARD;
        assertEquals(standard.withPolicy(AugmentPolicy.randAugment(2, 9)),
                Variant.RAND_AUGMENT.apply(recipe).augmentation());
        assertEquals(standard.withPolicy(AugmentPolicy.trivialAugment()),
                Variant.TRIVIAL_AUGMENT.apply(FashionBaseline.recipe()).augmentation(),
                "a recipe without augmentation gets the standard one first");
        Recipe own = recipe.toBuilder().augmentation(AugmentationSpec.parse("rotate=10,randaugment=3:14")).build();
        assertEquals(AugmentationSpec.parse("rotate=10,randaugment=3:14"),
                Variant.RAND_AUGMENT.apply(own).augmentation(), "the recipe's own N and M");
        assertEquals(AugmentationSpec.parse("rotate=10,trivialaugment"),
                Variant.TRIVIAL_AUGMENT.apply(own).augmentation());
        assertEquals(own.augmentation().withErase(Variant.DEFAULT_ERASE), Variant.ALL.apply(own).augmentation(),
                "all: the recipe's augmentation, with random erasing");
        assertEquals(AugmentPolicy.NONE, Variant.ALL.apply(recipe).augmentation().policy());
        assertEquals(AugmentationSpec.NONE, Variant.DROPOUT.apply(own).augmentation());
        assertEquals(Variant.NONE.apply(recipe).regularization(), Variant.RAND_AUGMENT.apply(recipe).regularization());
        assertEquals(List.of(Variant.RAND_AUGMENT, Variant.TRIVIAL_AUGMENT),
                Variant.parse("randaugment,trivialaugment"));
        Recipe trivial = recipe.toBuilder().augmentation(AugmentationSpec.parse("trivialaugment")).build();
        String studyJson = RunFolder.toJson(new Study(trivial, Study.Design.ADD_ONE, List.of(Variant.RAND_AUGMENT), 1));
        assertTrue(studyJson.contains("\"policy\" : \"trivialaugment\""), studyJson);
    }

    @Test
    void eraseVariantAddsRandomErasingAfterTheRecipesTransforms() {
        assertEquals(AugmentationSpec.STANDARD.withErase(Variant.DEFAULT_ERASE),
                Variant.ERASE.apply(recipe).augmentation());
        Recipe own = recipe.toBuilder().augmentation(AugmentationSpec.parse("rotate=10,erase=0.25,trivialaugment"))
                .build();
        assertEquals(AugmentationSpec.parse("rotate=10,erase=0.25"), Variant.ERASE.apply(own).augmentation(),
                "the recipe's own probability, without its policy");
        assertEquals(0, Variant.AUGMENTATION.apply(recipe).augmentation().erase(), "augmentation alone: no erasing");
    }

    @Test
    void dropBlockDropPathAndClippingVariantsGoWhereTheModelTakesThem() {
        RegularizationSpec dropBlock = Variant.DROP_BLOCK.apply(recipe).regularization();
        assertEquals(Variant.DEFAULT_DROP_BLOCK, dropBlock.dropBlock());
        assertEquals(0, dropBlock.gradientClipNorm());
        assertEquals(Variant.DEFAULT_CLIP_NORM, Variant.CLIP.apply(recipe).regularization().gradientClipNorm());
        Recipe narrow = FashionResNet18Narrow.recipe();
        assertEquals(Variant.DEFAULT_DROP_PATH, Variant.DROP_PATH.apply(narrow).regularization().dropPath());
        IllegalArgumentException smallCnn = assertThrows(IllegalArgumentException.class,
                () -> Variant.DROP_PATH.apply(recipe));
        assertEquals("recipe fashion-smallcnn cannot express variant drop-path: its model, smallcnn, has no residual "
                + "branches to drop (the ResNets have)", smallCnn.getMessage());
        assertFalse(Variant.defaults(recipe).contains(Variant.DROP_PATH), "left out of SmallCnn's default study");
        assertEquals(Arrays.stream(Variant.values()).filter(v -> v != Variant.BATCH_NORM).toList(),
                Variant.defaults(narrow));
        RegularizationSpec all = Variant.ALL.apply(recipe).regularization();
        assertTrue(all.dropBlock() > 0 && all.gradientClipNorm() > 0 && all.dropPath() == 0, all.toString());
        assertEquals(Variant.DEFAULT_DROP_PATH, Variant.ALL.apply(narrow).regularization().dropPath());
    }

    @Test
    void aResidualModelKeepsBatchNormInEveryArm() {
        Recipe narrow = FashionResNet18Narrow.recipe();
        assertTrue(Variant.NONE.apply(narrow).regularization().batchNorm());
        assertTrue(Variant.DROPOUT.apply(narrow).regularization().batchNorm());
        assertEquals(0, Variant.NONE.apply(narrow).regularization().weightDecay(), "the rest is off");
        IllegalArgumentException batchNorm = assertThrows(IllegalArgumentException.class,
                () -> Variant.BATCH_NORM.apply(narrow));
        assertEquals("recipe fashion-resnet18-narrow cannot express variant batchnorm: its model, resnet18, has "
                + "residual branches and keeps BatchNorm in every arm (without it the ResNets diverge)",
                batchNorm.getMessage());
        assertFalse(Variant.NONE.apply(recipe).regularization().batchNorm(), "SmallCnn's plain arm has none");
    }

    @Test
    void recipesThatCannotExpressAVariantAreRejected() {
        Recipe fineTuning = recipe.toBuilder().transfer(new Transfer("pretrained:fashion-smallcnn", null)).build();
        IllegalArgumentException fromModel = assertThrows(IllegalArgumentException.class,
                () -> Variant.NONE.apply(fineTuning));
        assertTrue(fromModel.getMessage().contains("--from"), fromModel.getMessage());

        Recipe adamw = recipe.toBuilder().optimizer(new OptimizerSpec(OptimizerSpec.Kind.ADAMW, 1e-3, 0)).build();
        IllegalArgumentException noDecay = assertThrows(IllegalArgumentException.class,
                () -> new Study(adamw, Study.Design.ADD_ONE, List.of(Variant.WEIGHT_DECAY, Variant.NONE), 1));
        assertTrue(noDecay.getMessage().contains("cannot express variant none"), noDecay.getMessage());
    }
}
