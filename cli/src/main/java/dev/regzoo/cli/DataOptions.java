package dev.regzoo.cli;

import dev.regzoo.data.Datasets;
import dev.regzoo.zoo.Shape;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Which dataset a command works on: shared by the {@code data} subcommands. */
final class DataOptions {

    @Parameters(index = "0", paramLabel = "DATASET",
            description = "fashion, mnist, or folder (your own class folders, with --data-dir).")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder with the dataset's files (IDX files, or class folders for 'folder'). Default for "
                    + "fashion/mnist: $REGZOO_DATA, then /usr/share/datasets/fashion-mnist, then the embedded sample.")
    Path dataDir;

    @Option(names = "--input", paramLabel = "C,H,W", defaultValue = "3,64,64",
            description = "Shape a folder's images are converted to (default: ${DEFAULT-VALUE}); IDX datasets keep "
                    + "their own.")
    String input;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the split and augmentation "
            + "(default: ${DEFAULT-VALUE}).")
    long seed;

    Datasets.Opened open() {
        return Datasets.open(dataset, dataDir, Shape.parse(input));
    }
}
