package dev.regzoo.zoo.layers;

import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's {@code ElementWiseVertex(Add)}, a residual connection's sum, in one pass. DL4J 1.0.0-M2.1's vertex copies its
 * first input into the output and then adds the second in place: two passes over the activations where one does. Same
 * configuration, JSON and results as the stock vertex; only the implementation class differs. Inputs of different
 * shapes (broadcasting), types or more than two inputs take DL4J's path. Written by hand because DL4J has no switch for
 * it.
 */
public class AddVertex extends ElementWiseVertex {

    private static final long serialVersionUID = 1L;

    /** The sum of its inputs. */
    public AddVertex() {
        super(Op.Add);
    }

    @Override
    public AddVertex clone() {
        return new AddVertex();
    }

    @Override
    public GraphVertex instantiate(ComputationGraph graph, String name, int idx, INDArray paramsView,
                                   boolean initializeParams, DataType networkDatatype) {
        return new Impl(graph, name, idx, networkDatatype);
    }

    /** The vertex implementation: one pairwise add into the output for two inputs of one shape and type. */
    static class Impl extends org.deeplearning4j.nn.graph.vertex.impl.ElementWiseVertex {

        private static final long serialVersionUID = 1L;
        private boolean summedHere;

        Impl(ComputationGraph graph, String name, int index, DataType dataType) {
            super(graph, name, index, Op.Add, dataType);
        }

        @Override
        public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
            summedHere = canDoForward() && inputs.length == 2 && inputs[0].equalShapes(inputs[1])
                    && inputs[0].dataType() == dataType && inputs[1].dataType() == dataType;
            if (!summedHere) {
                return super.doForward(training, workspaceMgr);
            }
            INDArray sum = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, inputs[0].shape());
            Nd4j.exec(new AddOp(inputs[0], inputs[1], sum));
            return sum;
        }

        /** dL/da = dL/db = dL/dsum, a copy for each input as DL4J's vertex hands them out. */
        @Override
        public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
            if (!summedHere || !canDoBackward()) {
                return super.doBackward(tbptt, workspaceMgr);
            }
            return new Pair<>(null, new INDArray[] {workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, epsilon),
                    workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, epsilon)});
        }
    }
}
