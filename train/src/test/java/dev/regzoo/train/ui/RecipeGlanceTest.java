package dev.regzoo.train.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** A recipe's regularization at a glance: the settings that are on, fields unknown to this version included. */
class RecipeGlanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void listsTheSettingsThatAreOn() throws Exception {
        String recipe = """
                {"regularization": {"l1": 0, "l2": 5e-4, "weightDecay": 0, "dropout": 0.25, "spatialDropout": 0,
                                    "batchNorm": true, "batchNormDecay": 0.9, "batchNormEpsilon": 1e-5,
                                    "labelSmoothing": 0.1},
                 "augmentation": {"hflip": 0.5, "vflip": 0, "translate": 2},
                 "stopping": {"monitor": "val_loss", "patience": 5, "maxEpochs": 40}}""";
        assertEquals(List.of(new Setting("l2", "5.0E-4"), new Setting("dropout", "0.25"),
                new Setting("batchNorm", "true"), new Setting("labelSmoothing", "0.1"),
                new Setting("augmentation.hflip", "0.5"), new Setting("augmentation.translate", "2"),
                new Setting("early stopping", "val_loss, patience 5")), RecipeGlance.of(JSON.readTree(recipe)));
    }

    @Test
    void dropoutLeftToTheModelAndNoEarlyStoppingAreSaid() throws Exception {
        String recipe = """
                {"regularization": {"l2": 0, "batchNorm": false},
                 "stopping": {"monitor": "val_loss", "patience": 40, "maxEpochs": 40}}""";
        assertEquals(List.of(new Setting("dropout", "the model's default")), RecipeGlance.of(JSON.readTree(recipe)));
    }

    @Test
    void aRecipeWithoutTheseSectionsHasNothingOn() throws Exception {
        assertEquals(List.of(), RecipeGlance.of(JSON.readTree("{}")));
    }
}
