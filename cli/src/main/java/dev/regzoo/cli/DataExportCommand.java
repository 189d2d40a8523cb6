package dev.regzoo.cli;

import dev.regzoo.cli.options.RecipeOverrides;
import dev.regzoo.cli.options.SeedOption;
import dev.regzoo.cli.options.SplitOptions;
import dev.regzoo.recipes.Recipes;
import dev.regzoo.train.DataExport;
import dev.regzoo.train.ExportManifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code regzoo data export RECIPE --out DIR}: a recipe's data as files for the Spark job. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a recipe's data (its split and normalizer, as 'regzoo train' uses them) for the Spark "
                + "job: the training images unaugmented, in shards that the executors augment each epoch, the "
                + "validation and test images as DL4J DataSet minibatch files, plus export.json (docs/scale-out.md).")
final class DataExportCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RECIPE", description = "Recipe name, e.g. fashion-smallcnn.")
    private String recipeName;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Export folder.")
    private Path out;
    @Mixin
    private SplitOptions data;
    @Mixin
    private SeedOption seed;

    @Override
    public void run() {
        ExportManifest m = DataExport.write(RecipeOverrides.apply(Recipes.get(recipeName), data, seed), out);
        PrintWriter printer = spec.commandLine().getOut();
        printer.printf("%s: %d train images in %d shards (minibatches of %d) / %d validation / %d test files "
                        + "(%s, %s) in %s%n", m.recipe(), m.trainImages(), m.trainFiles(), m.batchSize(),
                m.validationFiles(), m.testFiles(), m.dataset(), m.shape(), out.toAbsolutePath());
        printer.flush();
    }
}
