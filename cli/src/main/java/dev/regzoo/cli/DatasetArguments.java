package dev.regzoo.cli;

import dev.regzoo.cli.options.DatasetOptions;
import dev.regzoo.cli.options.SeedOption;
import dev.regzoo.data.Datasets;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Which dataset a {@code data} command works on, and the seed of its split and augmentation. */
final class DatasetArguments {

    @Parameters(index = "0", paramLabel = "DATASET",
            description = "fashion, mnist, or folder (your own class folders, with --data-dir).")
    String dataset;

    @Mixin
    private DatasetOptions files;

    @Mixin
    private SeedOption seed;

    Datasets.Opened open() {
        return Datasets.open(dataset, files.dataDir(), files.folderShape());
    }

    /** The given seed, else {@link SeedOption#DEFAULT_SEED}. */
    long seed() {
        return seed.seedOrDefault();
    }
}
