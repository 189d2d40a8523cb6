package dev.regzoo.cli;

import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code regzoo} command line: {@code regzoo --help} lists the subcommands. */
@Command(name = "regzoo", mixinStandardHelpOptions = true, versionProvider = RegzooCli.Version.class,
        description = "A DL4J model zoo of image classifiers with regularized training recipes.",
        subcommands = {ListCommand.class, TrainCommand.class, EvalCommand.class, PredictCommand.class,
                UiCommand.class, SummaryCommand.class, DataCommand.class, BenchCommand.class, AblateCommand.class,
                TuneCommand.class, RecipeCommand.class, CommandLine.HelpCommand.class})
public final class RegzooCli implements Runnable {

    /** Exit code for bad input: an unknown name or an option outside its range. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code when a command failed for another reason (I/O, DL4J), said in one line. */
    public static final int EXIT_FAILED = 1;
    /** Exit code of a training run whose loss, weights or outputs became NaN or infinite ("lower the learning rate"). */
    public static final int EXIT_DIVERGED = 3;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line. Bad values (picocli parse errors and {@link IllegalArgumentException}s from the
     * zoo) print one message and exit with {@link #EXIT_BAD_INPUT}.
     */
    public static CommandLine commandLine() {
        return withExitCodes(new CommandLine(new RegzooCli()));
    }

    /**
     * {@code cli} with regzoo's exit codes: {@link IllegalArgumentException}s print one message and exit with
     * {@link #EXIT_BAD_INPUT}, other runtime exceptions with {@link #EXIT_FAILED} (their class named when they carry no
     * message).
     */
    public static CommandLine withExitCodes(CommandLine cli) {
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException) {
                commandLine.getErr().println("regzoo: " + e.getMessage());
                commandLine.getErr().println("Usage: " + commandLine.getCommandSpec().qualifiedName()
                        + " --help shows the options.");
                return EXIT_BAD_INPUT;
            }
            if (e instanceof RuntimeException) {
                commandLine.getErr().println("regzoo: " + Objects.requireNonNullElse(e.getMessage(), e.toString()));
                return EXIT_FAILED;
            }
            throw e;
        });
        return cli;
    }

    /** {@code ["train", recipe, args...]}: what a recipe class's {@code main} runs. */
    public static String[] trainArgs(String recipe, String[] args) {
        String[] all = new String[args.length + 2];
        all[0] = "train";
        all[1] = recipe;
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version line: regzoo, DL4J and Java versions. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"regzoo " + BuildInfo.version() + " (DL4J " + BuildInfo.dl4jVersion() + ", Java "
                    + System.getProperty("java.version") + ")"};
        }
    }
}
