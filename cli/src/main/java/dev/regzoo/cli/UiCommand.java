package dev.regzoo.cli;

import dev.regzoo.cli.options.UiPortOption;
import dev.regzoo.train.TrainingUi;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code regzoo ui [RUN_DIR...] [--remote]}: DL4J's training UI for finished runs and, with {@code --remote}, for
 * runs elsewhere that post their statistics to it, until interrupted.
 */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = "Serve finished runs (their stats.bin) in DL4J's training UI until Ctrl-C; with --remote also "
                + "the live statistics of jobs started with --ui-url (e.g. the Spark job). DL4J 1.0.0-M2.1's UI "
                + "listens on all network interfaces.")
final class UiCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "RUN_DIR", description = "Run folders written by 'regzoo train'.")
    private List<Path> runs = List.of();

    @Option(names = "--remote", description = "Also accept statistics that training processes elsewhere post to "
            + "this UI (DL4J's remote listener; kept in memory, anyone who reaches the port can post).")
    private boolean remote;

    @Mixin
    private UiPortOption port;

    @Override
    public Integer call() throws InterruptedException {
        if (runs.isEmpty() && !remote) {
            throw new IllegalArgumentException("name at least one RUN_DIR, or --remote to receive a running job's "
                    + "statistics");
        }
        TrainingUi ui = TrainingUi.serve(runs, port.port());
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Training UI: %s (%d run%s; Ctrl-C to stop)%n", ui.url(), runs.size(), runs.size() == 1 ? "" : "s");
        if (remote) {
            ui.receiveRemote(new InMemoryStatsStorage());
            out.printf("Receiving remote statistics: start the job with --ui-url http://HOST:%d%n", ui.port());
        }
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(ui::stop));
        Thread.currentThread().join();
        return 0;
    }
}
