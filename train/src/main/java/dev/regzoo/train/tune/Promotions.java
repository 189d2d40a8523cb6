package dev.regzoo.train.tune;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * ASHA's promotion rule (Li et al., "A System for Massively Parallel Hyperparameter Tuning", MLSys 2020, Algorithm
 * 2): a trial paused at rung {@code k} continues to rung {@code k + 1} when it is among the best
 * {@code floor(n / η)} of the {@code n} trials that reached rung {@code k}, ranked by their accuracy there. Higher
 * rungs are served first; decisions are never revised, so a rung that fills later may promote more of its trials.
 */
final class Promotions {

    /** Higher accuracy first; a NaN accuracy last; ties to the earlier trial. */
    private static Comparator<Trial> atRung(int rung) {
        return Comparator.comparingDouble((Trial t) -> {
            double accuracy = t.rungAccuracy().get(rung);
            return Double.isNaN(accuracy) ? Double.NEGATIVE_INFINITY : accuracy;
        }).reversed().thenComparingInt(Trial::id);
    }

    private Promotions() {
    }

    /**
     * The paused trial to promote now, if any.
     *
     * @param rungs the number of rungs (the last one ends every trial)
     * @param eta   the reduction factor η, at least 2
     */
    static Optional<Trial> next(List<Trial> trials, int rungs, int eta) {
        for (int k = rungs - 2; k >= 0; k--) {
            int rung = k;
            List<Trial> reached = trials.stream().filter(t -> t.rung() >= rung).sorted(atRung(rung)).toList();
            Optional<Trial> promoted = reached.subList(0, reached.size() / eta).stream()
                    .filter(t -> t.state() == Trial.State.PAUSED && t.rung() == rung).findFirst();
            if (promoted.isPresent()) {
                return promoted;
            }
        }
        return Optional.empty();
    }
}
