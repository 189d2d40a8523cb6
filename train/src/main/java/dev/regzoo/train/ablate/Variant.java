package dev.regzoo.train.ablate;

import dev.regzoo.data.augment.AugmentPolicy;
import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.StoppingSpec;
import dev.regzoo.zoo.ModelRegistry;
import dev.regzoo.zoo.RegularizationSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One arm of a regularization study: the recipe with every regularizer off ({@link #NONE}), plus one regularizer, or
 * all of them ({@link #ALL}). Each regularizer takes the recipe's own setting where it has one, else the default
 * named here. Variants without early stopping train all epochs and are judged by their last epoch's model.
 */
public enum Variant {
    /** No penalty, dropout, BatchNorm, augmentation or early stopping. */
    NONE("none", "nothing"),
    /** L2 penalty added to the loss (default 5e-4). */
    L2("l2", "L2 in the loss"),
    /** Decoupled weight decay (default 5e-4). */
    WEIGHT_DECAY("weight-decay", "decoupled weight decay"),
    /** L1 penalty added to the loss (default 1e-5). */
    L1("l1", "L1 in the loss"),
    /** The model's dropout (default drop probability 0.5 in the classifier head). */
    DROPOUT("dropout", "dropout"),
    /** BatchNorm after every convolution. */
    BATCH_NORM("batchnorm", "BatchNorm"),
    /** The recipe's augmentation (default: flip + translate). */
    AUGMENTATION("augmentation", "augmentation"),
    /**
     * The recipe's augmentation (default: flip + translate) followed by RandAugment, as torchvision's recipes put it
     * after crop and flip: the recipe's own N and M, else N = 2, M = 9.
     */
    RAND_AUGMENT("randaugment", "augmentation + RandAugment"),
    /** The recipe's augmentation (default: flip + translate) followed by TrivialAugment (wide). */
    TRIVIAL_AUGMENT("trivialaugment", "augmentation + TrivialAugment"),
    /** DropBlock in the later conv blocks, ramped up over the run (default drop probability 0.1, block 3). */
    DROP_BLOCK("dropblock", "DropBlock"),
    /** Stochastic depth on the residual branches (default 0.1 at the last block); for models with residual blocks. */
    DROP_PATH("drop-path", "drop path"),
    /** Per-layer gradient clipping (default norm 1.0). */
    CLIP("clip", "gradient clipping"),
    /** Early stopping on the recipe's monitor and patience; the best epoch's model is kept. */
    EARLY_STOPPING("early-stopping", "early stopping"),
    /**
     * Every regularizer above at once (drop path where the model has residual branches); of the two policies, which
     * exclude each other, the recipe's own if it has one.
     */
    ALL("all", "all combined");

    static final double DEFAULT_L2 = 5e-4;
    static final double DEFAULT_WEIGHT_DECAY = 5e-4;
    static final double DEFAULT_L1 = 1e-5;
    static final double DEFAULT_DROPOUT = 0.5;
    static final AugmentPolicy DEFAULT_RAND_AUGMENT = AugmentPolicy.randAugment(
            AugmentPolicy.RandAugment.DEFAULT_OPS, AugmentPolicy.RandAugment.DEFAULT_MAGNITUDE);
    static final double DEFAULT_DROP_BLOCK = 0.1;
    static final double DEFAULT_DROP_PATH = 0.1;
    static final double DEFAULT_CLIP_NORM = 1.0;

    private final String id;
    private final String label;

    Variant(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The name on the command line and in folder names. */
    public String id() {
        return id;
    }

    /** The name in tables and charts. */
    public String label() {
        return label;
    }

    /** Whether this variant stops early and keeps its best epoch's model. */
    public boolean earlyStopping() {
        return this == EARLY_STOPPING || this == ALL;
    }

    /**
     * Whether the variant fits the recipe's model: drop path needs residual branches, which SmallCnn lacks;
     * {@link #ALL} then leaves drop path out.
     */
    public boolean fits(Recipe recipe) {
        return this != DROP_PATH || hasResidualBranches(recipe);
    }

    private static boolean hasResidualBranches(Recipe recipe) {
        return ModelRegistry.builder(recipe.model()).hasResidualBranches();
    }

    /**
     * {@code recipe} as this variant trains it.
     *
     * @throws IllegalArgumentException when the recipe cannot express this variant
     */
    public Recipe apply(Recipe recipe) {
        if (recipe.transfer() != null) {
            throw new IllegalArgumentException("recipe " + recipe.name() + " fine-tunes a trained network (--from), "
                    + "whose BatchNorm and dropout are fixed; a study trains from random weights");
        }
        if (!fits(recipe)) {
            throw new IllegalArgumentException("recipe " + recipe.name() + " cannot express variant " + id + ": its "
                    + "model, " + recipe.model() + ", has no residual branches to drop (the ResNets have)");
        }
        RegularizationSpec own = recipe.regularization();
        RegularizationSpec.Builder reg = RegularizationSpec.none().toBuilder();
        if (is(L2)) {
            reg.l2(own.l2() > 0 ? own.l2() : DEFAULT_L2);
        }
        if (is(WEIGHT_DECAY)) {
            reg.weightDecay(own.weightDecay() > 0 ? own.weightDecay() : DEFAULT_WEIGHT_DECAY);
        }
        if (is(L1)) {
            reg.l1(own.l1() > 0 ? own.l1() : DEFAULT_L1);
        }
        if (is(DROPOUT)) {
            double p = own.dropout().orElse(0);
            reg.dropout(p > 0 ? p : DEFAULT_DROPOUT);
        }
        if (is(BATCH_NORM)) {
            reg.batchNorm(true);
        }
        if (is(DROP_BLOCK)) {
            reg.dropBlock(own.dropBlock() > 0 ? own.dropBlock() : DEFAULT_DROP_BLOCK)
                    .dropBlockSize(own.dropBlockSize());
        }
        if (is(DROP_PATH) && hasResidualBranches(recipe)) {
            reg.dropPath(own.dropPath() > 0 ? own.dropPath() : DEFAULT_DROP_PATH);
        }
        if (is(CLIP)) {
            reg.gradientClipNorm(own.gradientClipNorm() > 0 ? own.gradientClipNorm() : DEFAULT_CLIP_NORM);
        }
        StoppingSpec stop = recipe.stopping();
        try {
            return recipe.toBuilder()
                    .description(recipe.name() + " ablation variant: " + label)
                    .regularization(reg.build())
                    .augmentation(augmentation(recipe.augmentation()))
                    .stopping(earlyStopping() ? stop : stop.withPatience(stop.maxEpochs()))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("recipe " + recipe.name() + " cannot express variant " + id + ": "
                    + e.getMessage(), e);
        }
    }

    private boolean is(Variant regularizer) {
        return this == regularizer || this == ALL;
    }

    /** The augmentation this variant trains with, from the recipe's {@code recipeSpec}. */
    private AugmentationSpec augmentation(AugmentationSpec recipeSpec) {
        AugmentationSpec transforms = own(recipeSpec.withPolicy(AugmentPolicy.NONE));
        if (this == RAND_AUGMENT) {
            return transforms.withPolicy(recipeSpec.policy() instanceof AugmentPolicy.RandAugment
                    ? recipeSpec.policy() : DEFAULT_RAND_AUGMENT);
        }
        if (this == TRIVIAL_AUGMENT) {
            return transforms.withPolicy(AugmentPolicy.trivialAugment());
        }
        return is(AUGMENTATION) ? own(recipeSpec) : AugmentationSpec.NONE;
    }

    private static AugmentationSpec own(AugmentationSpec augmentation) {
        return augmentation.equals(AugmentationSpec.NONE) ? AugmentationSpec.STANDARD : augmentation;
    }

    /** The default study of {@code recipe}: every variant that {@linkplain #fits fits} its model. */
    public static List<Variant> defaults(Recipe recipe) {
        return Arrays.stream(values()).filter(v -> v.fits(recipe)).toList();
    }

    /**
     * Parses a comma-separated list of variant names.
     *
     * @throws IllegalArgumentException for an unknown or repeated name, listing the valid ones
     */
    public static List<Variant> parse(String names) {
        List<Variant> variants = new ArrayList<>();
        for (String name : names.split(",")) {
            String id = name.trim().toLowerCase(Locale.ROOT);
            Variant v = Arrays.stream(values()).filter(x -> x.id.equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("variant must be one of " + ids() + ", got '"
                            + name.trim() + "'"));
            if (variants.contains(v)) {
                throw new IllegalArgumentException("variant '" + id + "' is listed twice");
            }
            variants.add(v);
        }
        return List.copyOf(variants);
    }

    private static List<String> ids() {
        return Arrays.stream(values()).map(Variant::id).toList();
    }
}
