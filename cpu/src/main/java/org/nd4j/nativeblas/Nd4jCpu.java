package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * Compatibility shim, written by hand because nothing upstream provides it: DL4J 1.0.0-M2.1's
 * {@code BaseMKLDNNHelper.mklDnnEnabled()} looks up {@code org.nd4j.nativeblas.Nd4jCpu$Environment.isUseMKLDNN()}, a
 * class that ND4J M2.x moved to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} (method
 * {@code isUseONEDNN()}). Without this class the check fails and DL4J's oneDNN layer helpers never run. This class only
 * forwards to the moved one; it is not part of regzoo's API. See {@code dev.regzoo.cpu.NativeHelpers}.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    /** Forwards the one query DL4J makes to the moved ND4J environment class. */
    public static final class Environment {

        private static final String MOVED = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether libnd4j was built with oneDNN and uses it; false when the CPU backend is not loaded. */
        public boolean isUseMKLDNN() {
            try {
                Class<?> moved = Class.forName(MOVED);
                Object environment = moved.getMethod("getInstance").invoke(null);
                Method useOneDnn = moved.getMethod("isUseONEDNN");
                return (Boolean) useOneDnn.invoke(environment);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false;
            }
        }
    }
}
