package dev.jkvm.accel;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** Exits of one vCPU by reason. Written by the vCPU thread, read by anyone. */
public final class VcpuStats {
    private final AtomicLongArray exits = new AtomicLongArray(ExitReason.values().length);

    public void count(ExitReason reason) {
        exits.incrementAndGet(reason.ordinal());
    }

    public void count(ExitReason reason, long n) {
        exits.addAndGet(reason.ordinal(), n);
    }

    public long get(ExitReason reason) {
        return exits.get(reason.ordinal());
    }

    public long total() {
        long sum = 0;
        for (int i = 0; i < exits.length(); i++) sum += exits.get(i);
        return sum;
    }

    public Map<ExitReason, Long> snapshot() {
        Map<ExitReason, Long> out = new EnumMap<>(ExitReason.class);
        for (ExitReason r : ExitReason.values()) {
            long n = get(r);
            if (n != 0) out.put(r, n);
        }
        return out;
    }
}
