package dev.regzoo.cli.options;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.RecipeFiles;
import dev.regzoo.recipes.Recipes;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Which recipe a training command starts from: a named one ({@code RECIPE}) or a recipe file ({@code --recipe FILE}),
 * before the command's other options override its values. A picocli mixin of {@code regzoo train} and the Spark job.
 */
public class RecipeChoice {

    @Parameters(index = "0", arity = "0..1", paramLabel = "RECIPE",
            description = "Recipe name, e.g. fashion-smallcnn (see 'regzoo list'); not with --recipe.")
    private String name;

    @Option(names = "--recipe", paramLabel = "FILE", description = "Train the recipe in a recipe file instead of a "
            + "named one: JSON as 'regzoo recipe show NAME' prints it, or a run folder's recipe.json (which re-runs "
            + "that run). Options given here still override it.")
    private Path file;

    /** Whether a name or a file was given. */
    public boolean given() {
        return name != null || file != null;
    }

    /**
     * The named recipe or the recipe file's.
     *
     * @throws IllegalArgumentException when neither or both are given, for an unknown name or a bad file
     */
    public Recipe recipe() {
        if (name != null && file != null) {
            throw new IllegalArgumentException("give a recipe name or --recipe FILE, not both (got '" + name + "' and "
                    + file + ")");
        }
        if (file != null) {
            return RecipeFiles.read(file);
        }
        if (name == null) {
            throw new IllegalArgumentException("give a recipe (see 'regzoo list') or --recipe FILE");
        }
        return Recipes.get(name);
    }
}
