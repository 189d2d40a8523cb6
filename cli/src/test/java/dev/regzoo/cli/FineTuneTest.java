package dev.regzoo.cli;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.data.IdxDataset;
import dev.regzoo.data.ImageSource;
import dev.regzoo.zoo.SmallCnn;
import dev.regzoo.zoo.TrainedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.opencv.opencv_core.Mat;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** Fine-tuning the shipped fashion-smallcnn on a user's class folders ({@code --from}, {@code --freeze}). */
class FineTuneTest {

    /** Three Fashion classes from the embedded sample, written as colour PNG class folders. */
    private static final Map<Integer, String> CLASSES = Map.of(1, "trousers", 5, "sandals", 8, "bags");

    @TempDir
    Path dir;

    @Test
    void finetunesShippedWeightsOnClassFoldersWithAFrozenBackbone() throws IOException {
        Path data = writeFolders(40, 15);
        Path out = dir.resolve("run");

        Cli.Result r = Cli.run("train", "imagefolder-smallcnn", "--data-dir", data.toString(), "--from",
                "pretrained:fashion-smallcnn", "--freeze", "block2_pool", "--epochs", "2", "--batch-size", "16",
                "--out", out.toString());

        assertEquals(0, r.code(), r.out() + r.err());
        TrainedModel<Model> tuned = TrainedModel.open(out.resolve("bestModel.zip").toString());
        assertEquals(List.of("bags", "sandals", "trousers"), tuned.manifest().classes());
        MultiLayerNetwork net = (MultiLayerNetwork) tuned.network();
        MultiLayerNetwork shipped = SmallCnn.builder().pretrained().network();
        assertEquals(3, net.output(Nd4j.zeros(tuned.manifest().shape().batchShape(1))).columns());
        assertEquals(shipped.getLayer("block1_1_conv").params(), net.getLayer("block1_1_conv").params(),
                "frozen layers keep the shipped weights");
        assertEquals(shipped.getLayer("block2_2_conv").params(), net.getLayer("block2_2_conv").params());
        assertNotEquals(shipped.getLayer("fc1").params(), net.getLayer("fc1").params(), "the head trains");
        Matcher m = Pattern.compile("test accuracy ([0-9.]+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        double accuracy = Double.parseDouble(m.group(1));
        assertTrue(accuracy > 0.8, "3 well-separated classes on pretrained features, test accuracy " + accuracy);
    }

    @Test
    void badTransferOptionsFailBeforeTraining() throws IOException {
        Path data = writeFolders(20, 0);
        Cli.Result unknown = Cli.run("train", "imagefolder-smallcnn", "--data-dir", data.toString(), "--from",
                "pretrained:nope", "--out", dir.resolve("a").toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("fashion-smallcnn"), unknown.err());

        Cli.Result layer = Cli.run("train", "imagefolder-smallcnn", "--data-dir", data.toString(), "--from",
                "pretrained:fashion-smallcnn", "--freeze", "block9", "--out", dir.resolve("b").toString());
        assertEquals(2, layer.code());
        assertTrue(layer.err().contains("block9") && layer.err().contains("block2_pool"), layer.err());

        Cli.Result alone = Cli.run("train", "imagefolder-smallcnn", "--data-dir", data.toString(), "--freeze",
                "block2_pool", "--out", dir.resolve("c").toString());
        assertEquals(2, alone.code());
        assertTrue(alone.err().contains("--freeze needs --from"), alone.err());

        Cli.Result shape = Cli.run("train", "imagefolder-smallcnn", "--data-dir", data.toString(), "--from",
                "pretrained:fashion-smallcnn", "--input", "3,32,32", "--out", dir.resolve("d").toString());
        assertEquals(2, shape.code());
        assertTrue(shape.err().contains("1x28x28"), shape.err());
    }

    private Path writeFolders(int trainPerClass, int testPerClass) throws IOException {
        ImageSource sample = IdxDataset.fashionSample().train();
        Path root = dir.resolve("images");
        int[] written = new int[10];
        for (int i = 0; i < sample.size(); i++) {
            int label = sample.label(i);
            String name = CLASSES.get(label);
            if (name == null || written[label] >= trainPerClass + testPerClass) {
                continue;
            }
            String split = written[label] < trainPerClass ? "train" : "test";
            Path file = root.resolve(split).resolve(name).resolve(i + ".png");
            Files.createDirectories(file.getParent());
            Mat grey = sample.read(i);
            Mat colour = new Mat();
            cvtColor(grey, colour, COLOR_GRAY2BGR);
            assertTrue(imwrite(file.toString(), colour), file.toString());
            written[label]++;
        }
        return root;
    }
}
