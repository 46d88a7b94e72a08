package dev.jkvm.accel.kvm;

import dev.jkvm.kvm.CoalescedMmioRing;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Replays KVM's coalesced-MMIO ring to the devices: every buffered write, oldest first, exactly once. vCPU
 * threads drain before they handle an MMIO or port I/O exit (so a device sees a buffered write before any
 * later access from the guest); a device thread drains before it reads the device's state. One drain at a
 * time: a second thread waits until the first is done, so no write is replayed out of order; a drain
 * started from inside a replayed write (a device reacting on the same thread) is skipped, as the outer one
 * is still replaying.
 */
final class CoalescedMmioDrain {
    /** The ring, as {@link CoalescedMmioRing#drain} sees it. */
    @FunctionalInterface
    interface Ring {
        int drain(Consumer<CoalescedMmioRing.Write> sink);
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Consumer<CoalescedMmioRing.Write> target;
    private volatile Ring ring;
    private volatile boolean active;
    private long replayed;

    CoalescedMmioDrain(Consumer<CoalescedMmioRing.Write> target) {
        this.target = target;
    }

    /** The ring to drain: the page every vCPU maps; nothing happens until it is set. */
    void attach(Ring ring) {
        this.ring = ring;
    }

    /** Whether any zone is registered; without one KVM buffers nothing and a drain is not worth the lock. */
    void setActive(boolean active) {
        this.active = active;
    }

    /** Replays what the ring holds; returns how many writes this call replayed. */
    int drain() {
        Ring r = ring;
        if (r == null || !active || lock.isHeldByCurrentThread()) return 0;
        lock.lock();
        try {
            int n = r.drain(target);
            replayed += n;
            return n;
        } finally {
            lock.unlock();
        }
    }

    long replayed() {
        lock.lock();
        try {
            return replayed;
        } finally {
            lock.unlock();
        }
    }
}
