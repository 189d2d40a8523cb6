package dev.regzoo.cpu;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Minimal reproduction of where DL4J 1.0.0-M2.1 loses training time to PyTorch: times the forward and backward ops of
 * one SmallCnn block (3x3 convolution 32 to 32, BatchNorm, ReLU, 2x2 max pooling) on a channels-last 128x28x28x32
 * activation, calling libnd4j's ops directly into preallocated outputs, and regzoo's BatchNorm (on the Vector API and
 * on libnd4j's ops) and ReLU passes.
 * Prints one JSON line per op in the shape of {@code bench/op_times.py}'s, which times the same ops in PyTorch
 * ({@code bench/op-times.sh} runs both). Not a test: a {@code main} kept in the test sources so that it compiles with
 * the zoo it measures.
 */
public final class OpTimes {

    private static final int N = 128;
    private static final int H = 28;
    private static final int C = 32;
    /** Untimed calls first: the JVM compiles the Java side of regzoo's passes meanwhile (its vector code: ~200). */
    private static final int WARMUP = 200;
    private static final int REPEATS = 30;
    private static final double EPS = 1e-5;
    /** Each call runs in a reused workspace, as a layer does in training: no fresh, zero-filled arrays. */
    private static final String WORKSPACE = "OpTimes";
    private static final WorkspaceConfiguration WORKSPACE_CONF = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.STRICT).policyLearning(LearningPolicy.FIRST_LOOP).build();

    private OpTimes() {
    }

    public static void main(String[] args) {
        Nd4j.getRandom().setSeed(42);
        INDArray x = Nd4j.randn(DataType.FLOAT, N, H, H, C);
        INDArray gradOut = Nd4j.randn(DataType.FLOAT, N, H, H, C);
        INDArray xGrad = x.ulike();
        INDArray y = x.ulike();

        INDArray weights = Nd4j.randn(DataType.FLOAT, C, C, 3, 3).muli(0.1);
        INDArray bias = Nd4j.zeros(DataType.FLOAT, C);
        INDArray weightGrad = weights.ulike();
        INDArray biasGrad = bias.ulike();
        int[] convArgs = {3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1};  // kernel, stride, padding, dilation; SAME; NHWC; OIHW
        Map<String, Runnable[]> ops = new LinkedHashMap<>();
        ops.put("conv3x3", new Runnable[] {
            () -> exec(op("conv2d", convArgs).addInputs(x, weights, bias).addOutputs(y)),
            () -> exec(op("conv2d_bp", convArgs).addInputs(x, weights, bias, gradOut)
                    .addOutputs(xGrad, weightGrad, biasGrad))});

        INDArray gamma = Nd4j.rand(DataType.FLOAT, C).addi(0.5);
        INDArray beta = Nd4j.rand(DataType.FLOAT, C);
        INDArray mean = Nd4j.createUninitialized(DataType.FLOAT, C);
        INDArray var = mean.ulike();
        INDArray[] statGrads = {mean.ulike(), mean.ulike(), mean.ulike(), mean.ulike()};
        ops.put("batchnorm_libnd4j", new Runnable[] {
            () -> {
                exec(op("moments", 0, 1, 2).addInputs(x).addOutputs(mean, var));
                exec(op("batchnorm", 1, 1, 3).addInputs(x, mean, var, gamma, beta).addOutputs(y)
                        .addFloatingPointArguments(EPS));
            },
            () -> exec(op("batchnorm_bp", 1, 1, 3).addInputs(x, mean, var, gamma, beta, gradOut)
                    .addOutputs(xGrad, statGrads[0], statGrads[1], statGrads[2], statGrads[3])
                    .addFloatingPointArguments(EPS))});

        LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.builder().defaultWorkspace(WORKSPACE, WORKSPACE_CONF).build();
        long[] shape = {1, C};
        // regzoo's BatchNorm passes: on oneDNN 2.5 (DirectBatchNorm), on the Vector API (VectorBatchNorm), and on
        // libnd4j's ops (the fallback without either)
        Map<String, FastBatchNormHelper> helpers = new LinkedHashMap<>();
        helpers.put("batchnorm_regzoo-onednn25", new FastBatchNormHelper(true, true));
        helpers.put("batchnorm_regzoo-vector", new FastBatchNormHelper(true, false));
        helpers.put("batchnorm_regzoo-libnd4j", new FastBatchNormHelper(false, false));
        for (Map.Entry<String, FastBatchNormHelper> entry : helpers.entrySet()) {
            FastBatchNormHelper helper = entry.getValue();
            ops.put(entry.getKey(), new Runnable[] {
                () -> helper.preOutput(x, true, shape, gamma, beta, mean, var, 0.9, EPS, CNN2DFormat.NHWC, workspaces),
                () -> helper.backpropGradient(x, gradOut, shape, gamma, beta, statGrads[0], statGrads[1], EPS,
                        CNN2DFormat.NHWC, workspaces)});
        }

        ops.put("relu_libnd4j", new Runnable[] {
            () -> exec(op("relu").addInputs(x).addOutputs(y).addFloatingPointArguments(0.0)),
            () -> exec(op("relu_bp").addInputs(x, gradOut).addOutputs(xGrad).addFloatingPointArguments(0.0))});
        ops.put("relu_regzoo", new Runnable[] {  // ReluLayer's passes
            () -> Nd4j.exec(new RectifiedLinear(x, y, 0.0)),
            () -> {
                Nd4j.exec(new Step(x, xGrad, 0.0));
                xGrad.muli(gradOut);
            }});

        INDArray pooled = Nd4j.createUninitialized(DataType.FLOAT, N, H / 2, H / 2, C);
        INDArray pooledGrad = Nd4j.randn(DataType.FLOAT, N, H / 2, H / 2, C);
        int[] poolArgs = {2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 1};  // kernel, stride, padding, dilation; VALID; NHWC
        ops.put("maxpool2x2", new Runnable[] {
            () -> exec(op("maxpool2d", poolArgs).addInputs(x).addOutputs(pooled)),
            () -> exec(op("maxpool2d_bp", poolArgs).addInputs(x, pooledGrad).addOutputs(xGrad))});

        for (Map.Entry<String, Runnable[]> entry : ops.entrySet()) {
            double forward = medianMillis(entry.getValue()[0]);
            double backward = medianMillis(entry.getValue()[1]);
            System.out.printf("{\"op\": \"%s\", \"framework\": \"dl4j\", \"shape\": \"%dx%dx%dx%d NHWC\", "
                    + "\"forward_ms\": %.3f, \"backward_ms\": %.3f, \"threads\": %d}%n", entry.getKey(), N, H, H, C,
                    forward, backward, Nd4j.getEnvironment().maxMasterThreads());
        }
    }

    private static DynamicCustomOp.DynamicCustomOpsBuilder op(String name, int... intArgs) {
        return DynamicCustomOp.builder(name).addIntegerArguments(intArgs);
    }

    private static void exec(DynamicCustomOp.DynamicCustomOpsBuilder op) {
        Nd4j.exec(op.build());
    }

    private static void inWorkspace(Runnable call) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE_CONF, WORKSPACE)) {
            call.run();
        }
    }

    /** Median wall time of {@link #REPEATS} calls after {@link #WARMUP} untimed ones, in milliseconds. */
    private static double medianMillis(Runnable call) {
        for (int i = 0; i < WARMUP; i++) {
            inWorkspace(call);
        }
        double[] millis = new double[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            long start = System.nanoTime();
            inWorkspace(call);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis[REPEATS / 2];
    }
}
