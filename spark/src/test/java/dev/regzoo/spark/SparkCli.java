package dev.regzoo.spark;

import dev.regzoo.cli.RegzooCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs a command line in this JVM, as the tests call it: exit code, standard output and error. */
final class SparkCli {

    record Result(int code, String out, String err) {
    }

    private SparkCli() {
    }

    /** The Spark job's command line ({@link SparkTrain}). */
    static Result run(String... args) {
        return execute(SparkTrain.commandLine(), args);
    }

    /** {@code regzoo}'s command line, with regzoo-spark on the class path. */
    static Result regzoo(String... args) {
        return execute(RegzooCli.commandLine(), args);
    }

    private static Result execute(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Result(cli.execute(args), out.toString(), err.toString());
    }
}
