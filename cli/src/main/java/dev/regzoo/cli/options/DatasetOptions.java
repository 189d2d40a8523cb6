package dev.regzoo.cli.options;

import static dev.regzoo.cli.options.RecipeOverrides.ifGiven;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.zoo.Shape;
import picocli.CommandLine.Option;

/** Which files and at what shape: {@code --data-dir} and {@code --input}, for the {@code data} commands. */
public class DatasetOptions extends DataDirOption {

    @Option(names = "--input", paramLabel = "C,H,W", description = "Shape images are converted to (default: the "
            + "dataset's; folders 3,64,64; the data commands show IDX datasets as they are).")
    private String input;

    /** The given shape, else {@link Recipe#DEFAULT_FOLDER_INPUT} (IDX datasets ignore it). */
    public Shape folderShape() {
        return input != null ? Shape.parse(input) : Recipe.DEFAULT_FOLDER_INPUT;
    }

    @Override
    public void applyTo(Recipe base, Recipe.Builder recipe) {
        super.applyTo(base, recipe);
        ifGiven(input, shape -> recipe.input(Shape.parse(shape)));
    }
}
