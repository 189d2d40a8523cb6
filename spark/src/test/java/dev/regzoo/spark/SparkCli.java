package dev.regzoo.spark;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the Spark job's command line in this JVM, as the tests call it: exit code, standard output and error. */
final class SparkCli {

    record Result(int code, String out, String err) {
    }

    private SparkCli() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SparkTrain.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Result(cli.execute(args), out.toString(), err.toString());
    }
}
