package dev.regzoo.train.tune;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A search's progress: a line per event (a trial started, paused at a rung, promoted, completed or failed) with the
 * trials done, running, paused and to start, the best so far, the epochs trained against those planned, the elapsed
 * and the estimated remaining time; on a terminal also a bar over the planned epochs, drawn by the
 * {@code progressbar} library on standard error.
 */
final class TuneProgress implements AutoCloseable {

    private final PrintWriter out;
    private final int planned;
    private final long start = System.nanoTime();
    private final double earlierSeconds;
    private final int earlierEpochs;
    private final ProgressBar bar;

    /**
     * @param planned        the epochs the study is expected to train ({@link Search#plannedEpochs})
     * @param earlierEpochs  epochs trained before this process (a resumed study)
     * @param earlierSeconds wall time before this process
     * @param bar            whether to draw the bar (on a terminal)
     */
    TuneProgress(PrintWriter out, int planned, int earlierEpochs, double earlierSeconds, boolean bar) {
        this.out = out;
        this.planned = planned;
        this.earlierEpochs = earlierEpochs;
        this.earlierSeconds = earlierSeconds;
        this.bar = bar ? new ProgressBarBuilder().setTaskName("tune").setInitialMax(planned)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" epochs", 1).setUpdateIntervalMillis(1000)
                .startsFrom(earlierEpochs, Duration.ofMillis(Math.round(earlierSeconds * 1000))).build() : null;
    }

    /** Wall time of the study so far, earlier processes' included. */
    double seconds() {
        return earlierSeconds + (System.nanoTime() - start) / 1e9;
    }

    /** Prints {@code event} and where the study stands. */
    void event(String event, List<Trial> trials) {
        String status = status(trials);
        out.println(event + " | " + status);
        out.flush();
        if (bar != null) {
            int epochs = epochs(trials);
            bar.maxHint(Math.max(planned, epochs));
            bar.stepTo(epochs);
            bar.setExtraMessage(status);
        }
    }

    String status(List<Trial> trials) {
        int epochs = epochs(trials);
        double elapsed = seconds();
        double rate = (epochs - earlierEpochs) / Math.max(elapsed - earlierSeconds, 1e-9);
        // asynchronous promotions can train more than planned: the plan then grows to what was trained
        int expected = Math.max(planned, epochs);
        String eta = epochs > earlierEpochs && epochs < expected
                ? ", about " + duration((expected - epochs) / rate) + " left" : "";
        String best = StudyFiles.best(trials).map(t -> String.format(Locale.ROOT, "best %.4f (trial %d)",
                t.bestAccuracy(), t.id())).orElse("no result yet");
        return String.format(Locale.ROOT, "%d done, %d running, %d paused, %d to start; %s; %d/%d epochs, %s%s",
                count(trials, Trial.State.COMPLETED, Trial.State.FAILED, Trial.State.PRUNED),
                count(trials, Trial.State.RUNNING), count(trials, Trial.State.PAUSED),
                count(trials, Trial.State.PENDING), best, epochs, expected, duration(elapsed), eta);
    }

    private static int epochs(List<Trial> trials) {
        return trials.stream().mapToInt(Trial::epochs).sum();
    }

    private static long count(List<Trial> trials, Trial.State... states) {
        return trials.stream().filter(t -> List.of(states).contains(t.state())).count();
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
