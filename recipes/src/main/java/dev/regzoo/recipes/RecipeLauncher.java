package dev.regzoo.recipes;

import java.util.ServiceLoader;

/**
 * What a recipe class's {@code main} hands its recipe to: {@code regzoo train NAME} with the command-line overrides.
 * The {@code regzoo-cli} module provides it through {@link ServiceLoader}, so that the recipes need neither the CLI nor
 * the training engine at compile time (both depend on the recipes).
 */
public interface RecipeLauncher {

    /**
     * Trains the named recipe with {@code args} as command-line overrides; returns the process exit code.
     *
     * @param recipe a name from {@link Recipes#names()}
     * @param args   overrides such as {@code --epochs 5}
     */
    int train(String recipe, String[] args);

    /**
     * Runs {@code regzoo train recipe args...} through the launcher on the classpath and exits the JVM with its code.
     *
     * @throws IllegalStateException when no launcher is on the classpath (add {@code regzoo-cli})
     */
    static void launch(String recipe, String[] args) {
        RecipeLauncher launcher = ServiceLoader.load(RecipeLauncher.class).findFirst().orElseThrow(() ->
                new IllegalStateException("no RecipeLauncher on the classpath: running a recipe needs the "
                        + "regzoo-cli module (dev.regzoo:regzoo-cli)"));
        System.exit(launcher.train(recipe, args));
    }
}
