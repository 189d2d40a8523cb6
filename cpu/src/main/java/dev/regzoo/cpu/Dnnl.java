package dev.regzoo.cpu;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;

import java.util.Optional;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.primitive_desc_base;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.LoggerFactory;

/**
 * oneDNN 2.5 through JavaCPP's presets ({@code org.bytedeco:dnnl}), for the passes regzoo runs on it directly: its CPU
 * engine, when the natives load on this platform, and the plumbing between ND4J's arrays and oneDNN's memory objects.
 * It shares libnd4j's OpenMP runtime (one {@code libgomp}), so its passes run on the same two threads.
 */
final class Dnnl {

    private static final Optional<engine> ENGINE = cpuEngine();

    private Dnnl() {
    }

    /** oneDNN's CPU engine, or empty where its natives do not load here (another platform, no natives jar). */
    static Optional<engine> engine() {
        return ENGINE;
    }

    /** Whether {@code a} is single precision, c-ordered, with its elements next to each other. */
    static boolean denseFloat(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.ordering() == 'c' && a.elementWiseStride() == 1;
    }

    /** Whether {@code a} is a single-precision vector (any shape with one non-unit dimension) of adjacent values. */
    static boolean denseVector(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.isVectorOrScalar()
                && (a.length() == 1 || a.elementWiseStride() == 1);
    }

    /** A single-precision channels-last ({@code nhwc}) descriptor of logical sizes {@code n, c, h, w}. */
    static memory.desc channelsLast(long n, long c, long h, long w) {
        return new memory.desc(new long[] {n, c, h, w}, memory.data_type.f32, memory.format_tag.nhwc);
    }

    /** A single-precision vector descriptor of {@code length} values. */
    static memory.desc vector(long length) {
        return new memory.desc(new long[] {length}, memory.data_type.f32, memory.format_tag.x);
    }

    /** A memory object of {@code desc} whose buffer is set at each call ({@link #bind}). */
    static memory unbound(memory.desc desc, engine eng) {
        return new memory(desc, eng, (Pointer) null);
    }

    /** Points {@code m} at {@code a}'s first element. */
    static void bind(memory m, INDArray a) {
        Pointer data = a.data().addressPointer();
        m.set_data_handle(new BytePointer(data).position(data.position() * data.sizeof()));
    }

    /** Whether oneDNN has only its slow reference kernels for {@code pd}. */
    static boolean isReference(primitive_desc_base pd) {
        return pd.impl_info_str().getString().startsWith("ref");
    }

    /**
     * A primitive's argument in the layout its kernels want, bound to a user buffer in another layout when need be:
     * {@code memory} is the user's memory itself where the layouts agree, else a buffer of its own with the
     * {@code reorder} between the two.
     */
    record Staged(memory memory, Optional<Reorder> reorder) {

        /** An input: {@code user}'s values, reordered into {@code wanted} where that layout differs. */
        static Staged in(memory user, memory.desc wanted, engine eng) {
            if (wanted.equals(user.get_desc())) {
                return new Staged(user, Optional.empty());
            }
            memory staged = new memory(wanted, eng);
            return new Staged(staged, Optional.of(Reorder.between(user, staged)));
        }

        /** An output: written in {@code wanted}, reordered into {@code user} where that layout differs. */
        static Staged out(memory.desc wanted, memory user, engine eng) {
            if (wanted.equals(user.get_desc())) {
                return new Staged(user, Optional.empty());
            }
            memory staged = new memory(wanted, eng);
            return new Staged(staged, Optional.of(Reorder.between(staged, user)));
        }

        /** Runs the reorder, if any. */
        void reorder(stream stream) {
            reorder.ifPresent(r -> r.primitive().execute(stream, r.args()));
        }
    }

    /** A reorder between two memory objects (a layout change), with its arguments. */
    private record Reorder(primitive primitive, IntMemoryMap args) {

        static Reorder between(memory from, memory to) {
            IntMemoryMap args = new IntMemoryMap();
            args.put(DNNL_ARG_FROM, from);
            args.put(DNNL_ARG_TO, to);
            return new Reorder(new reorder(from, to), args);
        }
    }

    private static Optional<engine> cpuEngine() {
        try {
            Loader.load(org.bytedeco.dnnl.global.dnnl.class);
            return Optional.of(new engine(org.bytedeco.dnnl.engine.kind.cpu, 0));
        } catch (Throwable e) { // natives missing for this platform, or another JavaCPP version: keep libnd4j's path
            LoggerFactory.getLogger(Dnnl.class).info("oneDNN 2.5 (org.bytedeco:dnnl) not available here, "
                    + "convolutions and BatchNorm keep libnd4j's and regzoo's other passes: {}", e.toString());
            return Optional.empty();
        }
    }
}
