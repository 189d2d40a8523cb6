package dev.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.recipes.RecipeFiles;
import dev.regzoo.recipes.Recipes;
import org.junit.jupiter.api.Test;

class RecipeCommandTest {

    @Test
    void showPrintsEachNamedRecipeAsARecipeFile() {
        for (String name : Recipes.names()) {
            Cli.Result r = Cli.run("recipe", "show", name);
            assertEquals(0, r.code(), r.err());
            assertEquals(Recipes.get(name), RecipeFiles.fromJson(r.out(), "stdout"), name);
            assertTrue(r.out().contains("\"softLabels\" : {") && r.out().contains("\"ema\" : {"), r.out());
        }
    }

    @Test
    void anUnknownNameExitsWithTwoAndListsTheNames() {
        Cli.Result r = Cli.run("recipe", "show", "fashion-cnn");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("'fashion-cnn'"), r.err());
        for (String name : Recipes.names()) {
            assertTrue(r.err().contains(name), r.err());
        }
    }

    @Test
    void helpNamesTheRecipesAndTheFormat() {
        Cli.Result show = Cli.run("recipe", "show", "--help");
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("Usage: regzoo recipe show") && show.out().contains("JSON"), show.out());
        for (String name : Recipes.names()) {
            assertTrue(show.out().contains(name), show.out());
        }
        Cli.Result recipe = Cli.run("recipe");
        assertEquals(0, recipe.code(), recipe.err());
        assertTrue(recipe.out().contains("show"), recipe.out());
        assertTrue(Cli.run("--help").out().contains("recipe"));
    }
}
