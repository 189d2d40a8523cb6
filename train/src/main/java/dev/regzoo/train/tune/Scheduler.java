package dev.regzoo.train.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** When a search stops trials before their last epoch. */
public enum Scheduler {

    /** None: every trial trains to the maximum epochs (one rung). */
    NONE,

    /**
     * Asynchronous successive halving (ASHA; Li et al., MLSys 2020): trials pause at rungs of {@code minEpochs × η^k}
     * epochs (and the maximum), and the best 1/η of each rung by validation accuracy continue to the next one.
     */
    ASHA;

    /**
     * The epochs after which trials pause: for {@link #ASHA} {@code minEpochs}, {@code minEpochs × eta}, … below
     * {@code maxEpochs}, then {@code maxEpochs}; for {@link #NONE} {@code maxEpochs} alone.
     */
    public List<Integer> rungs(int minEpochs, int eta, int maxEpochs) {
        List<Integer> rungs = new ArrayList<>();
        if (this == ASHA) {
            for (long r = minEpochs; r < maxEpochs; r *= eta) {
                rungs.add((int) r);
            }
        }
        rungs.add(maxEpochs);
        return List.copyOf(rungs);
    }

    /** The name on the command line and in {@code study.json}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The scheduler named {@code name}.
     *
     * @throws IllegalArgumentException for another name, listing the valid ones
     */
    public static Scheduler parse(String name) {
        for (Scheduler s : values()) {
            if (s.id().equalsIgnoreCase(name.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("--scheduler must be none or asha, got '" + name + "'");
    }
}
