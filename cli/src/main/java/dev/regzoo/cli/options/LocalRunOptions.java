package dev.regzoo.cli.options;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The Run group of {@code regzoo train}: {@link RunOptions} plus this JVM's training threads and live UI. */
public class LocalRunOptions extends RunOptions {

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1", description = "Data-parallel training "
            + "threads in this JVM (DL4J ParallelWrapper, parameters averaged every iteration); 1 = the plain trainer "
            + "(default: ${DEFAULT-VALUE}). See docs/scale-out.md for Spark.")
    private int workers;
    @Option(names = "--ui", description = "Show the run live in the training UI while training: regzoo's epoch "
            + "curves and DL4J's statistics (on localhost unless --host says otherwise).")
    private boolean ui;
    @ArgGroup(validate = false, exclusive = false)
    private UiAddressOptions uiAddress = new UiAddressOptions();

    /** Training threads, at least 1 for a valid run. */
    public int workers() {
        return workers;
    }

    /** Whether to start the live training UI. */
    public boolean ui() {
        return ui;
    }

    /** Where the live UI listens. */
    public UiAddressOptions uiAddress() {
        return uiAddress;
    }
}
