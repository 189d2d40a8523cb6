package dev.regzoo.train.tune;

import dev.regzoo.recipes.Recipe;
import java.util.List;
import java.util.Map;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * What a hyperparameter search tries: a recipe, a {@link SearchSpace} over its fields, how many trials and how their
 * values are picked ({@link Sampler}), and when weak trials stop ({@link Scheduler}: rungs of {@code minEpochs × η^k}
 * epochs up to {@code maxEpochs}). Every trial trains the recipe with its values, for at most {@code maxEpochs}
 * epochs (the recipe's learning-rate schedule spans them, whichever rung a trial stops at), judged by its validation
 * accuracy.
 *
 * <pre>{@code
 * Recipe recipe = Recipes.get("fashion-smallcnn").toBuilder().trainLimit(10_000).build();
 * Search search = Search.builder(recipe, SearchSpace.parse(recipe, "lr=loguniform(1e-3,3e-1)"))
 *         .trials(24).scheduler(Scheduler.ASHA).maxEpochs(8).build();
 * }</pre>
 */
public final class Search {

    private final Recipe recipe;
    private final SearchSpace space;
    private final Sampler sampler;
    private final int trials;
    private final int gridPoints;
    private final Scheduler scheduler;
    private final int minEpochs;
    private final int eta;
    private final long seed;

    private Search(Builder b) {
        if (b.gridPoints < 2) {
            throw new IllegalArgumentException("--grid-points must be at least 2, got " + b.gridPoints);
        }
        if (b.trials < 1) {
            throw new IllegalArgumentException("--trials must be at least 1, got " + b.trials);
        }
        if (b.eta < 2) {
            throw new IllegalArgumentException("--eta must be at least 2 (the best 1/eta of a rung continue), got "
                    + b.eta);
        }
        if (b.maxEpochs < 1) {
            throw new IllegalArgumentException("--max-epochs must be at least 1, got " + b.maxEpochs);
        }
        if (b.minEpochs < 1 || b.minEpochs > b.maxEpochs) {
            throw new IllegalArgumentException("--min-epochs must be from 1 to --max-epochs (" + b.maxEpochs
                    + "), got " + b.minEpochs);
        }
        this.recipe = b.recipe.toBuilder().stopping(s -> s.maxEpochs(b.maxEpochs)).build();
        this.space = b.space;
        this.sampler = b.sampler;
        this.trials = b.trials;
        this.gridPoints = b.gridPoints;
        this.scheduler = b.scheduler;
        this.minEpochs = b.minEpochs;
        this.eta = b.eta;
        this.seed = b.seed;
    }

    /**
     * A search over {@code space} starting from {@code recipe}, by default: 20 random trials (a grid: all its
     * combinations, 3 values per range), ASHA from 1 epoch with η = 3 up to the recipe's epochs, seeded with the
     * recipe's seed.
     */
    public static Builder builder(Recipe recipe, SearchSpace space) {
        return new Builder(recipe, space);
    }

    /** The recipe every trial starts from, with the search's maximum epochs. */
    public Recipe recipe() {
        return recipe;
    }

    public SearchSpace space() {
        return space;
    }

    public Sampler sampler() {
        return sampler;
    }

    /** The trials asked for (a grid may have fewer combinations). */
    public int trials() {
        return trials;
    }

    /** Values per range of a grid. */
    public int gridPoints() {
        return gridPoints;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** The first rung, in epochs. */
    public int minEpochs() {
        return minEpochs;
    }

    /** The reduction factor η: the best 1/η of a rung continue. */
    public int eta() {
        return eta;
    }

    /** The epochs of a trial that is never stopped. */
    public int maxEpochs() {
        return recipe.stopping().maxEpochs();
    }

    /** The seed of the sampler (trials train with the recipe's seed). */
    public long seed() {
        return seed;
    }

    /** The epochs after which trials pause ({@link Scheduler#rungs}). */
    public List<Integer> rungs() {
        return scheduler.rungs(minEpochs, eta, maxEpochs());
    }

    /**
     * The epochs the study trains when every trial runs to the rung it is expected to reach: of {@code count}
     * trials, {@code count / η^k} reach rung {@code k}.
     */
    public int plannedEpochs(int count) {
        List<Integer> rungs = rungs();
        int total = 0;
        int reaching = count;
        for (int k = 0; k < rungs.size(); k++) {
            total += reaching * (rungs.get(k) - (k == 0 ? 0 : rungs.get(k - 1)));
            reaching /= eta;
        }
        return total;
    }

    /** The values of the study's trials, by field path. */
    List<Map<String, JsonNode>> draw() {
        return sampler.draw(space, trials, gridPoints, seed);
    }

    /**
     * The recipe of a trial with these values.
     *
     * @throws IllegalArgumentException when the values do not fit together
     */
    Recipe recipeOf(Map<String, JsonNode> values) {
        return space.apply(recipe, values);
    }

    /** Builder of a {@link Search}; {@link #build()} checks the settings. */
    public static final class Builder {
        private final Recipe recipe;
        private final SearchSpace space;
        private Sampler sampler = Sampler.RANDOM;
        private Integer trials;
        private int gridPoints = 3;
        private Scheduler scheduler = Scheduler.ASHA;
        private int minEpochs = 1;
        private int eta = 3;
        private int maxEpochs;
        private long seed;

        private Builder(Recipe recipe, SearchSpace space) {
            if (recipe == null || space == null) {
                throw new IllegalArgumentException("a search needs a recipe and a search space");
            }
            this.recipe = recipe;
            this.space = space;
            this.maxEpochs = recipe.stopping().maxEpochs();
            this.seed = recipe.seed();
        }

        /** How values are picked; default random. */
        public Builder sampler(Sampler sampler) {
            this.sampler = sampler;
            return this;
        }

        /** Trials, at least 1; default 20 for random, every combination for a grid. */
        public Builder trials(int trials) {
            this.trials = trials;
            return this;
        }

        /** Values per range of a grid, at least 2; default 3. */
        public Builder gridPoints(int points) {
            this.gridPoints = points;
            return this;
        }

        /** When weak trials stop; default ASHA. */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /** The first rung, in epochs; default 1. */
        public Builder minEpochs(int epochs) {
            this.minEpochs = epochs;
            return this;
        }

        /** The reduction factor η, at least 2; default 3. */
        public Builder eta(int eta) {
            this.eta = eta;
            return this;
        }

        /** The epochs of a trial that is never stopped; default the recipe's. */
        public Builder maxEpochs(int epochs) {
            this.maxEpochs = epochs;
            return this;
        }

        /** The sampler's seed; default the recipe's seed. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @throws IllegalArgumentException naming the option of a setting out of range */
        public Search build() {
            if (trials == null && gridPoints >= 2) {
                trials = sampler == Sampler.GRID ? (int) Math.min(Integer.MAX_VALUE, space.dimensions().stream()
                        .mapToLong(d -> d.grid(gridPoints).size()).reduce(1, Math::multiplyExact)) : 20;
            }
            return new Search(this);
        }
    }
}
