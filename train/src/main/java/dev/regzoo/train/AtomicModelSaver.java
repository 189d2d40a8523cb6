package dev.regzoo.train;

import dev.regzoo.zoo.ModelFiles;
import dev.regzoo.zoo.ModelManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.deeplearning4j.earlystopping.EarlyStoppingModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;

/**
 * Early-stopping checkpoints {@code bestModel.zip} and {@code latestModel.zip}, each written to a temporary file and
 * then renamed, so that a crash never leaves a corrupt model, and each carrying the normalizer and a
 * {@link ModelManifest} so that it can be used on raw images. Written by hand because DL4J's {@code LocalFileModelSaver} writes in place and stores no normalizer.
 *
 * @param <T> {@code MultiLayerNetwork} or {@code ComputationGraph}
 */
public final class AtomicModelSaver<T extends Model> implements EarlyStoppingModelSaver<T> {

    /** File name of the best model. */
    public static final String BEST = "bestModel.zip";
    /** File name of the latest model. */
    public static final String LATEST = "latestModel.zip";
    /** File name of the latest model's EMA of the weights, beside {@link #LATEST} when the recipe averages them. */
    public static final String LATEST_EMA = "latestEma.zip";

    private final Path dir;
    private final transient Normalizer<?> normalizer;
    private final ModelManifest manifest;
    private final Class<T> type;
    private final boolean minimize;
    private double bestScore;

    /**
     * A saver for a run whose best checkpoint so far scored {@code scoreToBeat} (NaN for a new run): a model is only
     * saved as the best when it beats that, also after a resume, when DL4J's trainer has forgotten it.
     */
    public AtomicModelSaver(Path dir, Normalizer<?> normalizer, ModelManifest manifest, Class<T> type,
                            double scoreToBeat, boolean minimize) {
        this.dir = dir;
        this.normalizer = normalizer;
        this.manifest = manifest;
        this.type = type;
        this.bestScore = scoreToBeat;
        this.minimize = minimize;
    }

    /** Saves {@code net} as the best model when {@code score} beats the best so far (a NaN or infinite one never). */
    @Override
    public void saveBestModel(T net, double score) throws IOException {
        if (Double.isFinite(score) && (Double.isNaN(bestScore) || (minimize ? score < bestScore : score > bestScore))) {
            bestScore = score;
            write(net, dir.resolve(BEST), true, Map.of());
        }
    }

    /**
     * {@code calculator}, offering every network it scores to this saver. DL4J's parallel and Spark early-stopping
     * trainers call {@link #saveBestModel} only when a score is <em>lower</em> than the best so far, whatever the
     * calculator's {@code minimizeScore()} says, so with an accuracy monitor they would keep the first epoch's model;
     * this saver keeps the monitored direction itself (a second call with the same score writes nothing).
     */
    public ScoreCalculator<T> offeringScored(ScoreCalculator<T> calculator) {
        return new ScoreCalculator<>() {
            @Override
            public double calculateScore(T network) {
                double score = calculator.calculateScore(network);
                try {
                    saveBestModel(network, score);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the best model: " + e.getMessage(), e);
                }
                return score;
            }

            @Override
            public boolean minimizeScore() {
                return calculator.minimizeScore();
            }
        };
    }

    /** Writes a stand-in best model without changing the score to beat. */
    void saveStandIn(T net) throws IOException {
        write(net, dir.resolve(BEST), true, Map.of());
    }

    /**
     * Keeps the last checkpoint when the network's loss or the epoch's score is NaN or infinite, so a resume never
     * starts from that.
     */
    @Override
    public void saveLatestModel(T net, double score) throws IOException {
        if (keepsLatest(net, score)) {
            write(net, dir.resolve(LATEST), true, Map.of());
        }
    }

    /** Whether {@link #saveLatestModel} writes {@code net} scored {@code score}: both its loss and score are finite. */
    static boolean keepsLatest(Model net, double score) {
        return Double.isFinite(score) && Double.isFinite(net.score());
    }

    /**
     * Writes {@code net} without updater state into the run folder as {@code name}, atomically, with the normalizer,
     * the manifest and {@code texts} (entry name to text, read back with {@code ModelFiles.storedText}).
     */
    void saveBeside(T net, String name, Map<String, String> texts) throws IOException {
        write(net, dir.resolve(name), false, texts);
    }

    @Override
    public T getBestModel() throws IOException {
        return read(dir.resolve(BEST));
    }

    @Override
    public T getLatestModel() throws IOException {
        return read(dir.resolve(LATEST));
    }

    private void write(T net, Path target, boolean withUpdater, Map<String, String> texts) throws IOException {
        Path tmp = Files.createTempFile(dir, ".checkpoint", ".tmp");
        try {
            ModelSerializer.writeModel(net, tmp.toFile(), withUpdater);
            if (normalizer != null) {
                ModelSerializer.addNormalizerToModel(tmp.toFile(), normalizer);
            }
            manifest.addTo(tmp.toFile());
            for (Map.Entry<String, String> text : texts.entrySet()) {
                ModelSerializer.addObjectToFile(tmp.toFile(), text.getKey(), text.getValue());
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private T read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        return ModelFiles.load(file, type, true);
    }
}
