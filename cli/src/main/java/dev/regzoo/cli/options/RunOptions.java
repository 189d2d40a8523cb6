package dev.regzoo.cli.options;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The Run group of the Spark job: {@code --seed} and the run folder. */
public class RunOptions extends SeedOption {

    // A String, not a Path: java.nio would fold the Spark job's hdfs://HOST/… into hdfs:/HOST/….
    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/<recipe>-<timestamp>; the "
            + "Spark job needs it given, as a path or a Hadoop URI such as hdfs://HOST:PORT/DIR: the driver writes it).")
    private String out;

    /** The given run folder, or null. */
    public Path out() {
        return out == null ? null : Path.of(out);
    }

    /** The given run folder as typed (a path, or for the Spark job a Hadoop URI), or null. */
    public String outLocation() {
        return out;
    }
}
