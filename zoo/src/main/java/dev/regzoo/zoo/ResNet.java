package dev.regzoo.zoo;

import static dev.regzoo.zoo.GraphChain.chain;

import dev.regzoo.cpu.NativeHelpers;
import dev.regzoo.zoo.layers.BatchNormJson;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The ResNet family as a {@link ComputationGraph} (residual additions need a graph): every member is a
 * {@link ResNetSpec}, a row of data, built over one block library ({@link ResidualBlocks}). The registered members are
 * in {@link ResNetFamily}: ResNet-18/34/50 (He et al. 2016, "Deep Residual Learning for Image Recognition", in
 * torchvision's layout: ResNet-50 is v1.5, with the stride on the 3×3 convolution), ResNet-18-D/50-D (He et al. 2019,
 * "Bag of Tricks": deep stem, average-pool shortcuts), pre-activation ResNet-18 (He et al. 2016, "Identity Mappings")
 * and Wide ResNets (Zagoruyko and Komodakis 2016, pre-activation BasicBlocks).
 *
 * <ul>
 *   <li>Stages of {@code width × 2^s} channels; the first block of every stage but the first has stride 2; a shortcut
 *       projects (1×1 conv, or average pooling then 1×1 conv for ResNet-D) wherever the shape changes.</li>
 *   <li>Stem by input size: for inputs up to 64 px the 3×3 stride-1 CIFAR stem without max-pool; for larger inputs
 *       the spec's (the paper's 7×7 stride-2 conv and 3×3 stride-2 max-pool, or ResNet-D's three 3×3 convs).</li>
 *   <li>Head: global average pooling (or {@code pooling(MAX)}) and a softmax classifier; a pre-activation network
 *       first has a final BN-ReLU. The regularization's dropout {@code p} (default 0) goes before the classifier, or,
 *       for Wide ResNets ({@link ResNetSpec#dropoutInBlocks()}), between each block's convolutions, as in the paper.
 *       Convolutions have no bias while BatchNorm is on.</li>
 *   <li>Spatial dropout, when set, drops channels at the input of each block's second convolution; DropBlock, when
 *       set, drops blocks there (timm's place) in the last two stages, in those whose maps the block fits (7×7 and
 *       4×4 at 28 px with the small stem).</li>
 *   <li>Drop path, when set, drops each block's residual branch per example, at a rate rising linearly from 0 at the
 *       first block to the set maximum at the last (timm).</li>
 *   <li>The {@code width} option scales every channel count by {@code width / spec.width()}.</li>
 * </ul>
 *
 * <p>Deviations from the papers: the small-input stem, and BatchNorm running statistics count as parameters (DL4J's
 * count; {@link ModelSummary} shows both). Trainable parameters equal the references': torchvision's resnet18/34/50 at
 * 3×224×224 and 1,000 classes 11,689,512 / 21,797,672 / 25,557,032, timm's resnet18d/50d 11,708,744 / 25,576,264;
 * at 3×32×32 and 10 classes, pre-activation ResNet-18 11,172,170 and WRN-16-4 / WRN-28-10 2,748,890 / 36,479,194
 * (without convolution biases). ResNet-18 at 1×28×28, 10 classes has 11,182,410 parameters in DL4J's count at
 * {@code w = 64} (PyTorch: 11,172,810 trainable) and 703,578 at {@code w = 16}.
 *
 * <pre>{@code
 * ComputationGraph net = ResNet18.builder().inputShape(1, 28, 28).classes(10).build().init();
 * ComputationGraph wrn = ResNet.builder(ResNetFamily.spec("wrn16_4")).inputShape(3, 32, 32).classes(10).build().init();
 * }</pre>
 */
public final class ResNet extends RegzooModel<ComputationGraph> {

    private static final String INPUT = "input";
    private static final String CHANNELS_LAST = "channels_last";

    private final ResNetSpec spec;

    private ResNet(String name, ModelOptions options, ResNetSpec spec) {
        super(name, options);
        this.spec = spec;
    }

    /** A ResNet-18 builder; {@link Builder#depth(int)} picks another depth. */
    public static Builder builder() {
        return builder(ResNetSpec.builder().build());
    }

    /** A builder for the member {@code spec} describes, e.g. {@code ResNetFamily.spec("wrn16_4")}. */
    public static Builder builder(ResNetSpec spec) {
        return new Builder(Check.notNull("ResNet spec", spec));
    }

    /** The member's layout. */
    public ResNetSpec spec() {
        return spec;
    }

    /** The network's configuration. */
    public ComputationGraphConfiguration conf() {
        ModelOptions o = options();
        Layers layers = new Layers(o);
        GraphBuilder graph = layers.network().graphBuilder().addInputs(INPUT)
                .setInputTypes(o.inputShape().toInputType());
        String input = layers.inputPreProcessor().map(p -> {
            graph.addVertex(CHANNELS_LAST, new PreprocessorVertex(p), INPUT);
            return CHANNELS_LAST;
        }).orElse(INPUT);
        ResidualBlocks blocks = new ResidualBlocks(graph, layers, spec, o);
        blocks.checkDropBlock(modelName());
        String x = blocks.stem(input);
        int in = blocks.channels(spec.stemWidth());
        List<Integer> depths = spec.stageDepths();
        int index = 0;
        for (int stage = 0; stage < depths.size(); stage++) {
            int width = blocks.channels(spec.width() << stage);
            for (int block = 0; block < depths.get(stage); block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                x = blocks.residual(new BlockSite(stage, block, index++, spec.blockCount(), in, width, stride), x);
                in = width * spec.block().expansion();
            }
        }
        if (spec.preActivation()) {
            x = blocks.postActivation(x);
        }
        String output = chain(graph, x, layers.globalPool(o.pooling().name().toLowerCase() + "_pool"));
        if (o.includeTop()) {
            double dropout = spec.dropoutInBlocks() ? 0 : o.regularization().dropout().orElse(0);
            output = chain(graph, output, layers.classifier("predictions", dropout));
        }
        return BatchNormJson.namingVariance(graph.setOutputs(output).build());
    }

    /** A new, initialised network. */
    @Override
    public ComputationGraph init() {
        ComputationGraph net = new ComputationGraph(conf());
        net.init();
        return NativeHelpers.attach(net);
    }

    @Override
    public Class<ComputationGraph> modelType() {
        return ComputationGraph.class;
    }

    /**
     * Builder for {@link ResNet}: the spec's layout at its default width (ResNet-18, width 64, unless told
     * otherwise).
     */
    public static final class Builder extends ModelBuilder<Builder, ResNet> {
        private ResNetSpec spec;

        private Builder(ResNetSpec spec) {
            super("resnet", spec.width());
            this.spec = spec;
        }

        /**
         * torchvision's depth: 18 and 34 (BasicBlocks) or 50, 101 and 152 (Bottlenecks); stem, shortcut and
         * pre-activation stay the spec's.
         *
         * @throws IllegalArgumentException for another depth, listing the supported ones
         */
        public Builder depth(int depth) {
            spec = spec.toBuilder().depth(depth).build();
            return this;
        }

        /** Custom stage table (blocks per stage), e.g. tiny networks for tests. */
        public Builder blocksPerStage(List<Integer> blocks) {
            spec = spec.toBuilder().stageDepths(blocks).build();
            return this;
        }

        /**
         * The shipped self-trained weights for this member and width with their normalizer and card (see
         * MODEL_CARD.md); input shape and classes default to the weights' own.
         *
         * @throws IllegalArgumentException when none are shipped for this member and width
         * @throws IllegalStateException    when the shipped file is damaged
         */
        public TrainedModel<ComputationGraph> pretrained() {
            return buildForPretrained().pretrained();
        }

        /** The registered member's name ({@link ResNetFamily}), or {@code resnet-custom}. */
        @Override
        protected String registryName() {
            return ResNetFamily.nameOf(spec).orElse("resnet-custom");
        }

        @Override
        protected int defaultWidth() {
            return spec.width();
        }

        @Override
        protected int minInputSide() {
            return 1 << (spec.stageDepths().size() - 1);
        }

        /**
         * Channels-last: with regzoo's BatchNorm passes, ResNets infer about 40% faster so on an AVX-512 CPU and as
         * fast on AVX2, train as fast, in the same memory (docs/benchmarks.md).
         */
        @Override
        protected boolean channelsLastByDefault() {
            return true;
        }

        @Override
        public boolean hasResidualBranches() {
            return true;
        }

        /** @throws IllegalArgumentException when the width leaves a layer without channels */
        @Override
        protected ResNet create(ModelOptions options) {
            int minimum = spec.minimumWidth();
            if (options.width() < minimum) {
                throw new IllegalArgumentException("width must be at least " + minimum + " for " + registryName()
                        + " (a narrower one rounds its stem to 0 channels), got " + options.width());
            }
            ResNet model = new ResNet(registryName(), options, spec);
            model.conf(); // lays the layers out, which checks the regularization against the feature maps
            return model;
        }
    }
}
