package dev.jkvm.devices.e1000;

import dev.jkvm.devices.time.Clock;
import dev.jkvm.devices.time.DeviceTimer;

import java.util.function.Consumer;

/**
 * The interrupt causes (ICR), their mask (IMS) and the INTx output, moderated by ITR.
 *
 * <p>The output is asserted while a cause is pending under the mask, except that with ITR non-zero
 * it does not rise again sooner than ITR x 256 ns after it last rose; a timer raises it at the end
 * of that interval if a cause is still pending. Reading ICR clears every cause (the 82540 has no
 * auto-mask), which drops the output. Callers hold the device lock, which the timer also takes.
 */
final class Interrupts {
    static final int TXDW = 1 << 0, TXQE = 1 << 1, LSC = 1 << 2, RXSEQ = 1 << 3, RXDMT0 = 1 << 4, RXO = 1 << 6,
            RXT0 = 1 << 7, MDAC = 1 << 9, RXCFG = 1 << 10, GPI_SDP6 = 1 << 13, GPI_SDP7 = 1 << 14, TXD_LOW = 1 << 15,
            SRPD = 1 << 16;
    private static final int DEFINED = TXDW | TXQE | LSC | RXSEQ | RXDMT0 | RXO | RXT0 | MDAC | RXCFG | GPI_SDP6
            | GPI_SDP7 | TXD_LOW | SRPD;
    static final long ITR_UNIT_NANOS = 256;
    private static final int ITR_MASK = 0xffff;

    private final Clock clock;
    private final DeviceTimer throttle;
    private final Consumer<Boolean> output;
    private int causes;
    private int mask;
    private int itr;
    private boolean asserted;
    private long lastRise = Long.MIN_VALUE / 2;

    /** @param onThrottleExpiry runs from the clock's timer thread; it must take the device lock and call {@link #update} */
    Interrupts(Clock clock, Consumer<Boolean> output, Runnable onThrottleExpiry) {
        this.clock = clock;
        this.output = output;
        this.throttle = clock.newTimer("e1000-itr", onThrottleExpiry);
    }

    void raise(int cause) {
        causes |= cause & DEFINED;
        update();
    }

    int readCauses() {
        int value = causes;
        causes = 0;
        update();
        return value;
    }

    /** Writing ICR clears the causes written as one. */
    void clearCauses(int bits) {
        causes &= ~bits;
        update();
    }

    int mask() {
        return mask;
    }

    void setMask(int bits) {
        mask |= bits & DEFINED;
        update();
    }

    void clearMask(int bits) {
        mask &= ~bits;
        update();
    }

    int itr() {
        return itr;
    }

    void setItr(int value) {
        itr = value & ITR_MASK;
        update();
    }

    void reset() {
        causes = 0;
        mask = 0;
        itr = 0;
        throttle.cancel();
        lastRise = Long.MIN_VALUE / 2;
        update();
    }

    /** Brings the output in line with the pending causes and the throttle interval. */
    void update() {
        boolean pending = (causes & mask) != 0;
        if (!pending) {
            throttle.cancel();
            drive(false);
            return;
        }
        if (asserted) return;
        long now = clock.nanos();
        long earliest = lastRise + itr * ITR_UNIT_NANOS;
        if (now >= earliest) {
            lastRise = now;
            drive(true);
        } else if (!throttle.armed()) {
            throttle.armAt(earliest);
        }
    }

    private void drive(boolean level) {
        if (level == asserted) return;
        asserted = level;
        output.accept(level);
    }
}
