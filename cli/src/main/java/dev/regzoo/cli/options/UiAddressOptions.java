package dev.regzoo.cli.options;

import dev.regzoo.train.TrainingUi;
import picocli.CommandLine.Option;

/**
 * {@code --port} and {@code --host}: where the training UI listens, for {@code regzoo train --ui} and
 * {@code regzoo ui}.
 */
public class UiAddressOptions {

    @Option(names = "--port", defaultValue = "9000", description = "UI port; the next free one if taken (default: "
            + "${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = TrainingUi.LOOPBACK, description = "Address the UI "
            + "listens on (default: ${DEFAULT-VALUE}, this machine only). Another address, e.g. 0.0.0.0 for every "
            + "interface, lets other machines in: the UI has no authentication.")
    private String host;

    /** The port to try first. */
    public int port() {
        return port;
    }

    /** The address to listen on. */
    public String host() {
        return host;
    }
}
