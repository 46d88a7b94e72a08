package dev.jkvm.devices.apic;

import dev.jkvm.devices.time.DeviceTimer;

/**
 * The LAPIC timer's counter. It counts down from the initial count once per {@link #BUS_CYCLE_NANOS}
 * times the divide value, stopping at zero (one-shot) or reloading (periodic). The count is
 * computed from the clock when read; the device timer fires only at expiries, on a grid fixed by
 * the start time so periodic interrupts do not drift. Not thread-safe: {@link LocalApic} guards it.
 */
final class ApicTimer {
    /** A 1 GHz bus clock. Linux calibrates the timer against the PIT, so any rate works. */
    static final long BUS_CYCLE_NANOS = 1;
    /** Periodic expiries closer together than this merge, so a tiny count cannot flood the host. */
    static final long MIN_PERIODIC_INTERVAL_NANOS = 50_000;

    private static final int DIVIDE_WRITABLE = 0b1011;

    private final DeviceTimer deviceTimer;
    private long initialCount;
    private int divideConfiguration;
    private boolean periodic;
    /** Counting is described from a tick boundary: ticksAtBase ticks had elapsed at baseNanos. */
    private long baseNanos;
    private long ticksAtBase;
    private long deadlineNanos = -1;

    ApicTimer(DeviceTimer deviceTimer) {
        this.deviceTimer = deviceTimer;
    }

    /** Writing the initial count restarts counting from it; zero stops the timer. */
    void start(int count, long now) {
        initialCount = Integer.toUnsignedLong(count);
        baseNanos = now;
        ticksAtBase = 0;
        schedule(now);
    }

    int initialCount() {
        return (int) initialCount;
    }

    int divideConfiguration() {
        return divideConfiguration;
    }

    /** A new divide value applies from the last whole tick; the count so far is kept. */
    void setDivideConfiguration(int value, long now) {
        long ticks = (now - baseNanos) / tickNanos();
        ticksAtBase += ticks;
        baseNanos += ticks * tickNanos();
        divideConfiguration = value & DIVIDE_WRITABLE;
        schedule(now);
    }

    void setPeriodic(boolean periodic, long now) {
        if (this.periodic == periodic) return;
        this.periodic = periodic;
        schedule(now);
    }

    int currentCount(long now) {
        if (initialCount == 0) return 0;
        long elapsed = elapsedTicks(now);
        if (periodic) return (int) (initialCount - elapsed % initialCount);
        return (int) Math.max(0, initialCount - elapsed);
    }

    /**
     * Called when the device timer fires: whether the count really reached zero (a callback for a
     * deadline that reprogramming moved is not an expiry). A periodic timer re-arms itself.
     */
    boolean expire(long now) {
        if (deadlineNanos < 0) return false;
        if (now < deadlineNanos) {
            deviceTimer.armAt(deadlineNanos);
            return false;
        }
        schedule(now + MIN_PERIODIC_INTERVAL_NANOS - 1);
        return true;
    }

    /** The power-up state: stopped, divide by 2, one-shot. */
    void reset() {
        initialCount = 0;
        divideConfiguration = 0;
        periodic = false;
        ticksAtBase = 0;
        disarm();
    }

    /** Arms the device timer for the first expiry after the given time, if the timer will expire. */
    private void schedule(long after) {
        long elapsed = elapsedTicks(after);
        if (initialCount == 0 || (!periodic && elapsed >= initialCount)) {
            disarm();
            return;
        }
        long expiryTick = periodic ? (elapsed / initialCount + 1) * initialCount : initialCount;
        deadlineNanos = baseNanos + (expiryTick - ticksAtBase) * tickNanos();
        deviceTimer.armAt(deadlineNanos);
    }

    private void disarm() {
        deadlineNanos = -1;
        deviceTimer.cancel();
    }

    private long elapsedTicks(long now) {
        return ticksAtBase + (now - baseNanos) / tickNanos();
    }

    /** Divide configuration bits 3,1:0 encode 2, 4, 8, ..., 128, then 1 for 0b111. */
    private long tickNanos() {
        int encoded = ((divideConfiguration & 0b1000) >>> 1) | (divideConfiguration & 0b11);
        return BUS_CYCLE_NANOS << ((encoded + 1) & 7);
    }
}
