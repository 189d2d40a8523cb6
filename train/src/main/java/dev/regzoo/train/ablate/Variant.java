package dev.regzoo.train.ablate;

import dev.regzoo.data.augment.AugmentPolicy;
import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.data.labels.SoftLabelSpec;
import dev.regzoo.recipes.EmaSpec;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.StoppingSpec;
import dev.regzoo.zoo.ModelRegistry;
import dev.regzoo.zoo.RegularizationSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A regularizer of a study. In an add-one study ({@link #apply}) each names an arm: the recipe with every regularizer
 * off ({@link #NONE}), plus one regularizer, or all of them ({@link #ALL}); each regularizer takes the recipe's own
 * setting where it has one, else the default named here, and variants without early stopping train all epochs and are
 * judged by their last epoch's model (its averaged weights with EMA). In a leave-one-out study ({@link #without}) each
 * regularizer the recipe {@linkplain #uses uses} is taken out of it in turn.
 *
 * <p>BatchNorm is part of a residual model in every arm: a ResNet without normalization diverges at its recipe's
 * learning rate (measured: {@code fashion-resnet18-narrow} at lr 0.1 turns NaN in its first epoch), as He et al. and
 * Zagoruyko and Komodakis build theirs with it, so for those models {@link #BATCH_NORM} is no variant.
 */
public enum Variant {
    /**
     * No penalty, dropout, augmentation, soft labels, EMA or early stopping, and no BatchNorm unless the model has
     * residual branches.
     */
    NONE("none", "nothing", "nothing"),
    /** L2 penalty added to the loss (default 5e-4). */
    L2("l2", "L2 in the loss", "L2"),
    /** Decoupled weight decay (default 5e-4). */
    WEIGHT_DECAY("weight-decay", "decoupled weight decay", "weight decay"),
    /** L1 penalty added to the loss (default 1e-5). */
    L1("l1", "L1 in the loss", "L1"),
    /** The model's dropout (default drop probability 0.5 in the classifier head). */
    DROPOUT("dropout", "dropout", "dropout"),
    /** BatchNorm after every convolution; for models without residual branches, which have it in every arm. */
    BATCH_NORM("batchnorm", "BatchNorm", "BatchNorm"),
    /** The recipe's augmentation (default: flip + translate). */
    AUGMENTATION("augmentation", "augmentation", "any augmentation"),
    /**
     * The recipe's transforms (default: flip + translate) followed by random erasing at the recipe's probability, else
     * 0.5 (Zhong et al.'s p).
     */
    ERASE("erase", "augmentation + random erasing", "random erasing"),
    /**
     * The recipe's augmentation (default: flip + translate) followed by RandAugment, as torchvision's recipes put it
     * after crop and flip: the recipe's own N and M, else N = 2, M = 9.
     */
    RAND_AUGMENT("randaugment", "augmentation + RandAugment", "RandAugment"),
    /** The recipe's augmentation (default: flip + translate) followed by TrivialAugment (wide). */
    TRIVIAL_AUGMENT("trivialaugment", "augmentation + TrivialAugment", "TrivialAugment"),
    /** DropBlock in the later conv blocks, ramped up over the run (default drop probability 0.1, block 3). */
    DROP_BLOCK("dropblock", "DropBlock", "DropBlock"),
    /** Stochastic depth on the residual branches (default 0.1 at the last block); for models with residual blocks. */
    DROP_PATH("drop-path", "drop path", "drop path"),
    /** Per-layer gradient clipping (default norm 1.0). */
    CLIP("clip", "gradient clipping", "gradient clipping"),
    /** Early stopping on the recipe's monitor and patience; the best epoch's model is kept. */
    EARLY_STOPPING("early-stopping", "early stopping", "early stopping"),
    /** Label smoothing of the training targets (default ε 0.1, the paper's and timm's). */
    LABEL_SMOOTHING("label-smoothing", "label smoothing", "label smoothing"),
    /**
     * Mixup or CutMix on every training batch, half of them each (default: mixup α 0.2, CutMix α 1.0, switch
     * probability 0.5, as torchvision's and timm's ImageNet recipes).
     */
    MIXUP_CUTMIX("mixup-cutmix", "mixup/CutMix", "mixup/CutMix"),
    /**
     * The EMA of the weights, validated and kept (default decay 0.999 with the warm-up constant 10). Not scaled down
     * for a small study: the warm-up caps the decay at {@code (1 + t)/(10 + t)}, which stays below 0.999 for the
     * first ~9,000 steps, so a study's run (at 10,000 images and batch 128, about 70 steps an epoch) averages about
     * the last 11% of its steps, the share a 0.999 average covers in a run of ~9,000 steps.
     */
    EMA("ema", "EMA of weights", "EMA of weights"),
    /**
     * Every regularizer above at once (drop path where the model has residual branches); of the two policies, which
     * exclude each other, the recipe's own if it has one.
     */
    ALL("all", "all combined", "everything");

    static final double DEFAULT_L2 = 5e-4;
    static final double DEFAULT_WEIGHT_DECAY = 5e-4;
    static final double DEFAULT_L1 = 1e-5;
    static final double DEFAULT_DROPOUT = 0.5;
    static final AugmentPolicy DEFAULT_RAND_AUGMENT = AugmentPolicy.randAugment(
            AugmentPolicy.RandAugment.DEFAULT_OPS, AugmentPolicy.RandAugment.DEFAULT_MAGNITUDE);
    static final double DEFAULT_ERASE = 0.5;
    static final double DEFAULT_DROP_BLOCK = 0.1;
    static final double DEFAULT_DROP_PATH = 0.1;
    static final double DEFAULT_CLIP_NORM = 1.0;
    static final double DEFAULT_SMOOTHING = 0.1;
    static final SoftLabelSpec DEFAULT_MIXING = SoftLabelSpec.builder().mixup(0.2).cutmix(1.0).switchProbability(0.5)
            .build();
    static final EmaSpec DEFAULT_EMA = EmaSpec.builder().decay(0.999).warmup(10).build();

    private final String id;
    private final String label;
    private final String regularizer;

    Variant(String id, String label, String regularizer) {
        this.id = id;
        this.label = label;
        this.regularizer = regularizer;
    }

    /** The name on the command line and in folder names. */
    public String id() {
        return id;
    }

    /** The name of an add-one arm in tables and charts. */
    public String label() {
        return label;
    }

    /** The regularizer alone, as a leave-one-out arm names what it takes out ("without label smoothing"). */
    public String regularizer() {
        return regularizer;
    }

    /** Whether this variant stops early and keeps its best epoch's model. */
    public boolean earlyStopping() {
        return this == EARLY_STOPPING || this == ALL;
    }

    /**
     * Whether the variant fits the recipe's model: drop path needs residual branches, which SmallCnn lacks
     * ({@link #ALL} then leaves drop path out); BatchNorm is a variant only of models without them.
     */
    public boolean fits(Recipe recipe) {
        return misfit(recipe).isEmpty();
    }

    /** Why the variant does not fit the recipe's model, if it does not. */
    private Optional<String> misfit(Recipe recipe) {
        if (this == DROP_PATH && !hasResidualBranches(recipe)) {
            return Optional.of("its model, " + recipe.model()
                    + ", has no residual branches to drop (the ResNets have)");
        }
        if (this == BATCH_NORM && hasResidualBranches(recipe)) {
            return Optional.of("its model, " + recipe.model() + ", has residual branches and keeps BatchNorm in "
                    + "every arm (without it the ResNets diverge)");
        }
        return Optional.empty();
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
        misfit(recipe).ifPresent(why -> {
            throw new IllegalArgumentException("recipe " + recipe.name() + " cannot express variant " + id + ": "
                    + why);
        });
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
        if (is(BATCH_NORM) || hasResidualBranches(recipe)) {
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
                    .softLabels(softLabels(recipe.softLabels()))
                    .ema(is(EMA) ? (recipe.ema().enabled() ? recipe.ema() : DEFAULT_EMA) : EmaSpec.OFF)
                    .stopping(earlyStopping() ? stop : stop.withPatience(stop.maxEpochs()))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("recipe " + recipe.name() + " cannot express variant " + id + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code recipe} uses this regularizer, so that a leave-one-out study can take it out. Early stopping
     * counts when its patience ends a run before its last epoch; {@link #NONE} and {@link #ALL} name no regularizer,
     * and a variant that does not {@linkplain #fits fit} the model is not used.
     */
    public boolean uses(Recipe recipe) {
        RegularizationSpec reg = recipe.regularization();
        AugmentationSpec augmentation = recipe.augmentation();
        return fits(recipe) && switch (this) {
            case NONE, ALL -> false;
            case L2 -> reg.l2() > 0;
            case WEIGHT_DECAY -> reg.weightDecay() > 0;
            case L1 -> reg.l1() > 0;
            case DROPOUT -> reg.dropout().orElse(ModelRegistry.builder(recipe.model()).defaultDropout()) > 0;
            case BATCH_NORM -> reg.batchNorm();
            case AUGMENTATION -> !augmentation.isNone();
            case ERASE -> augmentation.erase() > 0;
            case RAND_AUGMENT -> augmentation.policy() instanceof AugmentPolicy.RandAugment;
            case TRIVIAL_AUGMENT -> augmentation.policy() instanceof AugmentPolicy.TrivialAugment;
            case DROP_BLOCK -> reg.dropBlock() > 0;
            case DROP_PATH -> reg.dropPath() > 0;
            case CLIP -> reg.gradientClipNorm() > 0;
            case EARLY_STOPPING -> recipe.stopping().patience() < recipe.stopping().maxEpochs();
            case LABEL_SMOOTHING -> recipe.softLabels().smoothing() > 0;
            case MIXUP_CUTMIX -> recipe.softLabels().mixing();
            case EMA -> recipe.ema().enabled();
        };
    }

    /**
     * {@code recipe} with this regularizer taken out and everything else as it is: a leave-one-out arm.
     * {@link #AUGMENTATION} takes out every transform and policy, {@link #ERASE} and the policies only themselves;
     * {@link #EARLY_STOPPING} trains every epoch (the arm is judged by its last epoch's model).
     *
     * @throws IllegalArgumentException when the recipe does not {@linkplain #uses use} it or its model cannot do
     *                                  without it
     */
    public Recipe without(Recipe recipe) {
        misfit(recipe).ifPresent(why -> {
            throw new IllegalArgumentException("recipe " + recipe.name() + " cannot be studied without " + id + ": "
                    + why);
        });
        if (!uses(recipe)) {
            throw new IllegalArgumentException("recipe " + recipe.name() + " does not use " + id
                    + "; a leave-one-out study takes out what it uses: " + used(recipe).stream().map(Variant::id)
                    .toList());
        }
        RegularizationSpec.Builder reg = recipe.regularization().toBuilder();
        Recipe.Builder out = recipe.toBuilder().description(recipe.name() + " without " + regularizer);
        switch (this) {
            case L2 -> reg.l2(0);
            case WEIGHT_DECAY -> reg.weightDecay(0);
            case L1 -> reg.l1(0);
            case DROPOUT -> reg.dropout(0);
            case BATCH_NORM -> reg.batchNorm(false);
            case AUGMENTATION -> out.augmentation(AugmentationSpec.NONE);
            case ERASE -> out.augmentation(recipe.augmentation().withErase(0));
            case RAND_AUGMENT, TRIVIAL_AUGMENT -> out.augmentation(recipe.augmentation().withPolicy(AugmentPolicy.NONE));
            case DROP_BLOCK -> reg.dropBlock(0);
            case DROP_PATH -> reg.dropPath(0);
            case CLIP -> reg.gradientClipNorm(0);
            case EARLY_STOPPING -> out.stopping(recipe.stopping().withPatience(recipe.stopping().maxEpochs()));
            case LABEL_SMOOTHING -> out.softLabels(s -> s.smoothing(0));
            case MIXUP_CUTMIX -> out.softLabels(s -> s.mixup(0).cutmix(0));
            case EMA -> out.ema(EmaSpec.OFF);
            default -> throw new IllegalStateException("checked by uses(): " + this);
        }
        return out.regularization(reg.build()).build();
    }

    /** The regularizers {@code recipe} uses, in table order: a leave-one-out study's default. */
    public static List<Variant> used(Recipe recipe) {
        return Arrays.stream(values()).filter(v -> v.uses(recipe)).toList();
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
        if (this == ERASE) {
            return transforms.withErase(erase(recipeSpec));
        }
        if (this == ALL) {
            return own(recipeSpec).withErase(erase(recipeSpec));
        }
        return is(AUGMENTATION) ? own(recipeSpec) : AugmentationSpec.NONE;
    }

    private static double erase(AugmentationSpec recipeSpec) {
        return recipeSpec.erase() > 0 ? recipeSpec.erase() : DEFAULT_ERASE;
    }

    /** The smoothing and mixing this variant has: the recipe's own where it sets them, else the defaults. */
    private SoftLabelSpec softLabels(SoftLabelSpec own) {
        SoftLabelSpec mixing = own.mixing() ? own : DEFAULT_MIXING;
        SoftLabelSpec.Builder labels = SoftLabelSpec.NONE.toBuilder();
        if (is(LABEL_SMOOTHING)) {
            labels.smoothing(own.smoothing() > 0 ? own.smoothing() : DEFAULT_SMOOTHING);
        }
        if (is(MIXUP_CUTMIX)) {
            labels.mixup(mixing.mixup()).cutmix(mixing.cutmix()).mixProbability(mixing.mixProbability())
                    .switchProbability(mixing.switchProbability());
        }
        return labels.build();
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
