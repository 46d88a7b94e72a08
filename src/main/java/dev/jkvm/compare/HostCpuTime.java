package dev.jkvm.compare;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.OptionalLong;

/**
 * CPU time (user + system) of this process's terminated and reaped children, from getrusage(RUSAGE_CHILDREN):
 * the difference around one child's run is that child's whole CPU time, including its last moments, which
 * {@code ProcessHandle.Info.totalCpuDuration()} cannot see once the process is gone. Children must run one at a
 * time for the difference to be one child's.
 */
public final class HostCpuTime {
    private static final int RUSAGE_CHILDREN = -1;
    /** struct rusage on x86-64 Linux: two struct timeval, then fourteen longs. */
    private static final long RUSAGE_SIZE = 144;
    private static final MethodHandle GETRUSAGE = lookup();

    private HostCpuTime() {}

    private static MethodHandle lookup() {
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("getrusage")
                    .map(addr -> linker.downcallHandle(addr, FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS)))
                    .orElse(null);
        } catch (RuntimeException | LinkageError e) {
            return null; // native access disabled: fall back to sampling the child
        }
    }

    /** Nanoseconds of CPU used by reaped children so far, or empty when getrusage is unavailable. */
    public static OptionalLong children() {
        if (GETRUSAGE == null) return OptionalLong.empty();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment usage = arena.allocate(RUSAGE_SIZE, 8);
            int rc = (int) GETRUSAGE.invokeExact(RUSAGE_CHILDREN, usage);
            if (rc != 0) return OptionalLong.empty();
            long user = usage.get(ValueLayout.JAVA_LONG, 0) * 1_000_000_000L + usage.get(ValueLayout.JAVA_LONG, 8) * 1000L;
            long sys = usage.get(ValueLayout.JAVA_LONG, 16) * 1_000_000_000L + usage.get(ValueLayout.JAVA_LONG, 24) * 1000L;
            return OptionalLong.of(user + sys);
        } catch (Throwable t) {
            return OptionalLong.empty();
        }
    }
}
