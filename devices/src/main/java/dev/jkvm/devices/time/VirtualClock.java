package dev.jkvm.devices.time;

/**
 * Deterministic time for the software CPU: it moves only when the CPU retires instructions or
 * skips an idle HLT to the next deadline. The same boot then produces the same device events.
 */
public final class VirtualClock implements Clock {
    private final TimerQueue timers = new TimerQueue();
    private volatile long now;

    @Override
    public long nanos() {
        return now;
    }

    @Override
    public DeviceTimer newTimer(String name, Runnable onExpiry) {
        return timers.newTimer(name, onExpiry);
    }

    /** Moves time forward (never back) and runs the timers that became due. */
    public int advanceTo(long nanos) {
        synchronized (this) {
            if (nanos > now) now = nanos;
        }
        return timers.runExpired(now);
    }

    public int advanceBy(long nanos) {
        return advanceTo(now + nanos);
    }

    /** The next timer deadline, or Long.MAX_VALUE. An idle CPU jumps straight to it. */
    public long nextDeadline() {
        return timers.nextDeadline();
    }
}
