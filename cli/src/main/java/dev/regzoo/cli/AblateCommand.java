package dev.regzoo.cli;

import dev.regzoo.cli.options.DataOptions;
import dev.regzoo.cli.options.RecipeOverrides;
import dev.regzoo.cli.options.StoppingOptions;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.Recipes;
import dev.regzoo.train.RunFolder;
import dev.regzoo.train.ablate.Ablation;
import dev.regzoo.train.ablate.Study;
import dev.regzoo.train.ablate.Variant;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.ArgGroup;
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
                "--leave-one-out turns it around: the recipe as it is, then once without each regularizer it uses.",
                "Variants run one after another; run the same command again (same --out) to continue a stopped "
                        + "study. --train-limit (e.g. 10000) shows overfitting sooner; --patience applies to the "
                        + "early-stopping and all-combined variants, the others train every epoch."})
final class AblateCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RECIPE", description = "A recipe name (see 'regzoo list').")
    private String recipeName;

    @Option(names = "--variants", paramLabel = "LIST", completionCandidates = VariantNames.class,
            description = "Comma-separated, from: ${COMPLETION-CANDIDATES} (default: all of them that fit the model; "
                    + "drop-path needs a ResNet; a ResNet keeps BatchNorm in every arm). With --leave-one-out: the "
                    + "regularizers to take out, each one the recipe uses (default: all it uses).")
    private String variants;

    @Option(names = "--leave-one-out", description = "Leave-one-out study: train the recipe as it is, then once "
            + "without each regularizer it uses (erase, label-smoothing, ema, ...), every other setting kept; all "
            + "judged by their best epoch's model.")
    private boolean leaveOneOut;

    @Option(names = "--seeds", defaultValue = "1", paramLabel = "N", description = "Runs per variant, seeds "
            + "recipe seed + 0..N-1; the table shows mean ± std (default: ${DEFAULT-VALUE}).")
    private int seeds;

    @ArgGroup(validate = false, exclusive = false, heading = "%nData:%n", order = 1)
    private DataOptions data = new DataOptions();

    @ArgGroup(validate = false, exclusive = false, heading = "%nStopping:%n", order = 6)
    private StoppingOptions stopping = new StoppingOptions();

    @Option(names = "--out", paramLabel = "DIR", description = "Study folder (default: "
            + "runs/ablate-<recipe>-<timestamp>); an existing study there is continued.")
    private Path out;

    @Override
    public void run() {
        Recipe base = RecipeOverrides.apply(Recipes.get(recipeName), data, stopping);
        Study.Design design = leaveOneOut ? Study.Design.LEAVE_ONE_OUT : Study.Design.ADD_ONE;
        Study study = variants == null ? Study.of(base, design, seeds)
                : new Study(base, design, Variant.parse(variants), seeds);
        Path dir = out != null ? out : RunFolder.timestamped("ablate-" + recipeName);
        RunFolder folder = RunFolder.create(dir);
        PrintWriter printer = spec.commandLine().getOut();
        Ablation.run(study, folder, printer);
        printer.printf("%nStudy: %s (ablation.md, ablation.png)%n", folder.dir().toAbsolutePath());
        printer.flush();
    }

    /** The variant names, for {@code --help} and shell completion. */
    static final class VariantNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Variant.values()).map(Variant::id).iterator();
        }
    }
}
