package dev.regzoo.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.nd4j.linalg.factory.Nd4j;

/** The process's memory as the benchmark reports it: Java heap, ND4J's off-heap allocations and resident set. */
final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private ProcessMemory() {
    }

    /** Starts new peaks: the heap pools' peak usage and, on Linux, the peak resident set size (VmHWM). */
    static void resetPeaks() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
        try {
            Files.writeString(CLEAR_REFS, "5"); // proc(5): "5" resets VmHWM to the current RSS (Linux >= 4.0)
        } catch (IOException e) {
            // not Linux: the peak RSS then covers the whole process
        }
    }

    /** The sum of the heap pools' peak usage since {@link #resetPeaks()}. */
    static long peakHeapBytes() {
        return heapPools().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** Off-heap memory ND4J has allocated now (workspaces and arrays outside them). */
    static long offHeapBytes() {
        return Nd4j.getMemoryManager().allocatedMemory(Nd4j.getAffinityManager().getDeviceForCurrentThread());
    }

    /** The peak resident set size (VmHWM of {@code /proc/self/status}), or empty where there is none. */
    static OptionalLong peakRssBytes() {
        try (var lines = Files.lines(STATUS)) {
            return lines.filter(l -> l.startsWith("VmHWM:"))
                    .mapToLong(l -> 1024 * Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private static Stream<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP);
    }
}
