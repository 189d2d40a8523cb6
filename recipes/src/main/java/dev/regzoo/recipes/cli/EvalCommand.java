package dev.regzoo.recipes.cli;

import dev.regzoo.data.Datasets;
import dev.regzoo.data.ImageBatchIterator;
import dev.regzoo.data.ImageSource;
import dev.regzoo.recipes.train.ModelManifest;
import dev.regzoo.recipes.train.SavedModels;
import dev.regzoo.zoo.Shape;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code regzoo eval MODEL_FILE}: test accuracy of a saved model (with its normalizer) on a dataset's test set. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a saved model (a run folder's bestModel.zip) on a dataset's test set.")
final class EvalCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL_FILE", description = "A DL4J model file written by regzoo.")
    private Path modelFile;

    @Option(names = "--dataset", description = "fashion, mnist or folder (default: the one it was trained on).")
    private String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Dataset folder (default: the one it was trained "
            + "on, else the usual lookup).")
    private Path dataDir;

    @Override
    public void run() {
        Model model = SavedModels.load(modelFile);
        NormalizerStandardize normalizer = SavedModels.normalizer(modelFile);
        ModelManifest manifest = ModelManifest.readFrom(modelFile.toFile());
        Shape shape = manifest.shape();
        Path dir = dataDir != null ? dataDir : manifest.dataDir() == null ? null : Path.of(manifest.dataDir());
        Datasets.Opened opened = Datasets.open(dataset != null ? dataset : manifest.dataset(), dir, shape);
        ImageSource test = opened.test().orElseThrow(() -> new IllegalArgumentException(
                "dataset " + opened.location() + " has no test set (a folder needs a test/ subfolder)"));
        if (!test.classNames().equals(manifest.classes())) {
            throw new IllegalArgumentException(opened.location() + " has classes " + test.classNames()
                    + " but the model was trained on " + manifest.classes());
        }
        Evaluation eval;
        try (ImageBatchIterator it = ImageBatchIterator.builder(test).shape(shape).batchSize(256)
                .preProcessor(normalizer).build()) {
            eval = ((NeuralNetwork) model).doEvaluation(it, new Evaluation(test.classNames()))[0];
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Model: %s%nData:  %s (%d test images)%n", modelFile, opened.location(), test.size());
        out.println(eval.stats(false, true));
        out.printf("Test accuracy: %.4f%n", eval.accuracy());
        out.flush();
    }
}
