package dev.regzoo.train.tune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * One trial of a search and how far it got, as {@code study.json} keeps it: its values, its state, the epochs it
 * trained, its validation accuracy after each epoch and at each rung it reached.
 *
 * @param id           number, from 1; its run folder is {@link #folder()}
 * @param values       its hyperparameters, by recipe-field path
 * @param state        where it stands
 * @param target       the rung (index into the study's rungs) its current or last session trains to
 * @param valAccuracy  validation accuracy after each epoch trained
 * @param rungAccuracy its metric at each rung it reached: the best validation accuracy up to the rung's epoch
 * @param seconds      wall time of its sessions
 * @param note         why it failed or stopped before its rung, else empty
 */
public record Trial(@JsonProperty("id") int id, @JsonProperty("values") Map<String, JsonNode> values,
                   @JsonProperty("state") State state, @JsonProperty("target") int target,
                   @JsonProperty("valAccuracy") List<Double> valAccuracy,
                   @JsonProperty("rungAccuracy") List<Double> rungAccuracy,
                   @JsonProperty("seconds") double seconds, @JsonProperty("note") String note) {

    /** Where a trial stands. */
    public enum State {
        /** Not started. */
        @JsonProperty("pending") PENDING,
        /** Training towards its target rung (after a kill: to be continued from its checkpoint). */
        @JsonProperty("running") RUNNING,
        /** At a rung, waiting: the scheduler may still promote it. */
        @JsonProperty("paused") PAUSED,
        /** Stopped at a rung for good: the study ended without promoting it. */
        @JsonProperty("pruned") PRUNED,
        /** Trained to the study's maximum epochs, or stopped by its recipe's early stopping. */
        @JsonProperty("completed") COMPLETED,
        /** Diverged, or could not be built or trained (see the note). */
        @JsonProperty("failed") FAILED;

        /** The name in {@code study.json} and {@code trials.tsv}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Trial {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        valAccuracy = List.copyOf(valAccuracy);
        rungAccuracy = List.copyOf(rungAccuracy);
        note = note == null ? "" : note;
    }

    /** A trial not started yet. */
    static Trial pending(int id, Map<String, JsonNode> values) {
        return new Trial(id, values, State.PENDING, 0, List.of(), List.of(), 0, "");
    }

    /** The run folder's name inside the study folder, e.g. {@code trial-007}. */
    public String folder() {
        return String.format(Locale.ROOT, "trial-%03d", id);
    }

    /** The highest rung reached (index into the study's rungs), or -1. */
    public int rung() {
        return rungAccuracy.size() - 1;
    }

    /** Epochs trained. */
    public int epochs() {
        return valAccuracy.size();
    }

    /** The best validation accuracy of any epoch, or NaN before the first. */
    public double bestAccuracy() {
        return valAccuracy.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** This trial training towards rung {@code target}. */
    Trial running(int target) {
        return new Trial(id, values, State.RUNNING, target, valAccuracy, rungAccuracy, seconds, "");
    }

    /** This trial failed, for the reason {@code note}. */
    Trial failed(String note, double moreSeconds) {
        return new Trial(id, values, State.FAILED, target, valAccuracy, rungAccuracy, seconds + moreSeconds, note);
    }

    /** This trial stopped at its rung for good. */
    Trial pruned() {
        return new Trial(id, values, State.PRUNED, target, valAccuracy, rungAccuracy, seconds, note);
    }

    /**
     * This trial after a session that left its run with {@code accuracies} (validation accuracy of every epoch so
     * far): paused at its target rung, completed at the last rung, or completed early when its recipe's early stopping
     * ended it before the rung.
     *
     * @param rungs the study's rungs, in epochs
     */
    Trial trained(List<Double> accuracies, List<Integer> rungs, double moreSeconds) {
        List<Double> atRungs = new ArrayList<>();
        for (int r = 0; r < rungs.size() && rungs.get(r) <= accuracies.size(); r++) {
            atRungs.add(accuracies.subList(0, rungs.get(r)).stream().mapToDouble(Double::doubleValue).max()
                    .orElseThrow());
        }
        boolean reached = accuracies.size() >= rungs.get(target);
        State next = reached && target < rungs.size() - 1 ? State.PAUSED : State.COMPLETED;
        String why = reached ? "" : "its early stopping ended it after epoch " + accuracies.size();
        return new Trial(id, values, next, target, accuracies, atRungs, seconds + moreSeconds, why);
    }
}
