package dev.regzoo.cli;

import dev.regzoo.recipes.RecipeFiles;
import dev.regzoo.recipes.Recipes;
import java.io.PrintWriter;
import java.util.Iterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code regzoo recipe}: the recipes as data. */
@Command(name = "recipe", mixinStandardHelpOptions = true,
        description = "Recipes as data: print a named recipe as a JSON recipe file.",
        subcommands = RecipeCommand.Show.class)
final class RecipeCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code regzoo recipe show NAME}: the named recipe in full, as JSON. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Print the named recipe in full as JSON: every field of a recipe file, in the format of a "
                    + "run folder's recipe.json. Save it, edit it and train from it:",
                "  regzoo recipe show fashion-smallcnn > r.json",
                "  regzoo train --recipe r.json"})
    static final class Show implements Runnable {

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "NAME", completionCandidates = Names.class,
                description = "A named recipe: ${COMPLETION-CANDIDATES}.")
        private String name;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            out.println(RecipeFiles.toJson(Recipes.get(name)));
            out.flush();
        }
    }

    /** The recipe names, for {@code --help} and shell completion. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Recipes.names().iterator();
        }
    }
}
