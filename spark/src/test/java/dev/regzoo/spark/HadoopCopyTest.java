package dev.regzoo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copies to and from a Hadoop folder (Hadoop's local file system, {@code file://}). */
class HadoopCopyTest {

    @TempDir
    Path dir;

    private HadoopFolder folder(Path path) {
        return HadoopFolder.of("--out", path.toUri().toString(), new Configuration());
    }

    @Test
    void filesGoUpAndComeBackWholeHiddenOnesAndLeftOutOnesStay() throws IOException {
        Path local = Files.createDirectories(dir.resolve("local"));
        Files.writeString(local.resolve("study.json"), "{\"v\": 1}");
        Files.writeString(local.resolve("stats.bin"), "open");
        Files.writeString(local.resolve(".lock"), "1@host");
        Path remote = Files.createDirectories(dir.resolve("remote"));

        HadoopCopy.upload(local, folder(remote), name -> !name.equals("stats.bin"));
        assertEquals("{\"v\": 1}", Files.readString(remote.resolve("study.json")));
        assertFalse(Files.exists(remote.resolve("stats.bin")), "left out");
        assertFalse(Files.exists(remote.resolve(".lock")), "hidden");

        Path back = Files.createDirectories(dir.resolve("back"));
        HadoopCopy.download(folder(remote), back);
        assertEquals("{\"v\": 1}", Files.readString(back.resolve("study.json")));
    }

    @Test
    void aFileLeftOnlyAsItsCompleteCopyIsFoundAndRestored() throws IOException {
        Path remote = Files.createDirectories(dir.resolve("remote"));
        // an upload stopped after deleting study.json and before renaming its copy
        Files.writeString(remote.resolve(HadoopCopy.partial("study.json")), "{\"v\": 2}");
        Files.writeString(remote.resolve("trials.tsv"), "new");
        Files.writeString(remote.resolve(HadoopCopy.partial("trials.tsv")), "half");

        assertTrue(folder(remote).hasFile("study.json"));
        Path back = Files.createDirectories(dir.resolve("back"));
        HadoopCopy.download(folder(remote), back);
        assertEquals("{\"v\": 2}", Files.readString(back.resolve("study.json")), "taken from the copy");
        assertEquals("new", Files.readString(back.resolve("trials.tsv")), "a copy beside its file is not used");
        assertFalse(folder(dir.resolve("absent")).hasFile("study.json"));
    }
}
