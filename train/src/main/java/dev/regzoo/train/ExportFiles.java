package dev.regzoo.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an export's files are read from ({@link ExportManifest#read(ExportFiles)}): a local folder ({@link #local}),
 * or, in the Spark job, a folder of a Hadoop file system.
 */
public interface ExportFiles {

    /** The folder, as messages name it. */
    String location();

    /** Whether {@code name} (relative to the folder) is a file this process can read. */
    boolean isReadableFile(String name);

    /** Opens {@code name} (relative to the folder). */
    InputStream open(String name) throws IOException;

    /** The files of a folder of the local file system. */
    static ExportFiles local(Path dir) {
        return new ExportFiles() {
            @Override
            public String location() {
                return dir.toString();
            }

            @Override
            public boolean isReadableFile(String name) {
                Path file = dir.resolve(name);
                return Files.isRegularFile(file) && Files.isReadable(file);
            }

            @Override
            public InputStream open(String name) throws IOException {
                return Files.newInputStream(dir.resolve(name));
            }
        };
    }
}
