package dev.regzoo.zoo;

import static dev.regzoo.zoo.GraphChain.chain;

import dev.regzoo.zoo.ResNetSpec.Block;
import dev.regzoo.zoo.ResNetSpec.Shortcut;
import dev.regzoo.zoo.ResNetSpec.Stem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.dropout.IDropout;

/**
 * The ResNet family's block library over {@link Layers}: the stems, the residual blocks (BasicBlock and Bottleneck,
 * post- or pre-activation, with dropout between the convolutions for Wide ResNets) and their shortcuts (projection or
 * average pooling), added to one graph. Each method takes its input vertex and returns its output vertex.
 *
 * <p>Layer names: a block {@code stage2_block1} has convolutions {@code _1}, {@code _2} (and {@code _3} in a
 * Bottleneck), each {@code _conv}, {@code _bn}, {@code _relu}; its shortcut {@code _0} ({@code _0_pool} for average
 * pooling); the sum {@code _add}; after it, in post-activation blocks, the ReLU {@code _out}. A pre-activation block
 * starts with {@code _preact_bn}, {@code _preact_relu}.
 */
final class ResidualBlocks {

    private final GraphBuilder graph;
    private final Layers layers;
    private final ResNetSpec spec;
    private final ModelOptions options;
    private final boolean bias;
    private final List<Shape> stageMaps;

    ResidualBlocks(GraphBuilder graph, Layers layers, ResNetSpec spec, ModelOptions options) {
        this.graph = graph;
        this.layers = layers;
        this.spec = spec;
        this.options = options;
        this.bias = !options.regularization().batchNorm();
        this.stageMaps = computeStageMaps();
    }

    /** {@code channels}, counted at the spec's default width, at the model's width. */
    int channels(int channels) {
        return spec.scaled(channels, options.width());
    }

    /**
     * The stem: the CIFAR 3×3 stride-1 convolution for inputs up to {@link ResNetSpec#SMALL_INPUT_MAX_SIDE} px (and
     * whenever the spec says so), else the spec's ImageNet or deep stem with its max-pool. A pre-activation network's
     * CIFAR stem is the convolution alone: the first block's pre-activation follows it.
     */
    String stem(String input) {
        int width = channels(spec.stemWidth());
        switch (stem()) {
            case CIFAR -> {
                return spec.preActivation()
                        ? chain(graph, input, layers.convolution("stem", width, 3, 1, bias, Optional.empty()))
                        : chain(graph, input, layers.convBnRelu("stem", width, 3, 1, bias, Optional.empty()));
            }
            case IMAGENET -> {
                String x = chain(graph, input, layers.convBnRelu("stem", width, 7, 2, bias, Optional.empty()));
                return chain(graph, x, layers.maxPool("stem_pool", 3, 2));
            }
            default -> {
                int half = channels(spec.stemWidth() / 2);
                String x = chain(graph, input, layers.convBnRelu("stem_1", half, 3, 2, bias, Optional.empty()));
                x = chain(graph, x, layers.convBnRelu("stem_2", half, 3, 1, bias, Optional.empty()));
                x = chain(graph, x, layers.convBnRelu("stem_3", width, 3, 1, bias, Optional.empty()));
                return chain(graph, x, layers.maxPool("stem_pool", 3, 2));
            }
        }
    }

    /**
     * One residual block at {@code site}: every block of every member is built here, so this is where per-block
     * regularizers hook in. Drop path goes on the residual branch ({@code branch}, before {@code _add}) with the rate
     * for {@link BlockSite#index()}; DropBlock on the convolutions of the chosen {@link BlockSite#stage()}s.
     *
     * <p>The convolutions: BasicBlock 3×3 (with the stride), 3×3; Bottleneck 1×1, 3×3 (with the stride, torchvision's
     * v1.5), 1×1 with 4× the channels. Spatial dropout (and, for {@link ResNetSpec#dropoutInBlocks()}, dropout) acts
     * at the input of the second convolution. Post-activation (He et al. 2016): conv-BN-ReLU, …, conv-BN, add,
     * ReLU. Pre-activation (He et al. 2016, "Identity Mappings"; Wide ResNets): BN-ReLU, conv, …, BN-ReLU, conv, add;
     * a projection shortcut then starts from the pre-activated input.
     */
    String residual(BlockSite site, String input) {
        String name = site.name();
        int out = site.width() * spec.block().expansion();
        String branch = input;
        if (spec.preActivation()) {
            branch = chain(graph, input, layers.bnRelu(name + "_preact"));
        }
        String shortcutInput = branch;
        List<Conv> convs = convolutions(site);
        for (int i = 0; i < convs.size(); i++) {
            Conv c = convs.get(i);
            String convName = name + "_" + (i + 1);
            Optional<IDropout> spatial = Optional.empty();
            if (i == 1) {
                branch = dropoutBetweenConvolutions(name, branch);
                spatial = secondConvolutionDropout(site);
            }
            boolean last = i == convs.size() - 1;
            if (!last) {
                branch = chain(graph, branch, layers.convBnRelu(convName, c.channels(), c.kernel(), c.stride(), bias,
                        spatial));
            } else if (spec.preActivation()) {
                branch = chain(graph, branch, layers.convolution(convName, c.channels(), c.kernel(), c.stride(), bias,
                        spatial));
            } else {
                branch = chain(graph, branch, layers.convBn(convName, c.channels(), c.kernel(), c.stride(), bias,
                        spatial));
            }
        }
        String shortcut = site.stride() != 1 || site.in() != out ? shortcut(name, shortcutInput, out, site.stride())
                : input;
        graph.addVertex(name + "_add", layers.residualSum(layers.dropPathRate(site.index(), site.blockCount())),
                branch, shortcut);
        return spec.preActivation() ? name + "_add" : chain(graph, name + "_add", layers.relu(name + "_out"));
    }

    /**
     * Each stage's output maps: the stem's (a quarter of the input's with the ImageNet and deep stems), halved, rounding
     * up as "same" padding does, by every stage after the first.
     */
    List<Shape> stageMaps() {
        return stageMaps;
    }

    private List<Shape> computeStageMaps() {
        Shape input = options.inputShape();
        int stemHalvings = stem() == Stem.CIFAR ? 0 : 2;
        List<Shape> maps = new ArrayList<>();
        for (int stage = 0; stage < spec.stageDepths().size(); stage++) {
            int divisor = 1 << (stemHalvings + stage);
            maps.add(new Shape(channels(spec.width() << stage), ceilDiv(input.height(), divisor),
                    ceilDiv(input.width(), divisor)));
        }
        return List.copyOf(maps);
    }

    /**
     * Checks, before any block is built, that DropBlock (when on) fits the maps of the stages it goes to.
     *
     * @throws IllegalArgumentException naming the block size, the maps and the sizes allowed
     */
    void checkDropBlock(String model) {
        List<Shape> maps = stageMaps();
        layers.requireDropBlockFit(maps.subList(firstDropBlockStage(), maps.size()), model + "'s last two stages");
    }

    /**
     * What acts at the input of a block's second convolution: DropBlock in the last two stages, where its block fits
     * the stage's maps (timm's place), else spatial dropout when set.
     */
    private Optional<IDropout> secondConvolutionDropout(BlockSite site) {
        Shape map = stageMaps().get(site.stage());
        if (site.stage() >= firstDropBlockStage() && layers.dropBlockFits(map.height(), map.width())) {
            return layers.dropBlock(map.height(), map.width(), site.name());
        }
        return options.regularization().spatialDropoutLayer();
    }

    private int firstDropBlockStage() {
        return Math.max(0, spec.stageDepths().size() - 2);
    }

    private Stem stem() {
        return options.inputShape().minSide() <= ResNetSpec.SMALL_INPUT_MAX_SIDE ? Stem.CIFAR : spec.stem();
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** A pre-activation network's final BN-ReLU before the pooling head (He et al. 2016, "Identity Mappings"). */
    String postActivation(String input) {
        return chain(graph, input, layers.bnRelu("post"));
    }

    /** One convolution of a block's residual branch. */
    private record Conv(int kernel, int channels, int stride) {
    }

    private List<Conv> convolutions(BlockSite site) {
        int w = site.width();
        int s = site.stride();
        return spec.block() == Block.BASIC
                ? List.of(new Conv(3, w, s), new Conv(3, w, 1))
                : List.of(new Conv(1, w, 1), new Conv(3, w, s), new Conv(1, w * Block.BOTTLENECK.expansion(), 1));
    }

    /** Wide ResNets' dropout between the convolutions, when the spec puts it there and the options set it. */
    private String dropoutBetweenConvolutions(String name, String input) {
        double p = options.regularization().dropout().orElse(0);
        return spec.dropoutInBlocks() && p > 0 ? chain(graph, input, layers.dropout(name + "_dropout", p)) : input;
    }

    /**
     * A projection to {@code out} channels at {@code stride}: a strided 1×1 convolution, or ResNet-D's 2×2 average
     * pooling then a 1×1 convolution; with BatchNorm after it in post-activation blocks.
     */
    private String shortcut(String name, String input, int out, int stride) {
        String x = input;
        int convStride = stride;
        if (spec.shortcut() == Shortcut.AVG_POOL && stride > 1) {
            x = chain(graph, x, layers.avgPool(name + "_0_pool", stride, stride));
            convStride = 1;
        }
        return spec.preActivation()
                ? chain(graph, x, layers.convolution(name + "_0", out, 1, convStride, bias, Optional.empty()))
                : chain(graph, x, layers.convBn(name + "_0", out, 1, convStride, bias, Optional.empty()));
    }
}
