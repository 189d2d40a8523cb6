package dev.regzoo.train;

import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar per epoch on a terminal (iterations, ETA, images/s, current loss), drawn by the {@code progressbar}
 * library on standard error. Off when there is no terminal: the per-epoch lines then suffice.
 */
final class EpochProgress {

    private final int iterationsPerEpoch;
    private final boolean enabled;
    private ProgressBar bar;
    private long start;
    private long images;

    EpochProgress(int iterationsPerEpoch, boolean enabled) {
        this.iterationsPerEpoch = iterationsPerEpoch;
        this.enabled = enabled;
    }

    /** On when standard input and output are a terminal. */
    static boolean terminal() {
        return System.console() != null;
    }

    void start(int epoch) {
        if (!enabled) {
            return;
        }
        images = 0;
        start = System.nanoTime();
        bar = new ProgressBarBuilder().setTaskName("epoch " + epoch).setInitialMax(iterationsPerEpoch)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" it", 1).setUpdateIntervalMillis(500).build();
    }

    void step(int batchSize, double loss) {
        if (bar == null) {
            return;
        }
        images += batchSize;
        double seconds = Math.max((System.nanoTime() - start) / 1e9, 1e-9);
        bar.step();
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f, %.0f img/s", loss, images / seconds));
    }

    void end() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
