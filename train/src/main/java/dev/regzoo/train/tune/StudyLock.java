package dev.regzoo.train.tune;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A study folder held by one search at a time: an OS lock on its {@value #FILE} ({@link FileChannel#tryLock}), which
 * the OS releases when the process ends, however it ends, so a killed search leaves no stale lock behind. The file
 * names the holder's process.
 */
final class StudyLock implements AutoCloseable {

    /** The lock file inside the study folder. */
    static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private StudyLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the study folder {@code dir}.
     *
     * @throws IllegalStateException in one line when another search holds it
     */
    static StudyLock take(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(file).strip();
                channel.close();
                throw new IllegalStateException(dir + " is in use by another regzoo tune ("
                        + (holder.isEmpty() ? "a process" : "process " + holder) + "); wait for it to end or stop it");
            }
            channel.truncate(0);
            String pid = Long.toString(ProcessHandle.current().pid());
            channel.write(ByteBuffer.wrap(pid.getBytes(StandardCharsets.UTF_8)));
            return new StudyLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release " + FILE + ": " + e.getMessage(), e);
        }
    }
}
