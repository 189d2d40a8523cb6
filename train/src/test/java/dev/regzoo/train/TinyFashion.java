package dev.regzoo.train;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Writes a tiny, learnable Fashion-MNIST-shaped IDX dataset (8×8 images; class c lights up column c-ish). */
public final class TinyFashion {

    private TinyFashion() {
    }

    public static Path write(Path dir, int train, int test) throws IOException {
        write(dir, "train", train, 1);
        write(dir, "t10k", test, 2);
        return dir;
    }

    private static void write(Path dir, String split, int n, long seed) throws IOException {
        Random random = new Random(seed);
        try (DataOutputStream img = new DataOutputStream(new GZIPOutputStream(
                Files.newOutputStream(dir.resolve(split + "-images-idx3-ubyte.gz"))));
             DataOutputStream lbl = new DataOutputStream(new GZIPOutputStream(
                     Files.newOutputStream(dir.resolve(split + "-labels-idx1-ubyte.gz"))))) {
            img.writeInt(0x803);
            img.writeInt(n);
            img.writeInt(8);
            img.writeInt(8);
            lbl.writeInt(0x801);
            lbl.writeInt(n);
            for (int i = 0; i < n; i++) {
                int label = i % 10;
                for (int r = 0; r < 8; r++) {
                    for (int c = 0; c < 8; c++) {
                        boolean on = (label < 8 ? c == label : r == label - 6) ;
                        img.writeByte(on ? 200 + random.nextInt(50) : random.nextInt(60));
                    }
                }
                lbl.writeByte(label);
            }
        }
    }
}
