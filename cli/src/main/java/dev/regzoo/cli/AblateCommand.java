package dev.regzoo.cli;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.Recipes;
import dev.regzoo.recipes.StoppingSpec;
import dev.regzoo.train.ablate.Ablation;
import dev.regzoo.train.ablate.Study;
import dev.regzoo.train.ablate.Variant;
import dev.regzoo.train.RunFolder;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code regzoo ablate RECIPE}: the same model, data and budget once per regularization variant, side by side. */
@Command(name = "ablate", mixinStandardHelpOptions = true,
        description = {"Regularization study: train RECIPE once per variant (every regularizer off, then each one "
                + "alone, then all) on the same data and budget, and compare best validation accuracy, test "
                + "accuracy, train-test gap, epochs and wall time in ablation.md and ablation.png.",
                "Variants run one after another; run the same command again (same --out) to continue a stopped "
                        + "study."})
final class AblateCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RECIPE", description = "A recipe name (see 'regzoo list').")
    private String recipeName;

    @Option(names = "--variants", paramLabel = "LIST", description = "Comma-separated, from: none, l2, weight-decay, "
            + "l1, dropout, batchnorm, augmentation, early-stopping, all (default: all of them).")
    private String variants;

    @Option(names = "--seeds", defaultValue = "1", paramLabel = "N", description = "Runs per variant, seeds "
            + "recipe seed + 0..N-1; the table shows mean ± std (default: ${DEFAULT-VALUE}).")
    private int seeds;

    @Option(names = "--train-limit", paramLabel = "N", description = "Use only N training images (stratified), "
            + "where overfitting shows, e.g. 10000.")
    private Integer trainLimit;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs per variant (default: the recipe's).")
    private Integer epochs;

    @Option(names = "--patience", paramLabel = "N", description = "Early stopping's patience in the early-stopping "
            + "and all-combined variants (default: the recipe's).")
    private Integer patience;

    @Option(names = {"-b", "--batch-size"}, paramLabel = "N", description = "Images per minibatch.")
    private Integer batchSize;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Dataset folder.")
    private Path dataDir;

    @Option(names = "--out", paramLabel = "DIR", description = "Study folder (default: "
            + "runs/ablate-<recipe>-<timestamp>); an existing study there is continued.")
    private Path out;

    @Override
    public void run() {
        Recipe base = Recipes.get(recipeName);
        Recipe.Builder b = base.toBuilder();
        if (trainLimit != null) {
            b.trainLimit(trainLimit);
        }
        StoppingSpec stopping = base.stopping();
        if (epochs != null) {
            stopping = stopping.withMaxEpochs(epochs);
        }
        if (patience != null) {
            stopping = stopping.withPatience(patience);
        }
        b.stopping(stopping);
        if (batchSize != null) {
            b.batchSize(batchSize);
        }
        if (dataDir != null) {
            b.dataDir(dataDir.toAbsolutePath());
        }
        Study study = new Study(b.build(), variants == null ? Variant.defaults() : Variant.parse(variants), seeds);
        Path dir = out != null ? out : RunFolder.timestamped("ablate-" + recipeName);
        RunFolder folder = RunFolder.create(dir);
        PrintWriter printer = spec.commandLine().getOut();
        Ablation.run(study, folder, printer);
        printer.printf("%nStudy: %s (ablation.md, ablation.png)%n", folder.dir().toAbsolutePath());
        printer.flush();
    }
}
