/**
 * The recipes: every choice of how a model is trained as one immutable {@link dev.regzoo.recipes.Recipe} (with its
 * optimizer, schedule and stopping specs), the named recipes ({@link dev.regzoo.recipes.Recipes}), and one class with a
 * {@code main} per named recipe ({@code FashionSmallCnn} …) that users run. The recipes depend on the zoo and the data
 * module only; running one goes through a {@link dev.regzoo.recipes.RecipeLauncher} that the CLI provides.
 */
package dev.regzoo.recipes;
