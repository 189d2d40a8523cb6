package dev.regzoo.cli;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.Recipes;
import dev.regzoo.train.DataExport;
import dev.regzoo.train.ExportManifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code regzoo data export RECIPE --out DIR}: a recipe's data as DataSet minibatch files, for Spark. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a recipe's data (its split and normalizer, as 'regzoo train' uses them, without "
                + "augmentation) as DL4J DataSet minibatch files plus export.json, for the Spark job "
                + "(docs/scale-out.md).")
final class DataExportCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RECIPE", description = "Recipe name, e.g. fashion-smallcnn.")
    private String recipeName;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Export folder.")
    private Path out;
    @Option(names = "--data-dir", paramLabel = "DIR", description = "Dataset folder.")
    private Path dataDir;
    @Option(names = "--train-limit", paramLabel = "N", description = "Use only N training images (stratified).")
    private Integer trainLimit;
    @Option(names = "--validation", paramLabel = "FRACTION", description = "Validation fraction per class.")
    private Double validation;
    @Option(names = {"-b", "--batch-size"}, description = "Images per file (the minibatch size on Spark).")
    private Integer batchSize;
    @Option(names = "--seed", description = "Seed of the split and the shuffle.")
    private Long seed;

    @Override
    public void run() {
        Recipe.Builder b = Recipes.get(recipeName).toBuilder();
        if (dataDir != null) {
            b.dataDir(dataDir);
        }
        if (trainLimit != null) {
            b.trainLimit(trainLimit);
        }
        if (validation != null) {
            b.validationFraction(validation);
        }
        if (batchSize != null) {
            b.batchSize(batchSize);
        }
        if (seed != null) {
            b.seed(seed);
        }
        ExportManifest m = DataExport.write(b.build(), out);
        PrintWriter printer = spec.commandLine().getOut();
        printer.printf("%s: %d train (minibatches of %d) / %d validation / %d test files (%s, %s) in %s%n",
                m.recipe(), m.trainFiles(), m.batchSize(), m.validationFiles(), m.testFiles(), m.dataset(),
                m.shape(), out.toAbsolutePath());
        printer.flush();
    }
}
