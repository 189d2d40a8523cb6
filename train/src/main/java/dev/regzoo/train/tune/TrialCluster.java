package dev.regzoo.train.tune;

import java.nio.file.Path;

/**
 * A cluster that trains a study's trials, one task per training session, for {@code regzoo tune --spark MASTER}
 * ({@link Tuning#on}). Its study folder may be a path every machine of the cluster sees or a URI of the cluster's file
 * systems ({@code hdfs://…}); this process keeps the study in {@link #folder()} and the cluster copies it to
 * {@link #location()} after every change. regzoo-spark provides one through {@link Provider}.
 */
public interface TrialCluster extends AutoCloseable {

    /** The file that makes a folder a study, for the checks of {@link Provider#open}. */
    String STUDY_FILE = "study.json";

    /**
     * Opens a cluster; a module that has one lists its provider in
     * {@code META-INF/services/dev.regzoo.train.tune.TrialCluster$Provider}.
     */
    interface Provider {

        /**
         * Connects to {@code master} and checks the study folder before any trial runs.
         *
         * @param master   the cluster's master URL, e.g. {@code local[2]} or {@code spark://host:7077}
         * @param location the study folder: a path, or a URI of the cluster's file systems
         * @param resume   whether the study there is continued (a new study needs a folder without one)
         * @throws IllegalArgumentException naming the value when the master does not answer, or the folder holds no
         *                                  study to continue, holds one already, or cannot be written
         */
        TrialCluster open(String master, String location, boolean resume);
    }

    /** The local folder this process keeps the study in: the study folder itself, or a copy of it. */
    Path folder();

    /** The study folder, as messages name it. */
    String location();

    /** Trains one session as one task on the cluster. */
    TrialRunner runner();

    /** Trials the cluster trains at once by default: its task slots. */
    int slots();

    /** Copies the study's files from {@link #folder()} to {@link #location()}, when those are not the same folder. */
    void sync();

    /** Copies the study's files a last time and disconnects. */
    @Override
    void close();
}
