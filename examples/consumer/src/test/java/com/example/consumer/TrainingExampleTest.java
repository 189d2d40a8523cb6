package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class TrainingExampleTest {

    @TempDir
    Path dir;

    @Test
    void trainsTheRecipesModelOnGeneratedImagesWithEarlyStoppingAndABestModel() {
        TrainingResult result = TrainingExample.trainOnGeneratedData(dir);
        int epochs = result.history().size();
        assertTrue(epochs >= 1 && epochs <= 3, epochs + " epochs (at most 3)");
        assertTrue(result.termination().startsWith("EpochTerminationCondition"), "early stopping ended the run: "
                + result.termination());
        assertTrue(result.bestEpoch() >= 1 && result.bestEpoch() <= epochs, "best epoch " + result.bestEpoch());
        assertTrue(Files.isRegularFile(dir.resolve("bestModel.zip")), "bestModel.zip in the run folder");
        MultiLayerNetwork best = (MultiLayerNetwork) result.bestModel();
        INDArray probabilities = best.output(TrainingExample.images(4, 9).next().getFeatures());
        assertArrayEquals(new long[] {4, TrainingExample.CLASSES}, probabilities.shape());
    }
}
