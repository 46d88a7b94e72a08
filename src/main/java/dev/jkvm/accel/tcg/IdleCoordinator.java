package dev.jkvm.accel.tcg;

import dev.jkvm.devices.time.VirtualClock;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Halted vCPUs wait here. When every vCPU is idle, virtual time jumps to the next timer deadline:
 * idle time costs nothing. Nothing is called out while the monitor is held, so device locks and
 * this monitor never nest the wrong way.
 */
final class IdleCoordinator {
    /** With nothing scheduled, the guest waits for the host (console input): poll at this pace. */
    private static final long HOST_WAIT_MS = 20;

    private final VirtualClock clock;
    private final int cpus;
    private final AtomicInteger idle = new AtomicInteger();
    private final Object monitor = new Object();
    private long wakeups;

    IdleCoordinator(VirtualClock clock, int cpus) {
        this.clock = clock;
        this.cpus = cpus;
    }

    /** Blocks until hasWork is true. */
    void awaitWork(BooleanSupplier hasWork) throws InterruptedException {
        idle.incrementAndGet();
        try {
            while (true) {
                long seen;
                synchronized (monitor) {
                    seen = wakeups;
                }
                if (hasWork.getAsBoolean()) return;
                if (idle.get() == cpus) {
                    long next = clock.nextDeadline();
                    if (next != Long.MAX_VALUE) {
                        clock.advanceTo(next);
                        continue;
                    }
                }
                synchronized (monitor) {
                    if (wakeups == seen) monitor.wait(HOST_WAIT_MS);
                }
            }
        } finally {
            idle.decrementAndGet();
        }
    }

    /** Something happened that may give a halted vCPU work. */
    void wake() {
        synchronized (monitor) {
            wakeups++;
            monitor.notifyAll();
        }
    }
}
