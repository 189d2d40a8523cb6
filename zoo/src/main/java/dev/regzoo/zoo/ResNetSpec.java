package dev.regzoo.zoo;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * One member of the {@link ResNet} family as data, as timm describes its ResNets: stage depths, block type,
 * pre-activation or not, widths, stem, shortcut type and where the head's dropout goes. {@link ResNetFamily} holds the
 * registered rows; {@link ResNet} builds any spec over one block library.
 *
 * <ul>
 *   <li>Stage {@code s} (from 0) has {@code width × 2^s} channels (a bottleneck's inner width; it outputs 4× that);
 *       the first block of every stage but the first has stride 2.</li>
 *   <li>{@link #stem()} is the stem for inputs above {@value #SMALL_INPUT_MAX_SIDE} px; smaller inputs always get the
 *       CIFAR stem (a 3×3 stride-1 convolution, no max-pool).</li>
 *   <li>A model's {@code width} option scales every channel count (stem included) by {@code width / width()},
 *       rounded to the nearest integer; see {@link #minimumWidth()}.</li>
 * </ul>
 *
 * <pre>{@code
 * ResNetSpec resnet50d = ResNetSpec.builder().depth(50).stem(Stem.DEEP).shortcut(Shortcut.AVG_POOL).build();
 * ResNetSpec wrn40x4 = ResNetSpec.builder().wide(40, 4).build();
 * }</pre>
 */
public final class ResNetSpec {

    /** Inputs up to this side get the CIFAR stem whatever {@link #stem()} says. */
    public static final int SMALL_INPUT_MAX_SIDE = 64;

    /** Blocks per stage and block type of torchvision's depths (He et al. 2016, Table 1). */
    private static final Map<Integer, Depth> DEPTHS = new TreeMap<>(Map.of(
            18, new Depth(List.of(2, 2, 2, 2), Block.BASIC),
            34, new Depth(List.of(3, 4, 6, 3), Block.BASIC),
            50, new Depth(List.of(3, 4, 6, 3), Block.BOTTLENECK),
            101, new Depth(List.of(3, 4, 23, 3), Block.BOTTLENECK),
            152, new Depth(List.of(3, 8, 36, 3), Block.BOTTLENECK)));
    /** Wide ResNets (Zagoruyko and Komodakis 2016): a 16-channel stem, stages of {@code 16k, 32k, 64k} channels. */
    private static final int WIDE_STEM = 16;
    private static final int WIDE_STAGES = 3;

    private record Depth(List<Integer> stageDepths, Block block) {
    }

    /** The residual block. */
    public enum Block {
        /** Two 3×3 convolutions (ResNet-18/34, Wide ResNets). */
        BASIC(1),
        /** 1×1, 3×3 (with the stride, as torchvision's v1.5) and 1×1 convolutions, the last with 4× the channels. */
        BOTTLENECK(4);

        private final int expansion;

        Block(int expansion) {
            this.expansion = expansion;
        }

        /** Output channels per inner channel: 1 or 4. */
        public int expansion() {
            return expansion;
        }
    }

    /** The stem for inputs above {@value #SMALL_INPUT_MAX_SIDE} px. */
    public enum Stem {
        /** 7×7 stride-2 convolution and 3×3 stride-2 max-pool (He et al. 2016). */
        IMAGENET,
        /** Three 3×3 convolutions (stride 2, half, half and full stem width) and the max-pool (ResNet-C/D, timm). */
        DEEP,
        /** The 3×3 stride-1 convolution at every input size (Wide ResNets). */
        CIFAR
    }

    /** How a block's shortcut matches a changed shape. */
    public enum Shortcut {
        /** A strided 1×1 convolution (option B of He et al. 2016). */
        PROJECTION,
        /** 2×2 average pooling with the stride, then a 1×1 convolution (ResNet-D, He et al. 2019). */
        AVG_POOL
    }

    private final List<Integer> stageDepths;
    private final Block block;
    private final boolean preActivation;
    private final int width;
    private final int stemWidth;
    private final Stem stem;
    private final Shortcut shortcut;
    private final boolean dropoutInBlocks;

    private ResNetSpec(Builder b) {
        if (b.stageDepths.isEmpty() || b.stageDepths.stream().anyMatch(d -> d == null || d < 1)) {
            throw new IllegalArgumentException("stage depths must be one or more block counts, each at least 1, got "
                    + b.stageDepths);
        }
        this.stageDepths = List.copyOf(b.stageDepths);
        this.block = Check.notNull("block", b.block);
        this.preActivation = b.preActivation;
        this.width = Check.atLeast("width", b.width, 1);
        this.stemWidth = Check.atLeast("stem width", b.stemWidth, 1);
        this.stem = Check.notNull("stem", b.stem);
        if (stem == Stem.DEEP) {
            Check.atLeast("stem width of a deep stem (its first convolutions have half)", stemWidth, 2);
        }
        this.shortcut = Check.notNull("shortcut", b.shortcut);
        this.dropoutInBlocks = b.dropoutInBlocks;
    }

    /** A builder starting from ResNet-18: BasicBlocks {@code [2, 2, 2, 2]}, width 64, ImageNet stem, projections. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this spec's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Blocks per stage. */
    public List<Integer> stageDepths() {
        return stageDepths;
    }

    public Block block() {
        return block;
    }

    /** Whether blocks are pre-activation (BN-ReLU before each convolution; He et al. 2016, "Identity Mappings"). */
    public boolean preActivation() {
        return preActivation;
    }

    /** Channels of the first stage (a bottleneck's inner width): the model's default {@code width}. */
    public int width() {
        return width;
    }

    /** Output channels of the stem at the default width. */
    public int stemWidth() {
        return stemWidth;
    }

    public Stem stem() {
        return stem;
    }

    public Shortcut shortcut() {
        return shortcut;
    }

    /**
     * Whether the regularization's dropout goes between each block's two 3×3 convolutions (Wide ResNets) instead of
     * before the classifier.
     */
    public boolean dropoutInBlocks() {
        return dropoutInBlocks;
    }

    /** Residual blocks in all stages. */
    public int blockCount() {
        return stageDepths.stream().mapToInt(Integer::intValue).sum();
    }

    /** Channels of the features the last stage outputs, at the default width. */
    public int featureChannels() {
        return (width << (stageDepths.size() - 1)) * block.expansion();
    }

    /** {@code channels} (counted at the default width) for a model built at {@code modelWidth}: rounded, maybe 0. */
    int scaled(int channels, int modelWidth) {
        return (int) Math.round((double) channels * modelWidth / width);
    }

    /** The smallest model width that leaves every layer at least one channel. */
    public int minimumWidth() {
        int narrowest = Math.min(width, stem == Stem.DEEP ? stemWidth / 2 : stemWidth);
        return IntStream.iterate(1, w -> w + 1).filter(w -> scaled(narrowest, w) >= 1).findFirst().orElseThrow();
    }

    /** One line for {@code regzoo list}, e.g. "BasicBlocks [2, 2, 2, 2], widths 64-512, ...". */
    public String describe() {
        String blocks = (preActivation ? "pre-activation " : "")
                + (block == Block.BASIC ? "BasicBlocks " : "Bottlenecks ") + stageDepths;
        String widths = "widths " + width + "-" + (width << (stageDepths.size() - 1))
                + (block == Block.BOTTLENECK ? " (x4 out)" : "");
        String stems = switch (stem) {
            case IMAGENET -> "7x7 stem + max-pool above " + SMALL_INPUT_MAX_SIDE + " px, 3x3 below";
            case DEEP -> "deep 3-conv stem + max-pool above " + SMALL_INPUT_MAX_SIDE + " px, 3x3 below";
            case CIFAR -> "3x3 stem (" + stemWidth + ")";
        };
        return Stream.of(blocks, widths, stems,
                        shortcut == Shortcut.AVG_POOL ? "avg-pool shortcuts" : "projection shortcuts",
                        dropoutInBlocks ? "--dropout between convolutions" : null)
                .filter(Objects::nonNull).collect(Collectors.joining(", "));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResNetSpec s && stageDepths.equals(s.stageDepths) && block == s.block
                && preActivation == s.preActivation && width == s.width && stemWidth == s.stemWidth
                && stem == s.stem && shortcut == s.shortcut && dropoutInBlocks == s.dropoutInBlocks;
    }

    @Override
    public int hashCode() {
        return Objects.hash(stageDepths, block, preActivation, width, stemWidth, stem, shortcut, dropoutInBlocks);
    }

    @Override
    public String toString() {
        return "ResNetSpec[stageDepths=" + stageDepths + ", block=" + block + ", preActivation=" + preActivation
                + ", width=" + width + ", stemWidth=" + stemWidth + ", stem=" + stem + ", shortcut=" + shortcut
                + ", dropoutInBlocks=" + dropoutInBlocks + "]";
    }

    /** Builder for {@link ResNetSpec}; values are checked in {@link #build()}. */
    public static final class Builder {
        private List<Integer> stageDepths = DEPTHS.get(18).stageDepths();
        private Block block = Block.BASIC;
        private boolean preActivation;
        private int width = 64;
        private int stemWidth = 64;
        private Stem stem = Stem.IMAGENET;
        private Shortcut shortcut = Shortcut.PROJECTION;
        private boolean dropoutInBlocks;

        private Builder() {
        }

        private Builder(ResNetSpec s) {
            stageDepths = s.stageDepths;
            block = s.block;
            preActivation = s.preActivation;
            width = s.width;
            stemWidth = s.stemWidth;
            stem = s.stem;
            shortcut = s.shortcut;
            dropoutInBlocks = s.dropoutInBlocks;
        }

        /**
         * torchvision's depth: 18 and 34 (BasicBlocks) or 50, 101 and 152 (Bottlenecks) set the stage depths and the
         * block; the rest stays.
         *
         * @throws IllegalArgumentException for another depth, listing these
         */
        public Builder depth(int depth) {
            Depth row = DEPTHS.get(depth);
            if (row == null) {
                throw new IllegalArgumentException("depth must be one of " + DEPTHS.keySet() + ", got " + depth);
            }
            stageDepths = row.stageDepths();
            block = row.block();
            return this;
        }

        /**
         * A Wide ResNet WRN-{@code depth}-{@code widenFactor} (Zagoruyko and Komodakis 2016): three stages of
         * {@code (depth - 4) / 6} pre-activation BasicBlocks with {@code 16k, 32k, 64k} channels, a 16-channel 3×3
         * stem at every input size, projection shortcuts, and the dropout between each block's convolutions.
         *
         * @throws IllegalArgumentException for a depth that is not 6N+4 (N at least 1) or a widen factor below 1
         */
        public Builder wide(int depth, int widenFactor) {
            if (depth < 10 || (depth - 4) % 6 != 0) {
                throw new IllegalArgumentException("WRN depth must be 6N+4 with N >= 1 (10, 16, 22, 28, 40, ...), got "
                        + depth);
            }
            Check.atLeast("widen factor", widenFactor, 1);
            stageDepths = List.copyOf(Collections.nCopies(WIDE_STAGES, (depth - 4) / 6));
            block = Block.BASIC;
            preActivation = true;
            width = WIDE_STEM * widenFactor;
            stemWidth = WIDE_STEM;
            stem = Stem.CIFAR;
            shortcut = Shortcut.PROJECTION;
            dropoutInBlocks = true;
            return this;
        }

        /** Blocks per stage, e.g. {@code [1, 1]} for a tiny test network. */
        public Builder stageDepths(List<Integer> stageDepths) {
            this.stageDepths = List.copyOf(Check.notNull("stage depths", stageDepths));
            return this;
        }

        public Builder block(Block block) {
            this.block = block;
            return this;
        }

        public Builder preActivation(boolean preActivation) {
            this.preActivation = preActivation;
            return this;
        }

        /** Channels of the first stage at the default width (a bottleneck's inner width); default 64. */
        public Builder width(int width) {
            this.width = width;
            return this;
        }

        /** Output channels of the stem at the default width; default 64. */
        public Builder stemWidth(int stemWidth) {
            this.stemWidth = stemWidth;
            return this;
        }

        /** The stem above {@value #SMALL_INPUT_MAX_SIDE} px; default {@link Stem#IMAGENET}. */
        public Builder stem(Stem stem) {
            this.stem = stem;
            return this;
        }

        /** Default {@link Shortcut#PROJECTION}. */
        public Builder shortcut(Shortcut shortcut) {
            this.shortcut = shortcut;
            return this;
        }

        /** Dropout between each block's convolutions instead of before the classifier; default false. */
        public Builder dropoutInBlocks(boolean dropoutInBlocks) {
            this.dropoutInBlocks = dropoutInBlocks;
            return this;
        }

        /** @throws IllegalArgumentException naming the field, its value and what is allowed */
        public ResNetSpec build() {
            return new ResNetSpec(this);
        }
    }
}
