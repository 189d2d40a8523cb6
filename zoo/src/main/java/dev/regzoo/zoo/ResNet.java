package dev.regzoo.zoo;

import static dev.regzoo.zoo.GraphChain.chain;

import dev.regzoo.cpu.NativeHelpers;
import dev.regzoo.zoo.layers.BatchNormJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * ResNet with BasicBlocks (He et al., 2016, "Deep Residual Learning for Image Recognition") as a
 * {@link ComputationGraph}: residual additions need a graph.
 *
 * <ul>
 *   <li>Stages of BasicBlocks (conv3x3+BN+ReLU, conv3x3+BN, add, ReLU) with widths {@code w, 2w, 4w, 8w}; the first
 *       block of every stage but the first has stride 2. A 1×1 conv+BN projection shortcut is used wherever the shape
 *       changes (option B of the paper).</li>
 *   <li>Stem by input size: for inputs up to 64 px a 3×3 stride-1 conv without max-pool (the CIFAR variant); for larger
 *       inputs the paper's 7×7 stride-2 conv and 3×3 stride-2 max-pool.</li>
 *   <li>Head: global average pooling (or {@code pooling(MAX)}), dropout {@code p} (default 0) and a softmax
 *       classifier. Convolutions have no bias while BatchNorm is on.</li>
 *   <li>Spatial dropout, when set, drops channels at the input of each block's second convolution; DropBlock, when
 *       set, drops blocks there (timm's place) in the last two stages, in those whose maps the block fits (7×7 and
 *       4×4 at 28 px with the small stem).</li>
 *   <li>Drop path, when set, drops each block's residual branch per example, at a rate rising linearly from 0 at the
 *       first block to the set maximum at the last (timm).</li>
 * </ul>
 *
 * <p>Deviations from the paper: the small-input stem, and BatchNorm running statistics count as parameters (DL4J's
 * count). For 1×28×28 and 10 classes ResNet-18 has 11,182,410 parameters at {@code w = 64} (PyTorch: 11,172,810
 * trainable) and 703,578 at {@code w = 16}.
 *
 * <pre>{@code
 * ComputationGraph net = ResNet18.builder().inputShape(1, 28, 28).classes(10).build().init();
 * }</pre>
 */
public final class ResNet extends RegzooModel<ComputationGraph> {

    /** Blocks per stage for each supported depth. */
    static final Map<Integer, List<Integer>> DEPTHS = Map.of(18, List.of(2, 2, 2, 2));
    static final int DEFAULT_WIDTH = 64;
    static final int SMALL_STEM_MAX_SIDE = 64;
    private static final String INPUT = "input";
    private static final String CHANNELS_LAST = "channels_last";

    private final List<Integer> blocksPerStage;

    private ResNet(String name, ModelOptions options, List<Integer> blocksPerStage) {
        super(name, options);
        this.blocksPerStage = blocksPerStage;
    }

    /** A ResNet-18 builder; {@link Builder#depth(int)} picks another depth. */
    public static Builder builder() {
        return new Builder();
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
        String x = stem(graph, layers, o, input);
        int in = o.width();
        List<Shape> maps = stageMaps(o);
        int firstDropBlockStage = Math.max(0, maps.size() - 2);
        layers.requireDropBlockFit(maps.subList(firstDropBlockStage, maps.size()), modelName() + "'s last two stages");
        int blocks = blocksPerStage.stream().mapToInt(Integer::intValue).sum();
        int index = 0;
        for (int stage = 0; stage < blocksPerStage.size(); stage++) {
            int channels = o.width() << stage;
            Shape map = maps.get(stage);
            boolean dropBlock = stage >= firstDropBlockStage && layers.dropBlockFits(map.height(), map.width());
            for (int block = 0; block < blocksPerStage.get(stage); block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                String name = "stage" + (stage + 1) + "_block" + (block + 1);
                Optional<IDropout> second = dropBlock ? layers.dropBlock(map.height(), map.width(), name)
                        : o.regularization().spatialDropoutLayer();
                x = basicBlock(graph, layers, o, name, x, in, channels, stride, second,
                        layers.dropPathRate(index++, blocks));
                in = channels;
            }
        }
        String pooled = chain(graph, x, layers.globalPool(o.pooling().name().toLowerCase() + "_pool"));
        String output = pooled;
        if (o.includeTop()) {
            output = chain(graph, pooled, layers.classifier("predictions", o.regularization().dropout().orElse(0)));
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

    private static String stem(GraphBuilder graph, Layers layers, ModelOptions o, String input) {
        boolean bias = !o.regularization().batchNorm();
        if (o.inputShape().minSide() <= SMALL_STEM_MAX_SIDE) {
            return chain(graph, input, layers.convBnRelu("stem", o.width(), 3, 1, bias, Optional.empty()));
        }
        String x = chain(graph, input, layers.convBnRelu("stem", o.width(), 7, 2, bias, Optional.empty()));
        return chain(graph, x, layers.maxPool("stem_pool", 3, 2));
    }

    /**
     * Each stage's output shape: the stem's maps (a quarter of the input's with the large stem), halved, rounding up
     * as "same" padding does, by every stage after the first.
     */
    private List<Shape> stageMaps(ModelOptions o) {
        Shape input = o.inputShape();
        int stemHalvings = input.minSide() <= SMALL_STEM_MAX_SIDE ? 0 : 2;
        List<Shape> maps = new ArrayList<>();
        for (int stage = 0; stage < blocksPerStage.size(); stage++) {
            int divisor = 1 << (stemHalvings + stage);
            maps.add(new Shape(o.width() << stage, ceilDiv(input.height(), divisor), ceilDiv(input.width(), divisor)));
        }
        return maps;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /**
     * conv3x3-BN-ReLU, conv3x3-BN (with {@code secondDropout} on its input), plus the (projected) shortcut, summed
     * with drop path at {@code dropPathRate}, then ReLU; returns the output vertex.
     */
    private static String basicBlock(GraphBuilder graph, Layers layers, ModelOptions o, String name, String input,
                                     int in, int out, int stride, Optional<IDropout> secondDropout,
                                     double dropPathRate) {
        boolean bias = !o.regularization().batchNorm();
        String main = chain(graph, input, layers.convBnRelu(name + "_1", out, 3, stride, bias, Optional.empty()));
        main = chain(graph, main, layers.convBn(name + "_2", out, 3, 1, bias, secondDropout));
        String shortcut = input;
        if (stride != 1 || in != out) {
            shortcut = chain(graph, input, layers.convBn(name + "_0", out, 1, stride, bias, Optional.empty()));
        }
        graph.addVertex(name + "_add", layers.residualSum(dropPathRate), main, shortcut);
        return chain(graph, name + "_add", layers.relu(name + "_out"));
    }

    /** Builder for {@link ResNet}: depth 18 and width 64 unless told otherwise. */
    public static final class Builder extends ModelBuilder<Builder, ResNet> {
        private int depth = 18;
        private List<Integer> blocksPerStage = DEPTHS.get(18);

        private Builder() {
            super("resnet", DEFAULT_WIDTH);
        }

        /**
         * Network depth; supported: 18.
         *
         * @throws IllegalArgumentException for an unsupported depth, listing the supported ones
         */
        public Builder depth(int depth) {
            List<Integer> table = DEPTHS.get(depth);
            if (table == null) {
                throw new IllegalArgumentException(
                        "depth must be one of " + new TreeMap<>(DEPTHS).keySet() + ", got " + depth);
            }
            this.depth = depth;
            this.blocksPerStage = table;
            return this;
        }

        /** Custom stage table (blocks per stage), e.g. tiny networks for tests; the name becomes {@code resnet-custom}. */
        public Builder blocksPerStage(List<Integer> blocks) {
            this.depth = 0;
            this.blocksPerStage = List.copyOf(blocks);
            return this;
        }

        /**
         * The shipped self-trained weights for this width with their normalizer and card (see MODEL_CARD.md);
         * input shape and classes default to the weights' own.
         *
         * @throws IllegalArgumentException when none are shipped for this width
         * @throws IllegalStateException    when the shipped file is damaged
         */
        public TrainedModel<ComputationGraph> pretrained() {
            return buildForPretrained().pretrained();
        }

        @Override
        protected String registryName() {
            return depth > 0 ? "resnet" + depth : "resnet-custom";
        }

        @Override
        protected int minInputSide() {
            return 1 << (blocksPerStage.size() - 1);
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

        @Override
        protected ResNet create(ModelOptions options) {
            ResNet model = new ResNet(registryName(), options, blocksPerStage);
            model.conf(); // lays the layers out, which checks the regularization against the feature maps
            return model;
        }
    }
}
