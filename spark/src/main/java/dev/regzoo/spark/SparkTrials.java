package dev.regzoo.spark;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.train.RunFolder;
import dev.regzoo.train.tune.TrialCluster;
import dev.regzoo.train.tune.TrialRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.deploy.SparkHadoopUtil;

/**
 * {@code regzoo tune --spark MASTER}: each training session of a trial is one Spark task ({@link TrialTask}) that
 * trains the trial's run folder in the study folder, a path every worker sees or a Hadoop URI. The study's own files
 * are written here, into the study folder or a local copy of it ({@link RunOutput}) copied there after every change.
 * Sessions of different trials are concurrent Spark jobs of one context.
 */
final class SparkTrials implements TrialCluster {

    /** The provider {@code regzoo tune --spark} finds with {@link java.util.ServiceLoader}. */
    public static final class Provider implements TrialCluster.Provider {

        @Override
        public TrialCluster open(String master, String location, boolean resume) {
            return SparkTrials.open(master, location, resume);
        }
    }

    /** The study's state file, as {@code regzoo tune} writes it. */
    private static final String STUDY = "study.json";

    /** How long a {@code spark://} master has to answer. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final JavaSparkContext sc;
    private final RunOutput study;
    private final String master;

    private SparkTrials(JavaSparkContext sc, RunOutput study, String master) {
        this.sc = sc;
        this.study = study;
        this.master = master;
    }

    static SparkTrials open(String master, String location, boolean resume) {
        SparkConf conf = new SparkConf().setAppName("regzoo tune").setMaster(master);
        SparkMaster.checkReachable(master, CONNECT_TIMEOUT);
        // spark.hadoop.* settings and the classpath's core-site.xml/hdfs-site.xml, as the executors see them.
        Configuration hadoop = SparkHadoopUtil.get().newConfiguration(conf);
        String option = resume ? "--resume" : "--out";
        RunOutput study = RunOutput.open(option, location, hadoop);
        if (resume && !study.holds(STUDY)) {
            throw new IllegalArgumentException(study.location() + ": not a regzoo tune study folder (no " + STUDY
                    + ")");
        }
        if (resume) {
            study.restore();
        } else if (study.holds(STUDY)) {
            throw new IllegalArgumentException(study.location() + " holds a study already: continue it with "
                    + "--resume " + study.location() + ", or give another folder");
        }
        return new SparkTrials(new JavaSparkContext(conf), study, master);
    }

    @Override
    public Path folder() {
        return study.folder().dir();
    }

    @Override
    public String location() {
        return study.location();
    }

    @Override
    public TrialRunner runner() {
        return new TrialRunner() {
            @Override
            public Session train(Recipe recipe, RunFolder folder, int untilEpoch) {
                String trial = folder.dir().getFileName().toString();
                sc.setJobDescription("regzoo tune: " + trial + " to epoch " + untilEpoch);
                try {
                    return sc.parallelize(List.of(0), 1)
                            .map(new TrialTask(recipe, study.locationOf(trial), untilEpoch)).collect().get(0);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    // Spark's SparkException is checked in Java, but thrown by collect() undeclared.
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }

            @Override
            public String where(int parallel) {
                int threads = sc.getConf().getInt("spark.task.cpus", 1);
                return "as Spark tasks on " + master + ", " + threads + " ND4J thread" + (threads == 1 ? "" : "s")
                        + " each (spark.task.cpus)";
            }
        };
    }

    @Override
    public int slots() {
        return Math.max(1, sc.defaultParallelism() / sc.getConf().getInt("spark.task.cpus", 1));
    }

    @Override
    public void sync() {
        study.checkpoint();
    }

    @Override
    public void close() {
        try {
            study.finish();
        } finally {
            sc.close();
        }
    }
}
