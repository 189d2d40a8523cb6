package dev.regzoo.train;

import dev.regzoo.recipes.StoppingSpec;
import java.util.List;

/**
 * The best epoch so far by the monitored validation score, as DL4J's early stopping picks it: the first epoch whose
 * score is strictly better than every earlier one. An epoch scored NaN or infinite (a diverged one) is never the best.
 *
 * @param index the epoch's position in the history (0-based), or -1 when there is none
 * @param score its monitored score (NaN when there is none)
 */
public record BestEpoch(int index, double score) {

    static final BestEpoch NONE = new BestEpoch(-1, Double.NaN);

    /** The best epoch of {@code history} by {@code monitor}. */
    public static BestEpoch of(List<EpochRecord> history, StoppingSpec.Monitor monitor) {
        BestEpoch best = NONE;
        for (int i = 0; i < history.size(); i++) {
            double score = monitor == StoppingSpec.Monitor.VAL_LOSS ? history.get(i).valLoss()
                    : history.get(i).valAccuracy();
            if (Double.isFinite(score)
                    && (best.index < 0 || (monitor.maximize() ? score > best.score : score < best.score))) {
                best = new BestEpoch(i, score);
            }
        }
        return best;
    }

    /** Whether any epoch was scored. */
    public boolean exists() {
        return index >= 0;
    }
}
