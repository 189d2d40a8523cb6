package dev.regzoo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.regzoo.recipes.FashionSmallCnn;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.StoppingSpec;
import dev.regzoo.train.AtomicModelSaver;
import dev.regzoo.train.DataExport;
import dev.regzoo.train.TinyFashion;
import dev.regzoo.zoo.ModelFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on executors that are separate processes: Spark's {@code local-cluster[2,1,1024]} master starts a standalone
 * master and two workers in this JVM, and each worker starts its executor as its own JVM, as on a cluster. One executor
 * is killed with SIGKILL after the first epoch; the job must still finish with a loadable best model. Opt-in
 * ({@value #OPT_IN}): too slow for every build. The full version, with the master and the workers as processes too,
 * is {@code scripts/spark-fault-run.sh}.
 */
class SparkClusterTest {

    @TempDir
    Path dir;

    /** The system property that runs this test: {@code mvn -pl spark -am test -Dregzoo.cluster-tests=true}. */
    static final String OPT_IN = "regzoo.cluster-tests";

    @Test
    void theJobSurvivesAnExecutorProcessKilledMidJob() throws Exception {
        assumeTrue(Boolean.getBoolean(OPT_IN), "starting three executor JVMs and a 3-epoch job takes ~2.5 min on a "
                + "2-core machine, too slow for every build: run it with -D" + OPT_IN + "=true, or the full version "
                + "scripts/spark-fault-run.sh (docs/scale-out.md)");
        Path data = TinyFashion.write(Files.createDirectories(dir.resolve("data")), 600, 50);
        Recipe recipe = FashionSmallCnn.recipe().toBuilder().dataDir(data).batchSize(16).width(4)
                .stopping(new StoppingSpec(StoppingSpec.Monitor.VAL_LOSS, 10, 0, 3, 0)).build();
        Path export = dir.resolve("export");
        DataExport.write(recipe, export);
        SparkConf conf = new SparkConf().setMaster("local-cluster[2,1,1024]").setAppName("regzoo executor kill")
                .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .set("spark.executor.extraJavaOptions", javaModuleOptions())
                .set("spark.executor.memory", "768m")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        StringWriter log = new StringWriter();
        Path out = dir.resolve("run");
        // In-process workers take their Spark home from SPARK_HOME, which a test cannot set, or, as in Spark's own
        // tests, from spark.test.home under spark.testing.
        System.setProperty("spark.testing", "true");
        System.setProperty("spark.test.home", sparkHome().toString());
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            CompletableFuture<Void> job = CompletableFuture.runAsync(() -> SparkTraining.run(sc, recipe,
                    ExportedData.open(export.toString(), new Configuration()),
                    RunOutput.open("--out", out.toString(), new Configuration()), 2, Optional.empty(),
                    new PrintWriter(log, true)));
            while (!log.toString().contains("epoch   1 ") && !job.isDone()) {
                Thread.sleep(200);
            }
            List<ProcessHandle> executors = executors();
            assertEquals(2, executors.size(), "one executor process per worker");
            assertTrue(executors.get(0).destroyForcibly(), "SIGKILL");
            job.get(5, TimeUnit.MINUTES);
        } finally {
            System.clearProperty("spark.testing");
            System.clearProperty("spark.test.home");
        }
        assertTrue(log.toString().contains("epoch   3 "), "all epochs trained: " + log);
        assertTrue(ModelFiles.load(out.resolve(AtomicModelSaver.BEST), false) instanceof MultiLayerNetwork,
                log::toString);
    }

    /**
     * The executor JVMs the workers of this JVM started: its only Java child processes (their command line, with
     * this JVM's long classpath, is not always available to {@code ProcessHandle.Info}).
     */
    private static List<ProcessHandle> executors() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> Path.of(c).getFileName().toString().equals("java"))
                        .orElse(false))
                .toList();
    }

    /**
     * A Spark home for the workers: they start executors with its {@code jars/*} on the classpath (empty here: the
     * executors get this JVM's classpath) and look for the Scala version under {@code launcher/target}.
     */
    private Path sparkHome() throws IOException {
        Path home = dir.resolve("spark-home");
        Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("launcher/target/scala-2.12"));
        return home;
    }

    /** This JVM's {@code --add-opens} (the spark module's surefire argLine), for the executors. */
    private static String javaModuleOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-modules"))
                .collect(Collectors.joining(" "));
    }
}
