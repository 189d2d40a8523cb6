package dev.regzoo.cli;

import dev.regzoo.cli.options.DataOptions;
import dev.regzoo.cli.options.LocalRunOptions;
import dev.regzoo.cli.options.RecipeChoice;
import dev.regzoo.cli.options.RecipeOverrides;
import dev.regzoo.cli.options.TrainingOptions;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.RecipeFiles;
import dev.regzoo.train.RunFolder;
import dev.regzoo.train.Trainer;
import dev.regzoo.train.TrainingUi;
import dev.regzoo.zoo.TrainedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code regzoo train RECIPE [overrides]}: trains a recipe with early stopping and writes a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a recipe (see 'regzoo list') with early stopping; the best model is kept, evaluated on "
                + "the test set and saved in the run folder with recipe.json, metrics.json, report.md and curves.png."
                + " Options override the recipe's values.")
final class TrainCommand implements Callable<Integer> {

    /** The command's own arguments, kept in the run folder as a record of how the run was started. */
    static final String ARGS_FILE = "train-args.txt";
    /** The run folder's recipe, which {@code --resume} continues with. */
    static final String RECIPE_FILE = "recipe.json";
    /** How the run executes beyond its recipe (the worker count), which {@code --resume} keeps. */
    static final String RUN_FILE = "run.json";

    @Spec
    private CommandSpec spec;

    @Mixin
    private RecipeChoice recipeChoice = new RecipeChoice();

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue an interrupted run from its latest "
            + "checkpoint, with the recipe in its recipe.json and its worker count (other options are not allowed).")
    private Path resume;

    @ArgGroup(validate = false, exclusive = false, heading = "%nData:%n", order = 1)
    private DataOptions data = new DataOptions();
    @ArgGroup(validate = false, exclusive = false)
    private TrainingOptions training = new TrainingOptions();
    @ArgGroup(validate = false, exclusive = false, heading = "%nRun:%n", order = 7)
    private LocalRunOptions run = new LocalRunOptions();

    @Override
    public Integer call() {
        Trainer.checkWorkers(run.workers());
        if (resume != null) {
            return resumeRun();
        }
        if (!recipeChoice.given()) {
            throw new IllegalArgumentException("give a recipe (see 'regzoo list'), --recipe FILE or --resume RUN_DIR");
        }
        if (run.workers() > 1 && training.asksForEma()) {
            throw new IllegalArgumentException("--ema-decay needs --workers 1: " + Trainer.WHY_NO_EMA_ON_WORKERS
                    + " (got --workers " + run.workers() + ")");
        }
        Recipe recipe = resolve(recipeChoice.recipe());
        Path dir = run.out() != null ? run.out() : RunFolder.timestamped(recipe.name());
        boolean created = !Files.exists(dir);
        RunFolder folder = RunFolder.create(dir);
        folder.writeText(ARGS_FILE, String.join("\n", ownArgs()) + "\n");
        folder.writeJson(RUN_FILE, Map.of("workers", run.workers()));
        try {
            return train(recipe, folder, false, run.workers());
        } catch (IllegalArgumentException refused) {
            forgetRefused(dir, created);
            throw refused;
        }
    }

    /**
     * Removes the start record of a run refused before its first epoch by a check that needs the data (a DropBlock
     * block larger than the feature maps): the two files above, and the folder when this command created it. A folder
     * holding anything else, a checkpoint above all, is left as it is.
     */
    private static void forgetRefused(Path dir, boolean created) {
        try (Stream<Path> listed = Files.list(dir)) {
            List<Path> files = listed.toList();
            if (!files.stream().allMatch(f -> Set.of(ARGS_FILE, RUN_FILE).contains(f.getFileName().toString()))) {
                return;
            }
            for (Path file : files) {
                Files.delete(file);
            }
            if (created) {
                Files.delete(dir);
            }
        } catch (IOException e) {
            // The refusal is what the user needs to see; a start record left behind does no harm.
        }
    }

    /** Continues an interrupted run with exactly the recipe in its {@code recipe.json} and its worker count. */
    private int resumeRun() {
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        if (given.matchedOptions().size() != 1 || !given.matchedPositionals().isEmpty()) {
            throw new IllegalArgumentException("--resume RUN_DIR takes no other arguments: the run continues with "
                    + "its own recipe (" + RECIPE_FILE + ") and workers");
        }
        Path recipe = resume.resolve(RECIPE_FILE);
        if (!Files.isRegularFile(recipe)) {
            throw new IllegalArgumentException(resume + ": not a regzoo run folder (no " + RECIPE_FILE + ")");
        }
        return train(RecipeFiles.read(recipe), RunFolder.create(resume), true, workersOf(resume));
    }

    /**
     * The worker count a run was started with: from {@code run.json}, or for run folders written by 0.1.0 from the
     * {@code --workers} argument in {@code train-args.txt}; 1 when neither says.
     */
    private static int workersOf(Path runDir) {
        try {
            Path runFile = runDir.resolve(RUN_FILE);
            if (Files.isRegularFile(runFile)) {
                return new ObjectMapper().readTree(runFile.toFile()).path("workers").asInt(1);
            }
            Path argsFile = runDir.resolve(ARGS_FILE);
            List<String> args = Files.isRegularFile(argsFile) ? Files.readAllLines(argsFile) : List.of();
            int at = args.indexOf("--workers");
            return at >= 0 && at + 1 < args.size() ? Integer.parseInt(args.get(at + 1).trim()) : 1;
        } catch (IOException | NumberFormatException e) {
            throw new IllegalArgumentException(runDir + ": cannot read the run's worker count (" + e.getMessage()
                    + ")", e);
        }
    }

    /**
     * This command's arguments, without what came before it ({@code train} itself), with folder options made absolute:
     * the record of how the run was started that {@code train-args.txt} keeps.
     */
    private List<String> ownArgs() {
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        List<String> own = new java.util.ArrayList<>(all.subList(all.indexOf(spec.name()) + 1, all.size()));
        for (int i = 0; i < own.size(); i++) {
            String arg = own.get(i);
            if ((arg.equals("--data-dir") || arg.equals("--out") || arg.equals("--from")) && i + 1 < own.size()
                    && !own.get(i + 1).startsWith(TrainedModel.PRETRAINED)) {
                own.set(i + 1, Path.of(own.get(i + 1)).toAbsolutePath().toString());
            } else if (arg.startsWith("--data-dir=") || arg.startsWith("--out=")) {
                int eq = arg.indexOf('=');
                own.set(i, arg.substring(0, eq + 1) + Path.of(arg.substring(eq + 1)).toAbsolutePath());
            }
        }
        return own;
    }

    private int train(Recipe recipe, RunFolder folder, boolean resuming, int workers) {
        Path dir = folder.dir();
        PrintWriter printer = spec.commandLine().getOut();
        Optional<TrainingUi> server = run.ui()
                ? Optional.of(TrainingUi.start(run.uiAddress().port(), run.uiAddress().host())) : Optional.empty();
        server.ifPresent(s -> {
            s.warning().ifPresent(spec.commandLine().getErr()::println);
            spec.commandLine().getErr().flush();
            printer.printf("Training UI: %s (until training ends; 'regzoo ui %s' shows the run later; DL4J's pages: "
                    + "%s)%n", s.url(), dir, s.dl4jUrl());
            printer.flush();
        });
        Trainer.Outcome outcome;
        try {
            outcome = resuming ? Trainer.resume(recipe, folder, printer, server, workers)
                    : Trainer.train(recipe, folder, printer, server, workers);
        } finally {
            server.ifPresent(TrainingUi::stop);
        }
        var report = outcome.report();
        printer.printf("Stopped: %s%n", report.termination());
        if (report.bestEpoch() > 0) {
            printer.printf("Best epoch %d; %s%n", report.bestEpoch(), report.test()
                    .map(t -> String.format("test accuracy %.4f on %d images", t.accuracy(), t.images()))
                    .orElse("no test set"));
        }
        printer.printf("Run folder: %s%n", folder.dir().toAbsolutePath());
        printer.flush();
        return outcome.diverged() ? RegzooCli.EXIT_DIVERGED : 0;
    }

    /**
     * {@code base} with every option given here applied: the model, regularization, optimizer, schedule and stopping
     * options, then the data options (an {@code --input} wins over the shape {@code --from} brings), then the seed.
     */
    Recipe resolve(Recipe base) {
        return RecipeOverrides.apply(base, training, data, run);
    }
}
