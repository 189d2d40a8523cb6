package dev.regzoo.spark;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.train.AtomicModelSaver;
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

    /** How long a {@code spark://} master has to answer. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final JavaSparkContext sc;
    private final RunOutput study;
    private final HadoopLock lock;
    private final String master;

    private SparkTrials(JavaSparkContext sc, RunOutput study, HadoopLock lock, String master) {
        this.sc = sc;
        this.study = study;
        this.lock = lock;
        this.master = master;
    }

    static SparkTrials open(String master, String location, boolean resume) {
        SparkConf conf = new SparkConf().setAppName("regzoo tune").setMaster(master);
        SparkMaster.checkReachable(master, CONNECT_TIMEOUT);
        // spark.hadoop.* settings and the classpath's core-site.xml/hdfs-site.xml, as the executors see them.
        Configuration hadoop = SparkHadoopUtil.get().newConfiguration(conf);
        String option = resume ? "--resume" : "--out";
        HadoopFolder folder = HadoopFolder.of(option, location, hadoop);
        boolean holdsStudy = folder.hasFile(TrialCluster.STUDY_FILE);
        if (resume && !holdsStudy) {
            throw new IllegalArgumentException(folder.location() + ": not a regzoo tune study folder (no "
                    + TrialCluster.STUDY_FILE + ")");
        }
        if (!resume && holdsStudy) {
            throw new IllegalArgumentException(folder.location() + " holds a study already: continue it with "
                    + "--resume " + folder.location() + ", or give another folder");
        }
        RunOutput study = RunOutput.open(option, location, hadoop);
        HadoopLock lock = null;
        try {
            lock = study.target().map(HadoopLock::take).orElse(null);
            if (resume) {
                study.restore();
            }
            return new SparkTrials(context(conf), study, lock, master);
        } catch (RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            study.discard();
            throw e;
        }
    }

    /**
     * The Spark context of {@code conf}.
     *
     * @throws IllegalArgumentException naming the master when Spark does not take it
     */
    private static JavaSparkContext context(SparkConf conf) {
        try {
            return new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--spark " + conf.get("spark.master") + ": " + e.getMessage()
                    + " (want local[N], local[*], spark://HOST:PORT or another master Spark knows)", e);
        }
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
                HadoopFolder home = HadoopFolder.of("trial folder", study.locationOf(trial), sc.hadoopConfiguration());
                boolean continues = home.hasFile(AtomicModelSaver.LATEST);
                sc.setJobDescription("regzoo tune: " + trial + " to epoch " + untilEpoch);
                Session session;
                try {
                    session = sc.parallelize(List.of(0), 1)
                            .map(new TrialTask(recipe, home.location(), untilEpoch, continues)).collect().get(0);
                } catch (Exception e) {
                    // Spark's SparkException is checked in Java, but thrown by collect() undeclared.
                    throw new IllegalStateException(taskFailure(e), e);
                }
                if (!session.diverged() && !session.valAccuracy().isEmpty()
                        && !home.hasFile(AtomicModelSaver.LATEST)) {
                    throw new IllegalStateException("the checkpoint the executor wrote is not visible at "
                            + home.location() + ": give the study folder as a Hadoop URI or a path the driver and "
                            + "every worker share");
                }
                return session;
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
        return Math.max(1, SparkMaster.cores(sc) / sc.getConf().getInt("spark.task.cpus", 1));
    }

    /**
     * What failed in a task, from Spark's "Job aborted due to stage failure: … most recent failure: Lost task … (…):
     * CLASS: MESSAGE" and its stack trace: {@code CLASS: MESSAGE}.
     */
    static String taskFailure(Exception e) {
        String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        int failure = first.indexOf("most recent failure: ");
        int cause = failure < 0 ? -1 : first.indexOf("): ", failure);
        return cause < 0 ? first : first.substring(cause + 3);
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
            try {
                if (lock != null) {
                    lock.close();
                }
            } finally {
                sc.close();
            }
        }
    }
}
