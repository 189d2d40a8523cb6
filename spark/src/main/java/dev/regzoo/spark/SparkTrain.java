package dev.regzoo.spark;

import dev.regzoo.cli.RegzooCli;
import dev.regzoo.cli.options.RecipeChoice;
import dev.regzoo.cli.options.RecipeOverrides;
import dev.regzoo.cli.options.RunOptions;
import dev.regzoo.cli.options.TrainingOptions;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.train.RunReport;
import dev.regzoo.train.Trainer;
import dev.regzoo.zoo.Check;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The Spark job: {@code spark-submit --class dev.regzoo.spark.SparkTrain … RECIPE --data EXPORT_DIR --out RUN_DIR}
 * (see {@code scripts/spark-train.sh} and {@code docs/scale-out.md}); {@code EXPORT_DIR} and {@code RUN_DIR} are
 * paths or Hadoop URIs. Exit codes as {@code regzoo}: 2 for bad input (a missing or unreadable export file, an
 * unwritable run folder, an unreachable master), 3 when the loss or the weights became NaN or infinite, 1 for
 * other failures.
 */
@Command(name = "regzoo-spark", mixinStandardHelpOptions = true,
        description = "Train a recipe on Spark (DL4J ParameterAveragingTrainingMaster) from a 'regzoo data export' "
                + "folder; the driver writes the run folder. The model, regularization, optimizer, schedule, stopping "
                + "and seed options are those of 'regzoo train'; the data (split, batch size, shape) is the export's.")
public final class SparkTrain implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private RecipeChoice recipeChoice = new RecipeChoice();
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The export folder: a Hadoop URI "
            + "(hdfs://HOST:PORT/DIR, file:///DIR, or any scheme the cluster's Hadoop configuration provides) or a "
            + "path visible at the same place to the driver and every executor.")
    private String data;
    @Option(names = "--master", paramLabel = "URL", description = "Spark master when not given by spark-submit, "
            + "e.g. local[2] or spark://host:7077 (default: local[*]).")
    private String master;
    @Option(names = "--averaging-frequency", defaultValue = "5", paramLabel = "N", description = "Minibatches each "
            + "worker fits between parameter averagings (default: ${DEFAULT-VALUE}).")
    private int averagingFrequency;
    @Option(names = "--connect-timeout", defaultValue = "10", paramLabel = "SECONDS", description = "How long to wait "
            + "for a spark:// master or the --ui-url UI to answer (default: ${DEFAULT-VALUE}).")
    private int connectTimeout;
    @Option(names = "--ui-url", paramLabel = "URL", description = "A training UI started with 'regzoo ui --remote', "
            + "e.g. http://host:9000, that shows the statistics live (the run folder's stats.bin is written anyway).")
    private String uiUrl;
    @ArgGroup(validate = false, exclusive = false)
    private TrainingOptions training = new TrainingOptions();
    @ArgGroup(validate = false, exclusive = false, heading = "%nRun:%n", order = 7)
    private RunOptions run = new RunOptions();

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The job's command line, with regzoo's exit codes. */
    public static CommandLine commandLine() {
        return RegzooCli.withExitCodes(new CommandLine(new SparkTrain()));
    }

    @Override
    public Integer call() {
        Check.atLeast("--averaging-frequency", averagingFrequency, 1);
        Check.atLeast("--connect-timeout", connectTimeout, 1);
        String out = run.outLocation();
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required: the run folder the driver writes");
        }
        if (training.asksForEma()) {
            throw new IllegalArgumentException("--ema-decay needs one worker ('regzoo train'): "
                    + Trainer.WHY_NO_EMA_ON_WORKERS);
        }
        Recipe recipe = RecipeOverrides.apply(recipeChoice.recipe(), training, run);
        SparkConf conf = new SparkConf().setAppName("regzoo " + recipe.name());
        if (!conf.contains("spark.master")) {
            conf.setMaster(master != null ? master : "local[*]");
        }
        // spark.hadoop.* settings and the classpath's core-site.xml/hdfs-site.xml, as the executors see them.
        Configuration hadoop = SparkHadoopUtil.get().newConfiguration(conf);
        ExportedData exported = ExportedData.open(data, hadoop);
        SparkTraining.check(recipe, exported);
        SparkMaster.checkReachable(conf.get("spark.master"), Duration.ofSeconds(connectTimeout));
        Optional<StatsStorageRouter> liveUi = Optional.ofNullable(uiUrl)
                .map(url -> RemoteUi.connect(url, Duration.ofSeconds(connectTimeout)));
        RunOutput output = RunOutput.open("--out", out, hadoop);
        PrintWriter printer = spec.commandLine().getOut();
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            Trainer.Outcome outcome = SparkTraining.run(sc, recipe, exported, output, averagingFrequency, liveUi,
                    printer);
            output.finish();
            RunReport report = outcome.report();
            printer.printf("Stopped: %s%n", report.termination());
            report.test().ifPresent(t -> printer.printf("Best epoch %d; test accuracy %.4f on %d images%n",
                    report.bestEpoch(), t.accuracy(), t.images()));
            printer.printf("Run folder: %s%n", output.location());
            printer.flush();
            return outcome.diverged() ? RegzooCli.EXIT_DIVERGED : 0;
        }
    }
}
