package dev.regzoo.cpu;

import java.util.concurrent.atomic.AtomicBoolean;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.LoggerFactory;

/**
 * Switches DL4J's own oneDNN layer helpers back on for the CPU backend: stock convolution, BatchNorm and pooling
 * layers then hand their work to libnd4j's oneDNN ops instead of Java-side im2col + gemm (about 5× faster training and
 * 13–17× faster inference in a probe). Models stay plain DL4J layers; saved models do not depend on it.
 *
 * <p>DL4J 1.0.0-M2.1 leaves the helpers off in two ways: the system property
 * {@value #HELPERS_DISABLE_PROPERTY} defaults to {@code true}, and its oneDNN check looks for a class that moved (the
 * shim {@code org.nd4j.nativeblas.Nd4jCpu} answers for it). The oneDNN build of libnd4j comes from the
 * {@code nd4j-native} jar with the {@code -onednn} classifier, which regzoo's build adds.
 *
 * <p>regzoo calls {@link #enable()} before it creates any network. A user who sets {@value #HELPERS_DISABLE_PROPERTY}
 * explicitly keeps that choice ({@code -Dorg.eclipse.deeplearning4j.helpers.disable=true} turns the helpers off).
 */
public final class NativeHelpers {

    /** DL4J's switch for its layer helpers, read when each layer is created. */
    public static final String HELPERS_DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

    /** Set to {@code false} to keep DL4J's own oneDNN BatchNorm backward (for comparison benchmarks). */
    public static final String FAST_BATCH_NORM_PROPERTY = "regzoo.fastBatchNorm";

    /**
     * Set to {@code false} to keep regzoo's BatchNorm on libnd4j's ops where the JVM has the Vector API (for
     * comparison benchmarks); without {@code --add-modules jdk.incubator.vector} it always is.
     */
    public static final String VECTOR_BATCH_NORM_PROPERTY = "regzoo.vectorBatchNorm";

    /**
     * Set to {@code false} to keep channels-last convolutions on libnd4j's passes (a Winograd backward pass on AVX-512
     * CPUs) instead of oneDNN 2.5's (for comparison benchmarks).
     */
    public static final String DIRECT_CONVOLUTION_PROPERTY = "regzoo.directConvolution";

    /**
     * Set to {@code false} to keep channels-last BatchNorm in training on regzoo's Java passes instead of oneDNN
     * 2.5's (for comparison benchmarks).
     */
    public static final String DIRECT_BATCH_NORM_PROPERTY = "regzoo.directBatchNorm";

    private NativeHelpers() {
    }

    private static final AtomicBoolean VECTOR_API_MISSING_NOTED = new AtomicBoolean();

    /**
     * Gives the layers of a created or loaded network regzoo's faster passes (same results): the BatchNorm layers
     * {@code FastBatchNormHelper}'s, unless {@value #FAST_BATCH_NORM_PROPERTY} is {@code false} (channels-last ones on
     * oneDNN 2.5 in training, unless {@value #DIRECT_BATCH_NORM_PROPERTY} is {@code false}), and the channels-last
     * convolutions {@code DirectConvolutionHelper}'s oneDNN 2.5 passes, unless {@value #DIRECT_CONVOLUTION_PROPERTY} is
     * {@code false}. The fastest BatchNorm passes need the JVM option {@code --add-modules=jdk.incubator.vector}
     * (logged once when missing). The zoo's {@code init()} and regzoo's loaders call it; call it on networks you build
     * or load yourself. Nothing is saved with the model.
     *
     * @return {@code model}
     */
    public static <T extends Model> T attach(T model) {
        if (Boolean.parseBoolean(System.getProperty(DIRECT_CONVOLUTION_PROPERTY, "true"))) {
            DirectConvolutionHelper.install(model);
        }
        if (Boolean.parseBoolean(System.getProperty(FAST_BATCH_NORM_PROPERTY, "true"))) {
            boolean vectorized = Boolean.parseBoolean(System.getProperty(VECTOR_BATCH_NORM_PROPERTY, "true"));
            if (vectorized && !VectorBatchNorm.available() && VECTOR_API_MISSING_NOTED.compareAndSet(false, true)) {
                LoggerFactory.getLogger(NativeHelpers.class).info("BatchNorm layers run on libnd4j's slower ops: "
                        + "start the JVM with --add-modules=jdk.incubator.vector for regzoo's faster passes");
            }
            FastBatchNormHelper.install(model, vectorized,
                    Boolean.parseBoolean(System.getProperty(DIRECT_BATCH_NORM_PROPERTY, "true")));
        }
        return model;
    }

    /** Turns the helpers on for the CPU backend, unless the user set {@value #HELPERS_DISABLE_PROPERTY}. */
    public static synchronized void enable() {
        if (System.getProperty(HELPERS_DISABLE_PROPERTY) == null && isCpuBackend()) {
            System.setProperty(HELPERS_DISABLE_PROPERTY, "false");
        }
    }

    /** Whether layers created now get oneDNN helpers: helpers allowed and libnd4j built with oneDNN. */
    public static boolean oneDnnActive() {
        return !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE_PROPERTY, "true"))
                && org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled();
    }

    private static boolean isCpuBackend() {
        return "CPU".equalsIgnoreCase(Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"));
    }
}
