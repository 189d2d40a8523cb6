package dev.regzoo.cli;

import dev.regzoo.cli.options.UiAddressOptions;
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
 * {@code regzoo ui [FOLDER...] [--remote]}: the training UI for finished runs, studies and folders of runs (regzoo's
 * pages and DL4J's) and, with {@code --remote}, for runs elsewhere that post their statistics to it, until
 * interrupted.
 */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = {"Serve runs in the training UI until Ctrl-C: regzoo's pages (every run with its status, "
                + "per-epoch curves, runs compared) and DL4J's (statistics from each run's stats.bin). FOLDER is a "
                + "run folder, a study folder (regzoo ablate's) or a folder of runs; a folder without a run, or a "
                + "run with missing or damaged files, is listed with a note.",
                "With --remote also the live statistics of jobs started with --ui-url (e.g. the Spark job). The UI "
                        + "listens on localhost unless --host says otherwise."})
final class UiCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FOLDER", description = "Run folders written by 'regzoo train', study "
            + "folders written by 'regzoo ablate', or folders holding either.")
    private List<Path> folders = List.of();

    @Option(names = "--remote", description = "Also accept statistics that training processes elsewhere post to "
            + "this UI (DL4J's remote listener; kept in memory; with --host, anyone who reaches the port can post).")
    private boolean remote;

    @Mixin
    private UiAddressOptions address;

    @Override
    public Integer call() throws InterruptedException {
        if (folders.isEmpty() && !remote) {
            throw new IllegalArgumentException("name at least one FOLDER, or --remote to receive a running job's "
                    + "statistics");
        }
        TrainingUi ui = TrainingUi.serve(folders, address.port(), address.host());
        ui.warning().ifPresent(spec.commandLine().getErr()::println);
        spec.commandLine().getErr().flush();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Training UI: %s (%d folder%s; Ctrl-C to stop)%n", ui.url(), folders.size(),
                folders.size() == 1 ? "" : "s");
        out.printf("DL4J's pages: %s%n", ui.dl4jUrl());
        if (remote) {
            ui.receiveRemote(new InMemoryStatsStorage());
            out.printf("Receiving remote statistics: start the job with --ui-url http://%s:%d%s%n",
                    ui.exposed() ? "HOST" : "localhost", ui.port(), ui.exposed() ? ""
                            : " (this machine only; --host 0.0.0.0 lets jobs on other machines post)");
        }
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(ui::stop));
        Thread.currentThread().join();
        return 0;
    }
}
