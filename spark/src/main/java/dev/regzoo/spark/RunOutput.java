package dev.regzoo.spark;

import dev.regzoo.train.RunFolder;
import dev.regzoo.train.TrainingUi;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;

/**
 * Where the job's run folder goes. A plain path is the run folder itself, written by the driver as a local run's. A
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
     * @param location a plain path or a Hadoop URI
     * @param hadoop   the cluster's Hadoop configuration
     * @throws IllegalArgumentException naming the location when it cannot be created or written
     */
    static RunOutput open(String location, Configuration hadoop) {
        HadoopFolder target = HadoopFolder.of("--out", location, hadoop);
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
            throw new IllegalArgumentException("output folder " + location + " cannot be written: " + e.getMessage(),
                    e);
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

    /** Copies the run folder's files to the Hadoop folder, but the statistics, which stay open while training. */
    void checkpoint() {
        target.ifPresent(t -> copy(t, false));
    }

    /** Copies every file of the run folder to the Hadoop folder and removes the staging folder. */
    void finish() {
        target.ifPresent(t -> {
            copy(t, true);
            FileUtil.fullyDelete(folder.dir().toFile());
        });
    }

    /**
     * Copies each file under a temporary name, then renames it over the old one (Hadoop's rename does not replace),
     * so a reader sees the previous or the new file whole, or, for a moment, none.
     */
    private void copy(HadoopFolder target, boolean withStatistics) {
        File[] files = folder.dir().toFile().listFiles(File::isFile);
        for (File file : files == null ? new File[0] : files) {
            String name = file.getName();
            if (name.startsWith(".") || (!withStatistics && name.equals(TrainingUi.STATS_FILE))) {
                continue;
            }
            Path destination = target.resolve(name);
            Path partial = target.resolve("." + name + ".copying");
            try {
                target.fs().copyFromLocalFile(false, true, new Path(file.toURI()), partial);
                target.fs().delete(destination, false);
                if (!target.fs().rename(partial, destination)) {
                    throw new IOException("rename from " + partial + " failed");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + file + " to " + destination + ": " + e.getMessage(), e);
            }
        }
    }
}
