package dev.jkvm.devices.pit;

import dev.jkvm.devices.bus.ByteWideDevice;
import dev.jkvm.devices.irq.IrqLine;
import dev.jkvm.devices.time.Clock;
import dev.jkvm.devices.time.DeviceTimer;

import java.util.Objects;

/**
 * The PC's 8254 interval timer at ports 0x40-0x43, clocked at 1.193182 MHz. Counters are computed
 * from {@link Clock#nanos()} when read; a timer wakes the device only for channel 0's IRQ0 events.
 * Channels 0 and 1 have their gates tied high; channel 2's gate and output are wired to port 0x61
 * ({@link SystemControlPortB}). BCD counting is not implemented: the BCD bit is reported in the
 * read-back status but counts are binary.
 *
 * <p>IRQ0 follows OUT0 as a level in modes 0 and 1 and is pulsed at each rising edge of OUT0 in
 * modes 2 and 3 (and at the strobe in modes 4 and 5), which is what an edge-triggered PIC or IOAPIC
 * input sees. Edges closer together than {@link #MIN_IRQ_INTERVAL_NANOS} are merged into one pulse,
 * so a tiny reload value cannot flood the host with timer callbacks; the counts stay exact.
 */
public final class I8254 implements ByteWideDevice {
    public static final long MIN_IRQ_INTERVAL_NANOS = 50_000;

    private static final int CONTROL_WORD = 3;
    private static final int SELECT_READ_BACK = 3, ACCESS_LATCH = 0;
    private static final int READ_BACK_NO_COUNT = 0x20, READ_BACK_NO_STATUS = 0x10;

    private final Clock clock;
    private final IrqLine irq0;
    private final DeviceTimer timer;
    private final PitChannel[] channels = {new PitChannel(true), new PitChannel(true), new PitChannel(false)};
    private long irqDeadline = -1;
    private boolean irqHigh;

    public I8254(Clock clock, IrqLine irq0) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.irq0 = Objects.requireNonNull(irq0, "irq0");
        this.timer = clock.newTimer("pit-irq0", this::onTimer);
    }

    @Override
    public synchronized int readByte(int offset) {
        if (offset < CONTROL_WORD) return channels[offset].read(clock.nanos());
        return 0xff; // the control word register is write-only
    }

    @Override
    public synchronized void writeByte(int offset, int value) {
        long now = clock.nanos();
        if (offset < CONTROL_WORD) {
            channels[offset].write(value, now);
            if (offset == 0) channel0Changed(now);
        } else if (offset == CONTROL_WORD) {
            writeControlWord(value, now);
        }
    }

    private void writeControlWord(int value, long now) {
        int select = value >>> 6;
        if (select == SELECT_READ_BACK) {
            readBack(value, now);
            return;
        }
        PitChannel channel = channels[select];
        int access = (value >>> 4) & 3;
        if (access == ACCESS_LATCH) {
            channel.latchCount(now);
            return;
        }
        channel.control(access, (value >>> 1) & 7, (value & 1) != 0, now);
        if (select == 0) channel0Changed(now);
    }

    private void readBack(int value, long now) {
        for (int i = 0; i < channels.length; i++) {
            if ((value & (2 << i)) == 0) continue;
            if ((value & READ_BACK_NO_COUNT) == 0) channels[i].latchCount(now);
            if ((value & READ_BACK_NO_STATUS) == 0) channels[i].latchStatus(now);
        }
    }

    /** Drives a channel's gate; only channel 2's is not tied high on the PC. */
    public synchronized void setGate(int channel, boolean level) {
        long now = clock.nanos();
        channels[channel].setGate(level, now);
        if (channel == 0) channel0Changed(now);
    }

    /** A channel's OUT pin now. */
    public synchronized boolean output(int channel) {
        return channels[channel].output(clock.nanos());
    }

    private void channel0Changed(long now) {
        followLevel(now);
        schedule(now, false);
    }

    private void onTimer() {
        synchronized (this) {
            long now = clock.nanos();
            // A reprogrammed channel moved the deadline: this expiry is stale.
            if (irqDeadline < 0 || now < irqDeadline) {
                schedule(now, false);
                return;
            }
            if (channels[0].mode() >= 2) {
                irq0.pulse();
                irqHigh = false;
            }
            followLevel(now);
            schedule(now, true);
        }
    }

    /** Modes 0 and 1 hold IRQ0 at OUT0's level; the pulsing modes leave it low between pulses. */
    private void followLevel(long now) {
        PitChannel channel = channels[0];
        boolean level = channel.mode() <= 1 && channel.output(now);
        if (level != irqHigh) {
            irqHigh = level;
            irq0.set(level);
        }
    }

    private void schedule(long now, boolean afterEvent) {
        PitChannel channel = channels[0];
        long event = channel.nextIrqEvent(now);
        if (event < 0) {
            irqDeadline = -1;
            timer.cancel();
            return;
        }
        long deadline = channel.nanosAt(event);
        if (afterEvent) deadline = Math.max(deadline, now + MIN_IRQ_INTERVAL_NANOS);
        irqDeadline = deadline;
        timer.armAt(deadline);
    }
}
