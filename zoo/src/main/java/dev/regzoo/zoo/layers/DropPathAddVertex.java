package dev.regzoo.zoo.layers;

import dev.regzoo.zoo.Check;
import java.util.Arrays;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A residual connection's sum with stochastic depth (Huang et al., ECCV 2016, "Deep Networks with Stochastic Depth"),
 * as timm's {@code drop_path}: during training each example's residual branch (the first input) is dropped with
 * probability {@code dropProbability} and kept ones are scaled by {@code 1 / (1 − dropProbability)}, then the shortcut
 * (the second input) is added; at inference it is the plain sum of {@link AddVertex}. The backward pass gives the
 * branch the gradient times the same per-example factors and the shortcut the gradient unchanged. Written by hand:
 * DL4J 1.0.0-M2.1 has no drop path; a vertex configuration is what a saved graph keeps.
 *
 * <p>Dropping inside the sum costs no pass of its own: the branch is scaled on its way into the sum.
 */
public class DropPathAddVertex extends AddVertex {

    private static final long serialVersionUID = 1L;

    @JsonProperty("dropProbability")
    private final double dropProbability;

    /**
     * @param dropProbability the probability of dropping an example's residual branch, in {@code [0, 1)}
     * @throws IllegalArgumentException for a probability outside {@code [0, 1)}
     */
    @JsonCreator
    public DropPathAddVertex(@JsonProperty("dropProbability") double dropProbability) {
        this.dropProbability = Check.dropProbability("drop path", dropProbability);
    }

    public double dropProbability() {
        return dropProbability;
    }

    @Override
    public DropPathAddVertex clone() {
        return new DropPathAddVertex(dropProbability);
    }

    /** Exactly two inputs: the residual branch, then the shortcut. */
    @Override
    public int minVertexInputs() {
        return 2;
    }

    @Override
    public int maxVertexInputs() {
        return 2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DropPathAddVertex d && Double.compare(dropProbability, d.dropProbability) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(dropProbability);
    }

    @Override
    public String toString() {
        return "DropPathAddVertex(dropProbability=" + dropProbability + ")";
    }

    @Override
    public GraphVertex instantiate(ComputationGraph graph, String name, int idx, INDArray paramsView,
                                   boolean initializeParams, DataType networkDatatype) {
        return new Impl(graph, name, idx, networkDatatype, dropProbability);
    }

    /** The vertex implementation: per-example keep factors on the branch in training, the plain sum otherwise. */
    static final class Impl extends AddVertex.Impl {

        private static final long serialVersionUID = 1L;
        private final double dropProbability;
        /** The last training pass's factor per example: 0 or {@code 1 / (1 − p)}; null after other passes. */
        private INDArray keep;

        Impl(ComputationGraph graph, String name, int index, DataType dataType, double dropProbability) {
            super(graph, name, index, dataType);
            this.dropProbability = dropProbability;
        }

        @Override
        public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
            keep = null;
            if (!training || dropProbability == 0 || !canDoForward()) {
                return super.doForward(training, workspaceMgr);
            }
            INDArray branch = inputs[0];
            INDArray shortcut = inputs[1];
            if (!branch.equalShapes(shortcut)) {
                throw new IllegalArgumentException("drop path adds a residual branch and a shortcut of one shape, got "
                        + Arrays.toString(branch.shape()) + " and " + Arrays.toString(shortcut.shape())
                        + " at vertex " + getVertexName());
            }
            keep = keepFactors(branch.size(0));
            INDArray sum = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, branch.shape(), 'c');
            scaleExamples(branch.castTo(dataType), keep, sum);
            return sum.addi(shortcut.castTo(dataType));
        }

        /**
         * {@code out} (c-ordered) = each example of {@code in} times its factor, on [examples, rest] views: ND4J's
         * broadcast along the first axis of a 4-d array is about 10× slower than on the 2-d view.
         */
        private static void scaleExamples(INDArray in, INDArray factors, INDArray out) {
            long examples = in.size(0);
            Broadcast.mul(in.reshape('c', examples, -1), factors, out.reshape('c', examples, -1), 0);
        }

        /** One Bernoulli draw per example, kept ones scaled up; outside workspaces, as it lives until backprop. */
        private INDArray keepFactors(long examples) {
            double keepProbability = 1 - dropProbability;
            try (MemoryWorkspace none = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                INDArray factors = Nd4j.createUninitialized(dataType, examples);
                Nd4j.exec(new BernoulliDistribution(factors, keepProbability));
                return factors.divi(keepProbability);
            }
        }

        @Override
        public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
            if (keep == null || !canDoBackward()) {
                return super.doBackward(tbptt, workspaceMgr);
            }
            INDArray branch = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(),
                    epsilon.shape(), 'c');
            scaleExamples(epsilon, keep.castTo(epsilon.dataType()), branch);
            keep = null;
            return new Pair<>(null, new INDArray[] {branch, workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, epsilon)});
        }

        @Override
        public void clear() {
            super.clear();
            keep = null;
        }
    }
}
