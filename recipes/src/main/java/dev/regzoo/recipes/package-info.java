/**
 * The recipes: every choice of how a model is trained as one immutable {@link dev.regzoo.recipes.Recipe} (with its
 * optimizer, schedule and stopping specs, each with a named builder), the named recipes
 * ({@link dev.regzoo.recipes.Recipes}), recipe files ({@link dev.regzoo.recipes.RecipeFiles}: a recipe as JSON, as
 * {@code regzoo recipe show} prints it and a run folder's {@code recipe.json} holds it, read with each error naming
 * the file, line and field), and one class with a {@code main} per named recipe ({@code FashionSmallCnn} …) that
 * users run. The recipes depend on the zoo and the data module only; running one goes through a
 * {@link dev.regzoo.recipes.RecipeLauncher} that the CLI provides.
 */
package dev.regzoo.recipes;
