package dev.regzoo.zoo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * Self-trained weights shipped inside the zoo's jar (no download), each described by a card: what it was trained on,
 * by which recipe and command, and the accuracy it reached. The file is checked against the card's SHA-256 before it
 * is used, so a damaged file is an error, never a silently wrong model. The cards are summarised in
 * {@code MODEL_CARD.md}.
 *
 * <pre>{@code
 * TrainedModel<MultiLayerNetwork> p = SmallCnn.builder().pretrained();
 * INDArray probabilities = p.output(images);   // raw 0..255 pixels, normalised by the shipped normalizer
 * }</pre>
 *
 * @param name           the weights' name, the recipe that trained them, e.g. {@code fashion-smallcnn}
 * @param model          the zoo model, e.g. {@code smallcnn}
 * @param width          the model's width
 * @param input          input shape
 * @param classes        class names in label order
 * @param dataset        the data it was trained and tested on
 * @param testAccuracy   accuracy on the dataset's full test set
 * @param sampleAccuracy accuracy on the test part of regzoo's embedded Fashion-MNIST sample (1,000 images)
 * @param epochs         epochs trained
 * @param seed           the recipe's seed
 * @param trained        date of the training run
 * @param command        the command that trained it
 * @param sha256         SHA-256 of the shipped model file
 */
public record PretrainedWeights(String name, String model, int width, Shape input, List<String> classes,
                                String dataset, double testAccuracy, double sampleAccuracy, int epochs, long seed,
                                String trained, String command, String sha256) {

    private static final String DIR = "/dev/regzoo/zoo/pretrained/";
    private static final List<String> SHIPPED = List.of("fashion-smallcnn", "fashion-resnet18-narrow",
            "fashion-wrn16-2-long");

    /** The names of all shipped weights. */
    public static List<String> names() {
        return SHIPPED;
    }

    /**
     * The card of the named weights.
     *
     * @throws IllegalArgumentException for a name that is not shipped, listing those that are
     */
    public static PretrainedWeights named(String name) {
        if (!SHIPPED.contains(name)) {
            throw new IllegalArgumentException("pretrained weights must be one of " + SHIPPED + ", got '" + name + "'");
        }
        Properties card = new Properties();
        try (InputStream in = resource(name + ".properties")) {
            card.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the card of pretrained weights " + name, e);
        }
        return new PretrainedWeights(name, card.getProperty("model"), Integer.parseInt(card.getProperty("width")),
                Shape.parse(card.getProperty("input")), List.of(card.getProperty("classes").split(",")),
                card.getProperty("dataset"), Double.parseDouble(card.getProperty("testAccuracy")),
                Double.parseDouble(card.getProperty("sampleAccuracy")), Integer.parseInt(card.getProperty("epochs")),
                Long.parseLong(card.getProperty("seed")), card.getProperty("trained"), card.getProperty("command"),
                card.getProperty("sha256"));
    }

    /**
     * The shipped weights for a model at a width.
     *
     * @throws IllegalArgumentException when none are shipped for it, listing what is
     */
    public static PretrainedWeights forModel(String model, int width) {
        return SHIPPED.stream().map(PretrainedWeights::named)
                .filter(w -> w.model.equals(model) && w.width == width).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no pretrained weights are shipped for " + model
                        + " at width " + width + "; shipped: " + SHIPPED.stream().map(PretrainedWeights::named)
                        .map(w -> w.name + " (" + w.model + ", width " + w.width + ")").toList()));
    }

    /**
     * Loads the network, as its zoo model builds it by default, and its normalizer after checking the file's checksum:
     * {@code fashion-smallcnn} computes channels-last like a new SmallCnn ({@link RegzooModel#pretrained()}).
     *
     * @throws IllegalStateException when the file does not match its card's checksum
     */
    public TrainedModel<?> load() {
        return ModelRegistry.builder(model).inputShape(input).classes(classes.size()).width(width).build()
                .pretrained();
    }

    /**
     * Loads the network as saved (fashion-smallcnn channels-last, the ResNets channels-first), typed {@code type}, and
     * its normalizer after checking the file's checksum.
     *
     * @throws IllegalStateException when the file does not match its card's checksum
     */
    public <T extends Model> TrainedModel<T> load(Class<T> type) {
        return load(file(), type);
    }

    /** The manifest stored with the weights (input shape, classes, recipe, dataset), without building the network. */
    public ModelManifest manifest() {
        return ModelManifest.readFrom(file(), "pretrained weights " + name);
    }

    private byte[] file() {
        try (InputStream in = resource(name + ".zip")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pretrained weights " + name, e);
        }
    }

    /** Loads {@code file} as these weights; package-private so tests can hand it a damaged copy. */
    <T extends Model> TrainedModel<T> load(byte[] file, Class<T> type) {
        String actual = sha256(file);
        if (!actual.equals(sha256)) {
            throw new IllegalStateException("pretrained weights " + name + " are damaged: SHA-256 " + actual
                    + " does not match the card's " + sha256 + ". Rebuild or reinstall regzoo-zoo; the file is not "
                    + "used.");
        }
        String source = "pretrained weights " + name;
        T network = ModelFiles.read(file, type, source, false);
        NormalizerStandardize normalizer = ModelFiles.normalizer(file, source).orElseThrow(() ->
                new IllegalStateException(source + " hold no normalizer"));
        return new TrainedModel<>(network, normalizer, ModelManifest.readFrom(file, source));
    }

    private static InputStream resource(String file) throws IOException {
        InputStream in = PretrainedWeights.class.getResourceAsStream(DIR + file);
        if (in == null) {
            throw new IOException(DIR + file + " is missing from the classpath");
        }
        return in;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
