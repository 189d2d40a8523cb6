package dev.regzoo.cli;

import picocli.CommandLine.Parameters;

/** The {@code MODEL} argument of {@code eval} and {@code predict}: a saved model file or shipped weights. */
final class SavedModelArgument {

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file written by regzoo (bestModel.zip), or "
            + "shipped weights: pretrained:NAME (e.g. pretrained:fashion-smallcnn).")
    private String source;

    /** The file or {@code pretrained:NAME} as given. */
    String source() {
        return source;
    }
}
