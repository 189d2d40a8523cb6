package dev.regzoo.spark;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/** Copies the files of a folder (not its subfolders) between the local file system and a {@link HadoopFolder}. */
final class HadoopCopy {

    private HadoopCopy() {
    }

    /**
     * Copies the files of {@code local} whose names {@code include} accepts to {@code target}, each under a temporary
     * name, then renamed over the old one (Hadoop's rename does not replace), so a reader sees the previous or the new
     * file whole, or, for a moment, none. Hidden files are left out.
     *
     * @throws UncheckedIOException naming the file that could not be copied
     */
    static void upload(java.nio.file.Path local, HadoopFolder target, Predicate<String> include) {
        File[] files = local.toFile().listFiles(File::isFile);
        for (File file : files == null ? new File[0] : files) {
            String name = file.getName();
            if (name.startsWith(".") || !include.test(name)) {
                continue;
            }
            Path destination = target.resolve(name);
            Path partial = target.resolve(partial(name));
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

    /** The name {@link #upload} copies {@code name} to before renaming it. */
    static String partial(String name) {
        return "." + name + ".copying";
    }

    /**
     * Copies the files of {@code source} (none when it does not exist), hidden ones left out, into {@code local}; a
     * file that a stopped upload left only as its complete copy (the old one deleted, the copy not yet renamed) is
     * taken from that copy.
     *
     * @throws UncheckedIOException naming the folder when it cannot be read
     */
    static void download(HadoopFolder source, java.nio.file.Path local) {
        try {
            FileStatus[] files;
            try {
                files = source.fs().listStatus(source.path());
            } catch (FileNotFoundException e) {
                return;
            }
            for (FileStatus file : files) {
                String name = file.getPath().getName();
                if (file.isFile() && !name.startsWith(".")) {
                    source.fs().copyToLocalFile(false, file.getPath(), new Path(local.resolve(name).toUri()), true);
                }
            }
            for (FileStatus file : files) {
                String name = file.getPath().getName();
                if (file.isFile() && name.startsWith(".") && name.endsWith(".copying")) {
                    String original = name.substring(1, name.length() - ".copying".length());
                    if (!source.fs().isFile(source.resolve(original))) {
                        source.fs().copyToLocalFile(false, file.getPath(), new Path(local.resolve(original).toUri()),
                                true);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.location() + ": " + e.getMessage(), e);
        }
    }
}
