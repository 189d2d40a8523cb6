package dev.regzoo.cli;

import dev.regzoo.cli.options.DataDirOption;
import dev.regzoo.data.Datasets;
import dev.regzoo.data.ImageBatchIterator;
import dev.regzoo.data.ImageSource;
import dev.regzoo.zoo.ModelManifest;
import dev.regzoo.zoo.Shape;
import dev.regzoo.zoo.TrainedModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code regzoo eval MODEL}: test accuracy of a saved model (with its normalizer) on a dataset's test set. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a saved model (a run folder's bestModel.zip) or shipped weights (pretrained:NAME) "
                + "on a dataset's test set.")
final class EvalCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Mixin
    private SavedModelArgument saved;

    @Option(names = "--dataset", description = "fashion, mnist or folder (default: the one it was trained on).")
    private String dataset;

    @Mixin
    private DataDirOption data;

    @Override
    public void run() {
        TrainedModel<Model> model = TrainedModel.open(saved.source());
        ModelManifest manifest = model.manifest();
        Shape shape = manifest.shape();
        Path dir = data.dataDir() != null ? data.dataDir()
                : manifest.dataDir() == null ? null : Path.of(manifest.dataDir());
        Datasets.Opened opened = Datasets.open(dataset != null ? dataset : manifest.dataset(), dir, shape);
        ImageSource test = opened.test().orElseThrow(() -> new IllegalArgumentException(
                "dataset " + opened.location() + " has no test set (a folder needs a test/ subfolder)"));
        if (!test.classNames().equals(manifest.classes())) {
            throw new IllegalArgumentException(opened.location() + " has classes " + test.classNames()
                    + " but the model was trained on " + manifest.classes());
        }
        Evaluation eval;
        try (ImageBatchIterator it = ImageBatchIterator.builder(test).shape(shape).batchSize(256)
                .preProcessor(model.normalizer()).build()) {
            eval = ((NeuralNetwork) model.network()).doEvaluation(it, new Evaluation(test.classNames()))[0];
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Model: %s%nData:  %s (%d test images)%n", saved.source(), opened.location(), test.size());
        out.println(eval.stats(false, true));
        out.printf("Test accuracy: %.4f%n", eval.accuracy());
        out.flush();
    }
}
