package dev.regzoo.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.Path;

/**
 * A study folder on a Hadoop file system held by one search at a time: a lock file naming its holder
 * ({@code pid@host}). Hadoop has no lock that the operating system releases when a process dies, so a lock whose
 * holder was a process of this host that no longer runs is taken over (a search killed and continued on the same
 * machine); one of another host must be removed by hand, as the message says. Written here because Hadoop's
 * {@code FileSystem} API has no lock of its own.
 */
final class HadoopLock implements AutoCloseable {

    /** The lock file inside the folder (hidden: the folder's copies leave it out). */
    static final String FILE = ".lock";

    private final HadoopFolder folder;

    private HadoopLock(HadoopFolder folder) {
        this.folder = folder;
    }

    /**
     * Takes {@code folder}.
     *
     * @throws IllegalStateException in one line when a running search holds it, or one of another host
     */
    static HadoopLock take(HadoopFolder folder) {
        Path file = folder.resolve(FILE);
        String me = ProcessHandle.current().pid() + "@" + host();
        try {
            if (folder.fs().exists(file)) {
                String holder;
                try (InputStream in = folder.fs().open(file)) {
                    holder = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                }
                if (!gone(holder)) {
                    throw new IllegalStateException(folder.location() + " is in use by another regzoo tune (process "
                            + holder + "); wait for it to end or stop it, or, if it is gone, delete "
                            + folder.location() + "/" + FILE);
                }
                folder.fs().delete(file, false);
            }
            try (OutputStream out = folder.fs().create(file, false)) {
                out.write(me.getBytes(StandardCharsets.UTF_8));
            }
            return new HadoopLock(folder);
        } catch (IOException e) {
            throw new IllegalStateException("cannot lock " + folder.location() + ": " + e.getMessage(), e);
        }
    }

    /** Whether the holder {@code pid@host} was a process of this host that has ended. */
    private static boolean gone(String holder) {
        int at = holder.indexOf('@');
        if (at < 1 || !holder.substring(at + 1).equals(host())) {
            return false;
        }
        try {
            return ProcessHandle.of(Long.parseLong(holder.substring(0, at))).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    @Override
    public void close() {
        try {
            folder.fs().delete(folder.resolve(FILE), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release " + folder.location() + "/" + FILE + ": " + e.getMessage(),
                    e);
        }
    }
}
