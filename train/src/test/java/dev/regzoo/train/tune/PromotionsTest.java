package dev.regzoo.train.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.recipes.FashionSmallCnn;
import dev.regzoo.recipes.Recipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ASHA's promotion decisions on scripted trial results: rungs at 1, 3 and 9 epochs, η = 3. */
class PromotionsTest {

    private static final List<Integer> RUNGS = List.of(1, 3, 9);

    /** A trial paused at the last rung of {@code accuracyByRung}. */
    private static Trial paused(int id, double... accuracyByRung) {
        Trial t = Trial.pending(id, Map.of()).running(accuracyByRung.length - 1);
        List<Double> epochs = new ArrayList<>();
        for (int r = 0; r < accuracyByRung.length; r++) {
            while (epochs.size() < RUNGS.get(r)) {
                epochs.add(accuracyByRung[r]);
            }
        }
        return t.trained(epochs, RUNGS, 1);
    }

    private static Optional<Integer> next(Trial... trials) {
        return Promotions.next(List.of(trials), RUNGS.size(), 3).map(Trial::id);
    }

    @Test
    void aRungPromotesItsBestThirdOnceItHasThreeResults() {
        assertEquals(Optional.empty(), next(paused(1, 0.5), paused(2, 0.7)), "floor(2/3) = 0: nobody yet");
        assertEquals(Optional.of(2), next(paused(1, 0.5), paused(2, 0.7), paused(3, 0.6)));
        Trial promoted = paused(2, 0.7).running(1);
        assertEquals(Optional.empty(), next(paused(1, 0.5), promoted, paused(3, 0.6), paused(4, 0.4),
                paused(5, 0.3)), "five results: one promotion, already made");
        assertEquals(Optional.of(3), next(paused(1, 0.5), promoted, paused(3, 0.6), paused(4, 0.4), paused(5, 0.3),
                paused(6, 0.2)), "six results: the second best goes too");
    }

    @Test
    void higherRungsAreServedFirstAndOnlyTheirTopContinues() {
        Trial[] trials = {paused(1, 0.5, 0.55), paused(2, 0.7, 0.72), paused(3, 0.6, 0.8), paused(4, 0.4),
            paused(5, 0.3), paused(6, 0.2), paused(7, 0.65), paused(8, 0.1), paused(9, 0.15)};
        assertEquals(Optional.of(3), next(trials), "rung 3 epochs has 3 results: its best (0.8) goes to 9 epochs");
        trials[2] = trials[2].running(2);
        assertEquals(Optional.of(7), next(trials), "then rung 1 epoch: top 3 of 9 are 2, 7, 3; only 7 waits there");
    }

    @Test
    void failedTrialsRankLastAndTheLastRungPromotesNobody() {
        Trial diverged = paused(1, Double.NaN);
        assertEquals(Optional.of(2), next(diverged, paused(2, 0.1), paused(3, 0.05)));
        Trial done = Trial.pending(4, Map.of()).running(2).trained(List.of(.1, .2, .3, .4, .5, .6, .7, .8, .9),
                RUNGS, 1);
        assertEquals(Trial.State.COMPLETED, done.state());
        assertEquals(List.of(0.1, 0.3, 0.9), done.rungAccuracy(), "the best accuracy up to each rung");
    }

    @Test
    void aTrialStoppedByItsOwnEarlyStoppingIsCompletedNotPaused() {
        Trial stopped = Trial.pending(1, Map.of()).running(1).trained(List.of(0.5, 0.6), RUNGS, 1);
        assertEquals(Trial.State.COMPLETED, stopped.state());
        assertEquals(0, stopped.rung());
        assertTrue(stopped.note().contains("early stopping"), stopped.note());
    }

    @Test
    void rungsGrowByEtaUpToTheMaximum() {
        assertEquals(List.of(1, 3, 8), Scheduler.ASHA.rungs(1, 3, 8));
        assertEquals(List.of(1, 3, 9), Scheduler.ASHA.rungs(1, 3, 9));
        assertEquals(List.of(2, 4, 8), Scheduler.ASHA.rungs(2, 2, 8));
        assertEquals(List.of(8), Scheduler.ASHA.rungs(8, 3, 8));
        assertEquals(List.of(8), Scheduler.NONE.rungs(1, 3, 8));
        Recipe recipe = FashionSmallCnn.recipe();
        Search asha = Search.builder(recipe, SearchSpace.parse(recipe, "lr=loguniform(1e-3,3e-1)")).maxEpochs(8)
                .build();
        assertEquals(24 + 8 * 2 + 2 * 5, asha.plannedEpochs(24), "24 trials: 24 reach 1 epoch, 8 reach 3, 2 reach 8");
    }
}
