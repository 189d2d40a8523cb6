package dev.regzoo.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.recipes.FashionSmallCnn;
import dev.regzoo.recipes.Recipe;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunReportTest {

    @Test
    void theReportNamesTheAugmentationItRanWith() {
        Recipe recipe = FashionSmallCnn.recipe().toBuilder()
                .augmentation(AugmentationSpec.parse("standard,randaugment=2:9")).build();
        String md = new RunReport(recipe, List.of(), 0, 0, "not started", Optional.empty(), 0).markdown();
        assertTrue(md.contains("- Augmentation: `hflip=0.5,translate=2,randaugment=2:9`\n"), md);
    }
}
