package dev.regzoo.cli;

import dev.regzoo.data.Datasets;
import dev.regzoo.data.ImageSource;
import dev.regzoo.data.Normalization;
import dev.regzoo.data.Split;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code regzoo data info DATASET}: source, counts per split and class, shape, normalization statistics. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Where a dataset comes from, its image shape, counts per split and per class, and the "
                + "normalization statistics fitted on its training split.")
final class DataInfoCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatasetArguments data;

    @Option(names = "--validation", defaultValue = "0.1", paramLabel = "FRACTION",
            description = "Fraction of each class held out for validation (default: ${DEFAULT-VALUE}).")
    private double validation;

    @Override
    public void run() {
        Datasets.Opened opened = data.open();
        ImageSource train = opened.train();
        Split split = Split.stratified(train.labels(), validation, data.seed());
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Dataset:     %s%n", opened.name());
        out.printf("Source:      %s%n", opened.location());
        if (opened.embeddedSample()) {
            out.println("             NOTE: this is regzoo's embedded sample, not the full dataset. Install the full "
                    + "set with 'sudo apt-get install dataset-fashion-mnist' or pass --data-dir.");
        }
        out.printf("Image shape: %s (channels x height x width)%n", train.shape());
        out.printf("Train:       %d images, split (seed %d, %.0f%% per class) into %d train + %d validation%n",
                train.size(), data.seed(), validation * 100, split.train().length, split.validation().length);
        out.printf("Test:        %s%n", opened.test().map(t -> t.size() + " images").orElse("none"));
        out.println();
        int[] trainCounts = counts(train, split.train());
        int[] validationCounts = counts(train, split.validation());
        int[] testCounts = opened.test().map(ImageSource::classCounts).orElse(new int[trainCounts.length]);
        List<String> classes = train.classNames();
        int width = Math.max(12, classes.stream().mapToInt(String::length).max().orElse(0) + 2);
        out.printf("%-" + width + "s%10s%12s%10s%n", "Class", "train", "validation", "test");
        for (int c = 0; c < classes.size(); c++) {
            out.printf("%-" + width + "s%10d%12d%10d%n", c + " " + classes.get(c), trainCounts[c],
                    validationCounts[c], testCounts[c]);
        }
        NormalizerStandardize normalizer = Normalization.fitStandardize(train, split.train(), train.shape());
        out.println();
        out.printf("Normalization (per channel, fitted on the %d training images, pixel values 0-255):%n",
                split.train().length);
        out.printf("  mean %s%n  std  %s%n", format(normalizer.getMean().toDoubleVector()),
                format(normalizer.getStd().toDoubleVector()));
        out.flush();
    }

    private static int[] counts(ImageSource source, int[] indices) {
        int[] counts = new int[source.classNames().size()];
        for (int i : indices) {
            counts[source.label(i)]++;
        }
        return counts;
    }

    private static String format(double[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format("%.3f", v)).toList().toString();
    }
}
