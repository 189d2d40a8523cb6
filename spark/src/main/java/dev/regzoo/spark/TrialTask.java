package dev.regzoo.spark;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.RecipeFiles;
import dev.regzoo.train.AtomicModelSaver;
import dev.regzoo.train.RunFolder;
import dev.regzoo.train.tune.TrialRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * One training session of a trial, as a Spark task: on the executor it copies the trial's run folder from the study
 * folder into a local folder, trains it there with regzoo's engine ({@link TrialRunner#engine()}: on from its latest
 * checkpoint, if any), and copies it back. A task Spark retries starts again from what the study folder holds.
 */
final class TrialTask implements Function<Integer, TrialRunner.Session> {

    private static final long serialVersionUID = 1L;

    private final String recipe;
    private final String trialFolder;
    private final int untilEpoch;
    private final boolean continues;

    /**
     * @param recipe      the trial's recipe
     * @param trialFolder the trial's run folder in the study folder: a path or a Hadoop URI
     * @param untilEpoch  the epoch the session trains to
     * @param continues   whether the driver sees a checkpoint there, which the task must then find too
     */
    TrialTask(Recipe recipe, String trialFolder, int untilEpoch, boolean continues) {
        this.recipe = RecipeFiles.toJson(recipe);
        this.trialFolder = trialFolder;
        this.untilEpoch = untilEpoch;
        this.continues = continues;
    }

    @Override
    public TrialRunner.Session call(Integer ignored) throws IOException {
        Configuration hadoop = SparkHadoopUtil.get().newConfiguration(SparkEnv.get().conf());
        HadoopFolder home = HadoopFolder.of("trial folder", trialFolder, hadoop);
        Path local = Files.createTempDirectory("regzoo-trial-");
        try {
            HadoopCopy.download(home, local);
            if (continues && !Files.isRegularFile(local.resolve(AtomicModelSaver.LATEST))) {
                throw new IllegalStateException(trialFolder + "/" + AtomicModelSaver.LATEST + " is not visible from "
                        + "executor " + SparkEnv.get().executorId() + ": give the study folder as a Hadoop URI or a "
                        + "path every worker shares");
            }
            TaskContext task = TaskContext.get();
            // OpenMP's team size is a setting of the calling thread: the task's cores, not the executor's. ND4J's
            // backend must be loaded before its native ops are reached directly.
            Nd4j.getBackend();
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(task.cpus());
            note(local, String.format(Locale.ROOT, "Spark task: stage %d, partition %d, attempt %d, executor %s, "
                            + "%d thread%s, to epoch %d", task.stageId(), task.partitionId(), task.attemptNumber(),
                    SparkEnv.get().executorId(), task.cpus(), task.cpus() == 1 ? "" : "s", untilEpoch));
            TrialRunner.Session session = TrialRunner.engine().train(RecipeFiles.fromJson(recipe, "the trial's recipe"),
                    RunFolder.create(local), untilEpoch);
            HadoopCopy.upload(local, home, name -> true);
            return session;
        } finally {
            FileUtil.fullyDelete(local.toFile());
        }
    }

    /** Appends {@code line} to the trial's log. */
    private static void note(Path folder, String line) {
        try {
            Files.writeString(folder.resolve(TrialRunner.LOG), line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder.resolve(TrialRunner.LOG) + ": " + e.getMessage(), e);
        }
    }
}
