package dev.regzoo.cli.options;

import static dev.regzoo.cli.options.RecipeOverrides.ifGiven;

import dev.regzoo.recipes.Recipe;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}: where a dataset's files are; every command that reads a dataset takes it. */
public class DataDirOption implements RecipeOverrides {

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Dataset folder: IDX files, or class folders for "
            + "'folder' (required there). Default: the recipe's or the model's, else for fashion/mnist $REGZOO_DATA, "
            + "then /usr/share/datasets/fashion-mnist, then the embedded sample.")
    private Path dataDir;

    /** The given folder, or null for the default lookup. */
    public Path dataDir() {
        return dataDir;
    }

    /** Sets the folder, made absolute so that the recipe reads the same data from any directory. */
    @Override
    public void applyTo(Recipe base, Recipe.Builder recipe) {
        ifGiven(dataDir, dir -> recipe.dataDir(dir.toAbsolutePath()));
    }
}
