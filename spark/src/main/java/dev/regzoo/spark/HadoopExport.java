package dev.regzoo.spark;

import dev.regzoo.train.ExportFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.security.AccessControlException;

/** An export folder's files on a Hadoop file system, for {@code ExportManifest.read}. */
final class HadoopExport implements ExportFiles {

    private final HadoopFolder folder;

    HadoopExport(HadoopFolder folder) {
        this.folder = folder;
    }

    @Override
    public String location() {
        return folder.location();
    }

    /**
     * @throws IllegalArgumentException naming the file when the file system fails otherwise than by a missing or
     *                                  forbidden file (e.g. an unreachable namenode)
     */
    @Override
    public boolean isReadableFile(String name) {
        try {
            FileStatus status = folder.fs().getFileStatus(folder.resolve(name));
            folder.fs().access(status.getPath(), FsAction.READ);
            return status.isFile();
        } catch (FileNotFoundException | AccessControlException e) {
            return false;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + folder.location() + "/" + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String name) throws IOException {
        return folder.fs().open(folder.resolve(name));
    }
}
