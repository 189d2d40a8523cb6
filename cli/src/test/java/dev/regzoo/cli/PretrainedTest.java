package dev.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.zoo.PretrainedWeights;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped weights through the command line, on the embedded Fashion-MNIST sample. */
class PretrainedTest {

    private static final String SAMPLE = "/dev/regzoo/data/fashion-mnist-sample/";

    @TempDir
    Path dir;

    static List<String> shipped() {
        return PretrainedWeights.names();
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void shippedWeightsScoreOnTheSampleWhatTheirCardSays(String name) throws IOException {
        Path data = copyEmbeddedSample();
        PretrainedWeights card = PretrainedWeights.named(name);

        Cli.Result r = Cli.run("eval", "pretrained:" + name, "--data-dir", data.toString());

        assertEquals(0, r.code(), r.err());
        Matcher m = Pattern.compile("Test accuracy: ([0-9.]+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        double accuracy = Double.parseDouble(m.group(1));
        assertTrue(card.sampleAccuracy() > 0.5, "the card must state the sample accuracy");
        assertEquals(card.sampleAccuracy(), accuracy, 0.01,
                String.format(Locale.ROOT, "card says %.4f on the sample, measured %.4f", card.sampleAccuracy(),
                        accuracy));
    }

    @Test
    void unknownWeightsNameTheShippedOnes() {
        Cli.Result r = Cli.run("eval", "pretrained:imagenet-resnet50");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("fashion-smallcnn"), r.err());
    }

    private Path copyEmbeddedSample() throws IOException {
        for (String f : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            try (InputStream in = getClass().getResourceAsStream(SAMPLE + f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
        return dir;
    }
}
