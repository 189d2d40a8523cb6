package dev.regzoo.train.ablate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.recipes.FashionBaseline;
import dev.regzoo.recipes.FashionSmallCnn;
import dev.regzoo.recipes.FashionWrn16x2Long;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.train.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

/** Leave-one-out studies: what a recipe uses, each regularizer taken out alone, the arms and the table. */
class LeaveOneOutTest {

    private final Recipe flagship = FashionWrn16x2Long.recipe();

    @Test
    void aRecipeUsesTheRegularizersItSets() {
        assertEquals(List.of(Variant.WEIGHT_DECAY, Variant.AUGMENTATION, Variant.ERASE, Variant.LABEL_SMOOTHING,
                Variant.EMA), Variant.used(flagship), "BatchNorm is part of a residual model in every arm");
        assertEquals(List.of(Variant.WEIGHT_DECAY, Variant.DROPOUT, Variant.BATCH_NORM, Variant.AUGMENTATION,
                Variant.EARLY_STOPPING, Variant.EMA), Variant.used(FashionSmallCnn.recipe()));
    }

    @Test
    void eachRegularizerIsTakenOutAloneAndTheRestIsKept() {
        for (Variant removed : Variant.used(flagship)) {
            Recipe without = removed.without(flagship);
            assertFalse(removed.uses(without), removed + " is out");
            for (Variant other : Variant.used(flagship)) {
                boolean coupled = removed == Variant.AUGMENTATION && other == Variant.ERASE;
                if (other != removed && !coupled) {
                    assertTrue(other.uses(without), other + " stays when " + removed + " is taken out");
                }
            }
            assertEquals(flagship.optimizer(), without.optimizer());
            assertEquals(flagship.schedule(), without.schedule());
            assertEquals(flagship.stopping(), without.stopping());
            assertEquals(flagship.model(), without.model());
            assertEquals(flagship.validationFraction(), without.validationFraction());
        }
        AugmentationSpec noErasing = Variant.ERASE.without(flagship).augmentation();
        assertEquals(flagship.augmentation().translate(), noErasing.translate(), "the transforms stay");
        assertEquals(flagship.augmentation().hflip(), noErasing.hflip());
        Recipe smallCnn = FashionSmallCnn.recipe();
        assertEquals(smallCnn.stopping().maxEpochs(), Variant.EARLY_STOPPING.without(smallCnn).stopping().patience());
    }

    @Test
    void takingOutWhatTheRecipeDoesNotUseIsRejected() {
        IllegalArgumentException unused = assertThrows(IllegalArgumentException.class,
                () -> Variant.MIXUP_CUTMIX.without(flagship));
        assertEquals("recipe fashion-wrn16-2-long does not use mixup-cutmix; a leave-one-out study takes out what it "
                + "uses: [weight-decay, augmentation, erase, label-smoothing, ema]", unused.getMessage());
        IllegalArgumentException architecture = assertThrows(IllegalArgumentException.class,
                () -> Variant.BATCH_NORM.without(flagship));
        assertEquals("recipe fashion-wrn16-2-long cannot be studied without batchnorm: its model, wrn16_2, has "
                + "residual branches and keeps BatchNorm in every arm (without it the ResNets diverge)",
                architecture.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> new Study(flagship, Study.Design.LEAVE_ONE_OUT, List.of(Variant.EMA, Variant.NONE), 1));
        assertTrue(none.getMessage().startsWith("variant 'none' has no place in a leave-one-out study"),
                none.getMessage());
        Recipe nothing = FashionBaseline.recipe().toBuilder().stopping(s -> s.patience(100).maxEpochs(40)).build();
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Study.of(nothing, Study.Design.LEAVE_ONE_OUT, 1));
        assertEquals("recipe fashion-baseline uses no regularizer to leave out", empty.getMessage());
    }

    @Test
    void armsAreTheWholeRecipeThenOneWithoutEachRegularizer() {
        Study study = new Study(flagship, Study.Design.LEAVE_ONE_OUT, List.of(Variant.ERASE, Variant.EMA), 3);
        List<Arm> arms = study.arms();
        assertEquals(List.of("recipe", "without-erase", "without-ema"), arms.stream().map(Arm::id).toList());
        assertEquals(List.of("the whole recipe", "without random erasing", "without EMA of weights"),
                arms.stream().map(Arm::label).toList());
        assertEquals(flagship, arms.get(0).recipe());
        assertTrue(arms.stream().allMatch(Arm::keepsBestEpoch), "judged as the recipe ships: its best epoch");
        assertEquals(arms.get(0), study.reference().orElseThrow());
        assertEquals(flagship.seed() + 2, arms.get(2).withSeed(2).seed());
        Study smallCnn = new Study(FashionSmallCnn.recipe(), Study.Design.LEAVE_ONE_OUT,
                List.of(Variant.EARLY_STOPPING), 1);
        assertFalse(smallCnn.arms().get(1).keepsBestEpoch(), "without early stopping: the last epoch's model");
    }

    @Test
    void theTableComparesEachArmWithTheWholeRecipe() {
        Study study = new Study(flagship, Study.Design.LEAVE_ONE_OUT, List.of(Variant.ERASE, Variant.EMA), 2);
        List<VariantResult> results = List.of(result("recipe", 42, 0.95), result("recipe", 43, 0.93),
                result("without-erase", 42, 0.92), result("without-erase", 43, 0.92));

        String md = AblationReport.markdown(study, results);

        assertTrue(md.startsWith("# Leave-one-out study: fashion-wrn16-2-long"), md);
        assertTrue(md.contains("| arm | best val acc | test acc | Δ test vs the whole recipe |"), md);
        assertTrue(md.contains("| the whole recipe | 90.00 ± 0.00 | 94.00 ± 1.41 |  |"), md);
        assertTrue(md.contains("| without random erasing | 90.00 ± 0.00 | 92.00 ± 0.00 | -2.00 |"), md);
        assertTrue(md.contains("| without EMA of weights | not run yet |"), md);
    }

    @Test
    void theChartShowsEachFinishedArmsTestAccuracyWithItsSpread() {
        Study study = new Study(flagship, Study.Design.LEAVE_ONE_OUT, List.of(Variant.ERASE, Variant.EMA), 2);
        List<VariantResult> results = List.of(result("recipe", 42, 0.95), result("recipe", 43, 0.93),
                result("without-erase", 42, 0.92), result("without-erase", 43, 0.92),
                result("without-ema", 42, Double.NaN), result("without-ema", 43, 0.9));

        CategoryChart chart = AblationReport.testAccuracyByArm(study, results);

        CategorySeries bars = chart.getSeriesMap().get("test accuracy");
        assertEquals(List.of("the whole recipe", "without random erasing"), List.copyOf(bars.getXData()),
                "a diverged arm has no bar");
        List<Double> means = bars.getYData().stream().map(Number::doubleValue).toList();
        List<Double> spreads = bars.getExtraValues().stream().map(Number::doubleValue).toList();
        assertEquals(94.0, means.get(0), 1e-9);
        assertEquals(92.0, means.get(1), 1e-9);
        assertEquals(Math.sqrt(2), spreads.get(0), 1e-9);
        assertEquals(0.0, spreads.get(1), 1e-9);
        assertEquals(91.0, chart.getStyler().getYAxisMin(), 1e-9, "the axis starts a point below the lowest bar");
    }

    @Test
    void divergedRunsAreRowsThatSaySoAndTheChartWaitsForOneThatDidNot(@TempDir Path dir) throws IOException {
        Study study = new Study(flagship, Study.Design.LEAVE_ONE_OUT, List.of(Variant.ERASE), 1);
        VariantResult diverged = new VariantResult("recipe", 42, Double.NaN, Double.NaN, Double.NaN, 0, 6, List.of());
        RunFolder folder = RunFolder.create(dir);

        AblationReport.write(folder, study, List.of(diverged));

        assertTrue(folder.readText("ablation.md").orElseThrow().contains("| the whole recipe | diverged | diverged |"));
        assertFalse(Files.exists(dir.resolve("ablation.png")), "nothing to draw yet");
        AblationReport.write(folder, study, List.of(diverged, result("without-erase", 42, 0.92)));
        assertTrue(Files.size(dir.resolve("ablation.png")) > 0);
    }

    private static VariantResult result(String arm, long seed, double test) {
        return new VariantResult(arm, seed, 0.9, 0.99, test, 3, 10, List.of(0.8, 0.85, 0.9));
    }
}
