package dev.regzoo.recipes;

import java.util.Locale;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The optimizer of a recipe.
 *
 * @param kind         which optimizer
 * @param learningRate base learning rate, {@code > 0} (the schedule scales it)
 * @param momentum     momentum for {@link Kind#NESTEROV}, in [0, 1)
 */
public record OptimizerSpec(Kind kind, double learningRate, double momentum) {

    /** Supported optimizers. AdamW is Adam plus the recipe's decoupled weight decay. */
    public enum Kind { SGD, NESTEROV, RMSPROP, ADAM, ADAMW;

        /** Parses a name such as {@code adamw} or {@code nesterov}, case-insensitively. */
        public static Kind parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("optimizer must be one of sgd, nesterov, rmsprop, adam, adamw, got '"
                        + name + "'");
            }
        }
    }

    public OptimizerSpec {
        if (kind == null) {
            throw new IllegalArgumentException("optimizer must be given");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a finite number > 0, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
    }

    /** The DL4J updater with {@code schedule} as its learning rate. */
    public IUpdater toUpdater(ISchedule schedule) {
        return switch (kind) {
            case SGD -> new Sgd(schedule);
            case NESTEROV -> new Nesterovs(schedule, momentum);
            case RMSPROP -> new RmsProp(schedule);
            case ADAM, ADAMW -> new Adam(schedule);
        };
    }
}
