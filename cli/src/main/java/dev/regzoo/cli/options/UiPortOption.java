package dev.regzoo.cli.options;

import picocli.CommandLine.Option;

/** {@code --port}: where DL4J's training UI listens, for {@code regzoo train --ui} and {@code regzoo ui}. */
public class UiPortOption {

    @Option(names = "--port", defaultValue = "9000", description = "UI port; the next free one if taken (default: "
            + "${DEFAULT-VALUE}).")
    private int port;

    /** The port to try first. */
    public int port() {
        return port;
    }
}
