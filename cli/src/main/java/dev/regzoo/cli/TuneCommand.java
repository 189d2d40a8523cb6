package dev.regzoo.cli;

import dev.regzoo.cli.options.DataOptions;
import dev.regzoo.cli.options.RecipeChoice;
import dev.regzoo.cli.options.RecipeOverrides;
import dev.regzoo.cli.options.SeedOption;
import dev.regzoo.cli.options.TrainingOptions;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.train.RunFolder;
import dev.regzoo.train.tune.Sampler;
import dev.regzoo.train.tune.Scheduler;
import dev.regzoo.train.tune.Search;
import dev.regzoo.train.tune.SearchSpace;
import dev.regzoo.train.tune.TrialCluster;
import dev.regzoo.train.tune.Tuning;
import dev.regzoo.train.tune.TuningResult;
import dev.regzoo.zoo.Check;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code regzoo tune RECIPE --space FIELD=DISTRIBUTION …}: a hyperparameter search into one study folder. */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Hyperparameter search: train RECIPE once per trial with values drawn from the search space, "
                + "stop weak trials early (ASHA: trials pause at rungs of min-epochs x eta^k epochs and the best "
                + "1/eta of each rung continue, from their checkpoint), and write a study folder: every trial a run "
                + "folder, study.json and trials.tsv, report.md with charts, and best-recipe.json for 'regzoo train "
                + "--recipe'.",
                "Trials are judged by their best validation accuracy; the recipe's learning-rate schedule spans "
                        + "--max-epochs whatever rung a trial stops at. Options override the recipe as in 'regzoo "
                        + "train' (e.g. --train-limit 10000). A killed search continues with --resume DIR, losing at "
                        + "most its running trials' current epochs."})
final class TuneCommand implements Runnable {

    /** A URI scheme of two or more characters (not a Windows drive letter) and its colon. */
    private static final Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:");

    @Spec
    private CommandSpec spec;

    @Mixin
    private RecipeChoice recipeChoice = new RecipeChoice();

    @Option(names = "--space", paramLabel = "FIELD=DIST", order = 1, description = {"A searched field and its "
            + "distribution: loguniform(a,b), uniform(a,b), int(a,b) or choice(x,y,...); repeat for more fields, e.g. "
            + "--space lr=loguniform(1e-3,3e-1) --space weight-decay=loguniform(1e-5,1e-3) --space "
            + "optimizer=choice(nesterov,adamw).",
            "FIELD is a recipe-file path (optimizer.learningRate; 'regzoo recipe show NAME' prints them) or a 'train' "
                    + "option name (lr, weight-decay, dropout, optimizer, momentum, batch-size, ...). Or a space file: "
                    + "JSON in the recipe file's shape whose values are distributions."})
    private List<String> space;

    @Option(names = "--trials", paramLabel = "N", order = 2, description = "Trials (default: 20 random; a grid: "
            + "all its combinations).")
    private Integer trials;

    @Option(names = "--sampler", paramLabel = "random|grid", defaultValue = "random", order = 3, description =
            "How values are picked, seeded by --seed: random, or grid (ranges at --grid-points values; combinations "
                    + "in a seeded order) (default: ${DEFAULT-VALUE}).")
    private String sampler;

    @Option(names = "--grid-points", paramLabel = "N", defaultValue = "3", order = 4, description = "Values per "
            + "range of a grid (default: ${DEFAULT-VALUE}).")
    private int gridPoints;

    @Option(names = "--scheduler", paramLabel = "none|asha", defaultValue = "asha", order = 5, description = "none: "
            + "every trial trains --max-epochs; asha: successive halving (default: ${DEFAULT-VALUE}).")
    private String scheduler;

    @Option(names = "--max-epochs", paramLabel = "E", order = 6, description = "Epochs of a trial that is never "
            + "stopped, the last rung (default: the recipe's epochs).")
    private Integer maxEpochs;

    @Option(names = "--min-epochs", paramLabel = "E", defaultValue = "1", order = 7, description = "The first rung "
            + "(default: ${DEFAULT-VALUE}).")
    private int minEpochs;

    @Option(names = "--eta", paramLabel = "N", defaultValue = "3", order = 8, description = "Reduction factor: rungs "
            + "grow by it and the best 1/N of a rung continue (default: ${DEFAULT-VALUE}).")
    private int eta;

    @Option(names = "--parallel", paramLabel = "N", order = 9, description = "Trials trained at once (default: 1; "
            + "with --spark the cluster's task slots). In this JVM they share the cores: each runs ND4J on cores/N "
            + "threads.")
    private Integer parallel;

    @Option(names = "--spark", paramLabel = "MASTER", order = 10, description = {"Train the trials as Spark tasks, one "
            + "task per training session, on MASTER (local[N], spark://HOST:PORT, ...); each task runs ND4J on "
            + "spark.task.cpus threads. The study folder may then be a Hadoop URI (hdfs://HOST:PORT/DIR, file:///DIR) "
            + "or a path every worker sees; the dataset must be at the recipe's path on every worker.",
            "Needs regzoo-spark on the class path: the ./regzoo launcher adds it when --spark is given."})
    private String spark;

    @Option(names = "--out", paramLabel = "DIR", order = 11, description = "Study folder (default: "
            + "runs/tune-<recipe>-<timestamp>); with --spark also a Hadoop URI.")
    private String out;

    @Option(names = "--resume", paramLabel = "DIR", order = 12, description = "Continue the study in DIR with its own "
            + "settings: the trials a kill interrupted from their checkpoints, then the rest (only --parallel and "
            + "--spark may be given with it).")
    private String resume;

    @ArgGroup(validate = false, exclusive = false, heading = "%nData:%n", order = 1)
    private DataOptions data = new DataOptions();
    @ArgGroup(validate = false, exclusive = false)
    private TrainingOptions training = new TrainingOptions();
    @ArgGroup(validate = false, exclusive = false, heading = "%nRun:%n", order = 7)
    private SeedOption seed = new SeedOption();

    @Override
    public void run() {
        if (resume != null) {
            onlyParallelAndSparkWithResume();
        }
        if (parallel != null) {
            Check.atLeast("--parallel", parallel, 1);
        }
        Search search = resume != null ? null : search();
        if (spark == null) {
            Tuning tuning = resume != null ? Tuning.resume(localFolder("--resume", resume)) : Tuning.of(search);
            if (out != null && resume == null) {
                tuning.folder(localFolder("--out", out));
            }
            TuningResult result = tuning.parallel(parallel == null ? 1 : parallel)
                    .printTo(spec.commandLine().getOut()).run();
            report(result, result.folder().toAbsolutePath().toString());
            return;
        }
        if (spark.isBlank()) {
            throw new IllegalArgumentException("--spark: give a master URL: local[N], local[*], spark://HOST:PORT, ...");
        }
        String location = resume != null ? resume : out != null ? out
                : RunFolder.timestamped("tune-" + search.recipe().name()).toString();
        try (TrialCluster cluster = cluster().open(spark, location, resume != null)) {
            Tuning tuning = resume != null ? Tuning.resume(cluster.folder())
                    : Tuning.of(search).folder(cluster.folder());
            TuningResult result = tuning.on(cluster).parallel(parallel == null ? cluster.slots() : parallel)
                    .printTo(spec.commandLine().getOut()).run();
            report(result, cluster.location());
        }
    }

    /** Prints what the study found. */
    private void report(TuningResult result, String location) {
        PrintWriter printer = spec.commandLine().getOut();
        result.best().ifPresent(best -> printer.printf(Locale.ROOT, "Best: trial %d, validation accuracy %.4f after "
                        + "%d epochs: %s%n", best.id(), best.bestAccuracy(), best.epochs(),
                result.values(best)));
        printer.printf(Locale.ROOT, "Compute: %d epochs, against %d for every trial to the end; %.0f s%n",
                result.epochs(), result.epochsIfUnstopped(), result.seconds());
        printer.printf("Study: %s (report.md; best-recipe.json for regzoo train --recipe)%n", location);
        printer.flush();
    }

    /** The search the options describe, checked before anything is written. */
    private Search search() {
        if (!recipeChoice.given()) {
            throw new IllegalArgumentException("give a recipe (see 'regzoo list'), --recipe FILE or --resume DIR");
        }
        Recipe base = RecipeOverrides.apply(recipeChoice.recipe(), training, data, seed);
        if (maxEpochs != null && given("--epochs")) {
            throw new IllegalArgumentException("--epochs and --max-epochs both set a trial's epochs: give "
                    + "--max-epochs only");
        }
        Search.Builder search = Search.builder(base, SearchSpace.parse(base, space == null ? List.of() : space))
                .sampler(Sampler.parse(sampler)).gridPoints(gridPoints).scheduler(Scheduler.parse(scheduler))
                .minEpochs(minEpochs).eta(eta);
        if (trials != null) {
            search.trials(trials);
        }
        if (maxEpochs != null) {
            search.maxEpochs(maxEpochs);
        }
        return search.build();
    }

    private void onlyParallelAndSparkWithResume() {
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        Set<String> allowed = Set.of("--resume", "--parallel", "--spark");
        if (!given.matchedPositionals().isEmpty() || given.matchedOptions().stream()
                .anyMatch(o -> !allowed.contains(o.longestName()))) {
            throw new IllegalArgumentException("--resume DIR takes only --parallel and --spark: the study continues "
                    + "with its own recipe, space and settings");
        }
    }

    /** A study folder of this machine: a URI ({@code hdfs://…}) is a cluster's and needs {@code --spark}. */
    private static Path localFolder(String option, String folder) {
        if (URI_SCHEME.matcher(folder).lookingAt()) {
            throw new IllegalArgumentException(option + " " + folder + ": a URI study folder is for trials on a "
                    + "cluster: add --spark MASTER, or give a local path");
        }
        return Path.of(folder);
    }

    /** The cluster provider on the class path (regzoo-spark's). */
    private TrialCluster.Provider cluster() {
        return ServiceLoader.load(TrialCluster.Provider.class).findFirst().orElseThrow(() ->
                new IllegalArgumentException("--spark " + spark + ": regzoo-spark is not on the class path; run "
                        + "regzoo through the ./regzoo launcher, which adds it when --spark is given"));
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }
}
