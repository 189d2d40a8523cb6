package dev.regzoo.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code regzoo data}: look at datasets. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Inspect datasets and augmentation; export a recipe's data for Spark.",
        subcommands = {DataInfoCommand.class, DataPreviewCommand.class, DataBenchCommand.class,
                DataExportCommand.class})
final class DataCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
