package dev.regzoo.spark;

import dev.regzoo.train.RunFolder;
import dev.regzoo.train.TrainingUi;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;

/**
 * Where the job's run folder (or {@code regzoo tune --spark}'s study folder) goes. A plain path is the folder itself,
 * written by the driver as a local run's. A
 * Hadoop URI ({@code hdfs://…}, {@code file://…}) is checked for writing before the job starts; the driver then writes
 * the run folder to a local staging folder and copies its files there after every epoch ({@link #checkpoint}) and at
 * the end ({@link #finish}). The staging is regzoo's choice, not Hadoop's limit: the run folder's writers need a local
 * file system (the model savers' atomic renames over existing files, DL4J's {@code FileStatsStorage} on MapDB).
 */
final class RunOutput {

    private final RunFolder folder;
    private final Optional<HadoopFolder> target;

    private RunOutput(RunFolder folder, Optional<HadoopFolder> target) {
        this.folder = folder;
        this.target = target;
    }

    /**
     * @param option   the option that named the folder, for messages
     * @param location a plain path or a Hadoop URI
     * @param hadoop   the cluster's Hadoop configuration
     * @throws IllegalArgumentException naming the location when it cannot be created or written
     */
    static RunOutput open(String option, String location, Configuration hadoop) {
        HadoopFolder target = HadoopFolder.of(option, location, hadoop);
        if (!target.uri()) {
            return new RunOutput(RunFolder.create(java.nio.file.Path.of(target.location())), Optional.empty());
        }
        try {
            target.fs().mkdirs(target.path());
            Path probe = target.resolve(".write-check-" + ProcessHandle.current().pid());
            target.fs().create(probe, true).close();
            target.fs().delete(probe, false);
            return new RunOutput(RunFolder.create(Files.createTempDirectory("regzoo-spark-run-")), Optional.of(target));
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + location + " cannot be written: " + e.getMessage(), e);
        }
    }

    /** The folder the driver writes. */
    RunFolder folder() {
        return folder;
    }

    /** The run folder, as messages name it. */
    String location() {
        return target.map(HadoopFolder::location).orElse(folder.dir().toString());
    }

    /** The run folder's subfolder {@code name}, as a task on any machine of the cluster finds it. */
    String locationOf(String name) {
        return target.map(t -> t.resolve(name).toString()).orElse(folder.dir().resolve(name).toString());
    }

    /** Copies the Hadoop folder's files into the staging folder, to continue what the run folder holds. */
    void restore() {
        target.ifPresent(t -> HadoopCopy.download(t, folder.dir()));
    }

    /** Copies the run folder's files to the Hadoop folder, but the statistics, which stay open while training. */
    void checkpoint() {
        target.ifPresent(t -> HadoopCopy.upload(folder.dir(), t, name -> !name.equals(TrainingUi.STATS_FILE)));
    }

    /** Removes the staging folder without copying it: for a folder given up before anything was written to it. */
    void discard() {
        target.ifPresent(t -> FileUtil.fullyDelete(folder.dir().toFile()));
    }

    /** The Hadoop folder, when the run folder is a URI (and the driver writes a staging copy). */
    Optional<HadoopFolder> target() {
        return target;
    }

    /** Copies every file of the run folder to the Hadoop folder and removes the staging folder. */
    void finish() {
        target.ifPresent(t -> {
            HadoopCopy.upload(folder.dir(), t, name -> true);
            FileUtil.fullyDelete(folder.dir().toFile());
        });
    }
}
