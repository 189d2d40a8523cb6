package dev.regzoo.cli;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.Recipes;
import dev.regzoo.zoo.ModelRegistry;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code regzoo list}: the zoo's models. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the zoo's models and the training recipes.")
final class ListCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Models:");
        for (ModelRegistry.Entry e : ModelRegistry.entries()) {
            out.printf("  %-25s %s%n", e.name(), e.description());
        }
        out.println("Recipes (regzoo train NAME):");
        for (Recipe r : Recipes.all()) {
            out.printf("  %-25s %s%n", r.name(), r.description());
        }
        out.flush();
    }
}
