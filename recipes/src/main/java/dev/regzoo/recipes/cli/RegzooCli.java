package dev.regzoo.recipes.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code regzoo} command line: {@code regzoo --help} lists the subcommands. */
@Command(name = "regzoo", mixinStandardHelpOptions = true, versionProvider = RegzooCli.Version.class,
        description = "A DL4J model zoo of image classifiers with regularized training recipes.",
        subcommands = {ListCommand.class, TrainCommand.class, EvalCommand.class, SummaryCommand.class, DataCommand.class,
                CommandLine.HelpCommand.class})
public final class RegzooCli implements Runnable {

    /** Exit code for bad input: an unknown name or an option outside its range. */
    public static final int EXIT_BAD_INPUT = 2;

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
        CommandLine cli = new CommandLine(new RegzooCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException) {
                commandLine.getErr().println("regzoo: " + e.getMessage());
                return EXIT_BAD_INPUT;
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

    /** Reads the version Maven wrote into {@code version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = RegzooCli.class.getResourceAsStream("/dev/regzoo/recipes/version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"regzoo " + p.getProperty("version", "unknown")
                    + " (DL4J " + p.getProperty("dl4j.version", "unknown") + ", Java "
                    + System.getProperty("java.version") + ")"};
        }
    }
}
