package dev.regzoo.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the regzoo command line in-process and captures what it prints, for tests. */
final class Cli {

    private Cli() {
    }

    /** Exit code and captured output of one run. */
    record Result(int code, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\\R");
            return lines[lines.length - 1];
        }
    }

    static Result run(String... args) {
        CommandLine cli = RegzooCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Result(cli.execute(args), out.toString(), err.toString());
    }
}
