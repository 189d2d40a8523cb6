package dev.regzoo.cli.options;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The Run group of the Spark job: {@code --seed} and the run folder. */
public class RunOptions extends SeedOption {

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/<recipe>-<timestamp>; the "
            + "Spark job needs it given: the driver writes it).")
    private Path out;

    /** The given run folder, or null. */
    public Path out() {
        return out;
    }
}
