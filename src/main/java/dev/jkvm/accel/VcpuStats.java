package dev.jkvm.accel;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Exits of one vCPU by reason, and apart from them the events KVM handles without leaving the kernel that the
 * software CPU sees itself (HLT with KVM's in-kernel irqchip). Written by the vCPU thread, read by anyone.
 */
public final class VcpuStats {
    private final AtomicLongArray exits = new AtomicLongArray(ExitReason.values().length);
    private final AtomicLongArray inKernel = new AtomicLongArray(ExitReason.values().length);

    public void count(ExitReason reason) {
        exits.incrementAndGet(reason.ordinal());
    }

    public void count(ExitReason reason, long n) {
        exits.addAndGet(reason.ordinal(), n);
    }

    /** An event KVM would handle in the kernel: not an exit to user space. */
    public void countInKernel(ExitReason reason) {
        inKernel.incrementAndGet(reason.ordinal());
    }

    public long get(ExitReason reason) {
        return exits.get(reason.ordinal());
    }

    public long total() {
        long sum = 0;
        for (int i = 0; i < exits.length(); i++) sum += exits.get(i);
        return sum;
    }

    /** The exits by reason, leaving out reasons never seen. */
    public Map<ExitReason, Long> snapshot() {
        return nonZero(exits);
    }

    /** The in-kernel events by reason, leaving out reasons never seen. */
    public Map<ExitReason, Long> inKernelSnapshot() {
        return nonZero(inKernel);
    }

    private static Map<ExitReason, Long> nonZero(AtomicLongArray counts) {
        Map<ExitReason, Long> out = new EnumMap<>(ExitReason.class);
        for (ExitReason r : ExitReason.values()) {
            long n = counts.get(r.ordinal());
            if (n != 0) out.put(r, n);
        }
        return out;
    }
}
