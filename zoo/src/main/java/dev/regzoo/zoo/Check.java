package dev.regzoo.zoo;

/**
 * Argument checks whose messages name the option, the value and the valid range, so that a user who
 * passes a bad value learns what to change. Shared by every regzoo module so that all such messages read alike.
 */
public final class Check {

    private Check() {
    }

    public static int atLeast(String option, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    public static double nonNegative(String option, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be a finite number >= 0, got " + value);
        }
        return value;
    }

    /** Checks {@code value} is in {@code [0, 1)}: a probability of dropping, where 1 would drop everything. */
    public static double dropProbability(String option, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(option + " must be in [0, 1) (a drop probability), got " + value);
        }
        return value;
    }

    /** Checks {@code value} is in the open interval {@code (0, 1)}. */
    public static double openUnitInterval(String option, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(option + " must be in (0, 1), got " + value);
        }
        return value;
    }

    public static double positive(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be a finite number > 0, got " + value);
        }
        return value;
    }

    public static <T> T notNull(String option, T value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " must not be null");
        }
        return value;
    }
}
