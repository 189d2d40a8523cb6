package dev.regzoo.recipes.cli;

import dev.regzoo.recipes.train.TrainingUi;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code regzoo ui RUN_DIR...}: DL4J's training UI for finished runs, until interrupted. */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = "Serve finished runs (their stats.bin) in DL4J's training UI until Ctrl-C. DL4J 1.0.0-M2.1's "
                + "UI listens on all network interfaces.")
final class UiCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run folders written by 'regzoo train'.")
    private List<Path> runs;

    @Option(names = "--port", defaultValue = "9000", description = "Port; the next free one if taken (default: "
            + "${DEFAULT-VALUE}).")
    private int port;

    @Override
    public Integer call() throws InterruptedException {
        TrainingUi ui = TrainingUi.serve(runs, port);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Training UI: %s (%d run%s; Ctrl-C to stop)%n", ui.url(), runs.size(), runs.size() == 1 ? "" : "s");
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(ui::stop));
        Thread.currentThread().join();
        return 0;
    }
}
