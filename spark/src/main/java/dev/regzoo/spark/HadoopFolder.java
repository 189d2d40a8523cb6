package dev.regzoo.spark;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Paths;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A folder the job names on its command line, on a Hadoop {@link FileSystem}: a URI with a scheme
 * ({@code hdfs://namenode:8020/data/fx}, {@code file:///shared/fx}, or any scheme the cluster's Hadoop configuration
 * provides) as Hadoop resolves it, a plain path as a folder of the local file system.
 *
 * @param fs       its file system
 * @param path     the folder, fully qualified
 * @param location the folder as messages name it: the URI as given, or a plain path made absolute
 * @param uri      whether it was given as a URI (with a scheme) rather than a plain path
 */
record HadoopFolder(FileSystem fs, Path path, String location, boolean uri) {

    /**
     * @param option   the option that named the folder, for messages
     * @param location a URI with a scheme, or a plain path
     * @param hadoop   the cluster's Hadoop configuration
     * @throws IllegalArgumentException naming the option and the location when no file system serves it
     */
    static HadoopFolder of(String option, String location, Configuration hadoop) {
        boolean uri = hasScheme(location);
        String absolute = uri ? location : Paths.get(location).toAbsolutePath().normalize().toString();
        Path path = uri ? new Path(location) : new Path(Paths.get(absolute).toUri());
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            return new HadoopFolder(fs, fs.makeQualified(path), absolute, uri);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + location + ": no Hadoop file system serves it ("
                    + e.getMessage() + "); give a plain path or a URI the cluster's Hadoop configuration knows, e.g. "
                    + "hdfs://NAMENODE:PORT/DIR or file:///DIR", e);
        }
    }

    /**
     * Whether the folder holds the file {@code name}, or its complete copy that a process stopped before renaming it
     * ({@link HadoopCopy#upload}).
     *
     * @throws IllegalArgumentException naming the folder when the file system fails
     */
    boolean hasFile(String name) {
        try {
            return fs.isFile(resolve(name)) || fs.isFile(resolve(HadoopCopy.partial(name)));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    /** The file or folder {@code name} (relative, '/'-separated) inside this folder. */
    Path resolve(String name) {
        return new Path(path, name);
    }

    /** Whether {@code location} starts with a URI scheme of two or more letters (not a Windows drive). */
    private static boolean hasScheme(String location) {
        try {
            String scheme = new URI(location).getScheme();
            return scheme != null && scheme.length() > 1;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
