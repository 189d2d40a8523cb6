package dev.regzoo.cli;

import dev.regzoo.data.ImageFiles;
import dev.regzoo.zoo.ModelManifest;
import dev.regzoo.zoo.TrainedModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code regzoo predict MODEL IMAGE...}: the top classes of each image with their probabilities. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Classify image files (JPEG, PNG, BMP; any size or channel count, converted to the model's "
                + "input) with a saved regzoo model; prints the top classes with probabilities.")
final class PredictCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Mixin
    private SavedModelArgument saved;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE", description = "Image files to classify.")
    private List<Path> images;

    @Option(names = "--top", defaultValue = "3", paramLabel = "K", description = "Classes to show per image "
            + "(default: ${DEFAULT-VALUE}).")
    private int top;

    @Override
    public void run() {
        if (top < 1) {
            throw new IllegalArgumentException("--top must be at least 1, got " + top);
        }
        TrainedModel<Model> model = TrainedModel.open(saved.source());
        ModelManifest manifest = model.manifest();
        List<INDArray> inputs = images.stream().map(f -> ImageFiles.read(f, manifest.shape())).toList();
        PrintWriter out = spec.commandLine().getOut();
        for (int i = 0; i < images.size(); i++) {
            double[] p = model.output(inputs.get(i)).toDoubleVector();
            out.println(images.get(i));
            IntStream.range(0, p.length).boxed().sorted(Comparator.comparingDouble(c -> -p[c]))
                    .limit(Math.min(top, p.length))
                    .forEach(c -> out.printf("  %-20s %.4f%n", manifest.classes().get(c), p[c]));
        }
        out.flush();
    }
}
