package dev.regzoo.cli;

import dev.regzoo.recipes.RecipeLauncher;

/**
 * The recipe classes' {@code main}s run {@code regzoo train NAME args...} through this (a {@code ServiceLoader}
 * entry).
 */
public final class CliRecipeLauncher implements RecipeLauncher {

    @Override
    public int train(String recipe, String[] args) {
        return RegzooCli.commandLine().execute(RegzooCli.trainArgs(recipe, args));
    }
}
