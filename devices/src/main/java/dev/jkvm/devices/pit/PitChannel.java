package dev.jkvm.devices.pit;

/**
 * One 8254 counter, computed from clock time on demand rather than ticked. Counts are binary: the
 * BCD bit is kept for the status byte but a BCD count is counted as if it were binary. A count takes
 * effect at the write rather than on the next CLK edge. Not thread-safe: {@link I8254} locks.
 */
final class PitChannel {
    static final long FREQUENCY_HZ = 1_193_182;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private static final int ACCESS_LSB = 1, ACCESS_MSB = 2, ACCESS_LSB_MSB = 3;

    private int modeBits;
    private int access = ACCESS_LSB_MSB;
    private boolean bcd;
    private int countRegister;
    private boolean writeMsbNext;
    private boolean readMsbNext;
    private boolean countLatched;
    private int latchedCount;
    private boolean statusLatched;
    private int latchedStatus;
    private boolean nullCount = true;
    private boolean gate;

    /** The counter element holds a count; before that, reads see {@link #idleValue}. */
    private boolean loaded;
    private int idleValue;
    /** Modes 1 and 5: a count is written and waits for a gate rising edge. */
    private boolean awaitingTrigger;
    /** The count this counting sequence started from, 1..65536. */
    private long initial;
    /** Elapsed ticks are baseTicks plus, while running, the ticks since baseNanos. */
    private long baseTicks;
    private long baseNanos;
    private boolean running;
    /** Modes 2 and 3: the elapsed tick at which a count written while counting takes over, or -1. */
    private long reloadAt = -1;

    PitChannel(boolean gate) {
        this.gate = gate;
    }

    static long ticksIn(long nanos) {
        return nanos / NANOS_PER_SECOND * FREQUENCY_HZ + nanos % NANOS_PER_SECOND * FREQUENCY_HZ / NANOS_PER_SECOND;
    }

    /** The shortest time holding the given number of ticks. */
    static long nanosFor(long ticks) {
        return ticks / FREQUENCY_HZ * NANOS_PER_SECOND
                + Math.ceilDiv(ticks % FREQUENCY_HZ * NANOS_PER_SECOND, FREQUENCY_HZ);
    }

    /** Modes 6 and 7 are aliases of 2 and 3. */
    int mode() {
        return modeBits > 5 ? modeBits - 4 : modeBits;
    }

    void control(int accessBits, int mode, boolean bcdCount, long now) {
        idleValue = value(now);
        modeBits = mode;
        access = accessBits;
        bcd = bcdCount;
        loaded = false;
        awaitingTrigger = false;
        running = false;
        reloadAt = -1;
        writeMsbNext = false;
        readMsbNext = false;
        countLatched = false;
        statusLatched = false;
        nullCount = true;
    }

    void latchCount(long now) {
        if (countLatched) return;
        latchedCount = value(now);
        countLatched = true;
    }

    void latchStatus(long now) {
        if (statusLatched) return;
        latchedStatus = status(now);
        statusLatched = true;
    }

    int read(long now) {
        if (statusLatched) {
            statusLatched = false;
            return latchedStatus;
        }
        int count = countLatched ? latchedCount : value(now);
        int result = switch (access) {
            case ACCESS_LSB -> count & 0xff;
            case ACCESS_MSB -> count >>> 8;
            default -> readMsbNext ? count >>> 8 : count & 0xff;
        };
        boolean sequenceDone = access != ACCESS_LSB_MSB || readMsbNext;
        if (access == ACCESS_LSB_MSB) readMsbNext = !readMsbNext;
        if (sequenceDone) countLatched = false;
        return result;
    }

    void write(int value, long now) {
        switch (access) {
            case ACCESS_LSB -> countRegister = value;
            case ACCESS_MSB -> countRegister = value << 8;
            default -> {
                if (!writeMsbNext) {
                    countRegister = (countRegister & 0xff00) | value;
                    writeMsbNext = true;
                    // Mode 0: the first byte of a two-byte count stops counting and drops OUT.
                    if (mode() == 0) stop(now);
                    return;
                }
                countRegister = (countRegister & 0x00ff) | (value << 8);
                writeMsbNext = false;
            }
        }
        load(now);
    }

    private void stop(long now) {
        idleValue = value(now);
        loaded = false;
        running = false;
    }

    private void load(long now) {
        nullCount = true;
        switch (mode()) {
            case 1, 5 -> awaitingTrigger = true;
            case 2, 3 -> {
                if (loaded && running) {
                    settle(now);
                    long e = elapsed(now);
                    reloadAt = (e / initial + 1) * initial;
                } else {
                    start(now);
                }
            }
            default -> start(now);
        }
    }

    private void start(long now) {
        initial = countRegister == 0 ? 0x10000 : countRegister;
        loaded = true;
        reloadAt = -1;
        baseTicks = 0;
        baseNanos = now;
        running = gate;
    }

    void setGate(boolean level, long now) {
        if (level == gate) return;
        settle(now);
        gate = level;
        switch (mode()) {
            case 0, 4 -> {
                if (!loaded) return;
                if (level) resume(now);
                else pause(now);
            }
            case 2, 3 -> {
                if (!level) pause(now);
                else if (loaded) start(now);
            }
            default -> {
                if (level && (awaitingTrigger || loaded)) {
                    awaitingTrigger = false;
                    start(now);
                }
            }
        }
    }

    private void pause(long now) {
        baseTicks = elapsed(now);
        running = false;
    }

    private void resume(long now) {
        baseNanos = now;
        running = true;
    }

    long elapsed(long now) {
        return running ? baseTicks + ticksIn(now - baseNanos) : baseTicks;
    }

    /** Applies a pending mode 2/3 reload whose period boundary has passed. */
    private void settle(long now) {
        if (reloadAt >= 0 && elapsed(now) >= reloadAt) {
            // Count from the boundary, in ticks, so the new sequence keeps the old one's time base exactly.
            baseTicks -= reloadAt;
            initial = countRegister == 0 ? 0x10000 : countRegister;
            reloadAt = -1;
        }
        if (nullCount && loaded && !awaitingTrigger && reloadAt < 0 && elapsed(now) >= 1) nullCount = false;
    }

    int value(long now) {
        settle(now);
        if (!loaded) return idleValue;
        long e = elapsed(now);
        long count = switch (mode()) {
            case 2 -> initial - e % initial;
            case 3 -> initial - 2 * e % initial;
            default -> initial - e;
        };
        return (int) (count & 0xffff);
    }

    boolean output(long now) {
        settle(now);
        long e = elapsed(now);
        return switch (mode()) {
            case 0 -> loaded && e >= initial;
            case 1 -> !loaded || e >= initial;
            case 2 -> !gate || !loaded || initial == 1 || e % initial != initial - 1;
            case 3 -> !gate || !loaded || e % initial < (initial + 1) / 2;
            default -> !loaded || e != initial;
        };
    }

    int status(long now) {
        boolean out = output(now);
        return (out ? 0x80 : 0) | (nullCount ? 0x40 : 0) | access << 4 | modeBits << 1 | (bcd ? 1 : 0);
    }

    /**
     * The elapsed tick of the next event IRQ0 signals: the rising edge of OUT in modes 0-3, the strobe
     * in modes 4 and 5. -1 if none is coming.
     */
    long nextIrqEvent(long now) {
        settle(now);
        if (!loaded || !running) return -1;
        long e = elapsed(now);
        return switch (mode()) {
            case 2, 3 -> reloadAt >= 0 ? reloadAt : (e / initial + 1) * initial;
            default -> e < initial ? initial : -1;
        };
    }

    /** The clock time at which the current sequence reaches the given elapsed tick. */
    long nanosAt(long elapsedTicks) {
        return baseNanos + nanosFor(elapsedTicks - baseTicks);
    }
}
