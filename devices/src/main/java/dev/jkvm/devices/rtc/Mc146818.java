package dev.jkvm.devices.rtc;

import dev.jkvm.devices.bus.ByteWideDevice;
import dev.jkvm.devices.time.Clock;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The MC146818 real-time clock and its 128 bytes of CMOS RAM at ports 0x70 (index, bit 7 masks NMI)
 * and 0x71 (data). The time starts from a wall clock and advances with the device {@link Clock}; it
 * is computed when read. Registers 0x00-0x09 and the century byte 0x32 follow Status B's binary/BCD
 * and 12/24-hour bits; the day of week is derived from the date, so writes to it do not stick.
 *
 * <p>Status A's UIP bit is set during the 244 us before each second's update. The clock stops while
 * Status B's SET bit is set or Status A's divider is not 010 (32.768 kHz running); then the time
 * registers are plain RAM, and when the clock restarts it counts on from what they hold (the first
 * update comes a second after SET clears, half a second after the divider is released). A written
 * time that is no valid date is ignored.
 *
 * <p>Interrupts are not implemented: the periodic, alarm and update-ended flags are never raised, so
 * Status C reads 0 and IRQ8 is never asserted. The alarm registers are plain RAM.
 */
public final class Mc146818 implements ByteWideDevice {
    private static final int INDEX_PORT = 0, DATA_PORT = 1;
    private static final int NMI_MASK = 0x80;

    private static final int STATUS_A = 0x0a, STATUS_B = 0x0b, STATUS_C = 0x0c, STATUS_D = 0x0d;
    private static final int A_UPDATE_IN_PROGRESS = 0x80, A_DIVIDER = 0x70, A_DIVIDER_RUNNING = 0x20;
    private static final int B_SET = 0x80, B_UPDATE_INTERRUPT = 0x10;
    private static final int D_VALID_RAM_AND_TIME = 0x80;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long UPDATE_WARNING_NANOS = 244_000;

    private final Clock clock;
    private final byte[] cmos = new byte[128];
    private int index;
    private boolean nmiMasked;
    /** The RTC's time, as nanoseconds of its own calendar since 1970, when the device clock read 0. */
    private long rtcNanosAtClockZero;

    public Mc146818(java.time.Clock wallClock, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        LocalDateTime start = LocalDateTime.now(wallClock);
        rtcNanosAtClockZero = start.toEpochSecond(ZoneOffset.UTC) * NANOS_PER_SECOND + start.getNano() - clock.nanos();
        cmos[STATUS_A] = A_DIVIDER_RUNNING | 0x06; // 32.768 kHz time base, 1024 Hz periodic rate
        cmos[STATUS_B] = TimeRegisters.B_24_HOUR;
    }

    /** Whether the last index write set bit 7, which disables NMI on the PC. */
    public synchronized boolean nmiMasked() {
        return nmiMasked;
    }

    /**
     * Fills the memory size bytes firmware reads: base memory (0x15-0x16, KiB), memory above 1 MiB
     * (0x17-0x18 and 0x30-0x31, KiB, at most 0xffff), memory between 16 MiB and 4 GiB (0x34-0x35, in
     * 64 KiB units) and memory above 4 GiB (0x5b-0x5d, in 64 KiB units).
     */
    public synchronized void setMemorySize(long belowFourGiB, long aboveFourGiB) {
        storeWord(0x15, 640);
        int extendedKiB = (int) Math.clamp(belowFourGiB / 1024 - 1024, 0, 0xffff);
        storeWord(0x17, extendedKiB);
        storeWord(0x30, extendedKiB);
        storeWord(0x34, (int) Math.clamp((belowFourGiB - (16L << 20)) >> 16, 0, 0xffff));
        long highChunks = Math.clamp(aboveFourGiB >> 16, 0, 0xffffff);
        storeWord(0x5b, (int) highChunks);
        cmos[0x5d] = (byte) (highChunks >>> 16);
    }

    private void storeWord(int at, int value) {
        cmos[at] = (byte) value;
        cmos[at + 1] = (byte) (value >>> 8);
    }

    @Override
    public synchronized int readByte(int offset) {
        if (offset != DATA_PORT) return 0xff; // the index port is write-only
        return switch (index) {
            case STATUS_A -> (cmos[STATUS_A] & 0x7f) | (updateImminent() ? A_UPDATE_IN_PROGRESS : 0);
            case STATUS_C -> 0;
            case STATUS_D -> D_VALID_RAM_AND_TIME;
            default -> TimeRegisters.isTimeRegister(index) && running()
                    ? TimeRegisters.read(now(), index, statusB())
                    : cmos[index] & 0xff;
        };
    }

    @Override
    public synchronized void writeByte(int offset, int value) {
        if (offset == INDEX_PORT) {
            index = value & 0x7f;
            nmiMasked = (value & NMI_MASK) != 0;
        } else if (offset == DATA_PORT) {
            writeRegister(value);
        }
    }

    private void writeRegister(int value) {
        switch (index) {
            case STATUS_A -> writeControl(STATUS_A, value & 0x7f);
            case STATUS_B -> writeControl(STATUS_B, (value & B_SET) != 0 ? value & ~B_UPDATE_INTERRUPT : value);
            case STATUS_C, STATUS_D -> { } // read-only
            default -> {
                if (TimeRegisters.isTimeRegister(index) && running()) {
                    long phase = Math.floorMod(rtcNanos(), NANOS_PER_SECOND);
                    TimeRegisters.store(now(), cmos, statusB());
                    cmos[index] = (byte) value;
                    restartFromRegisters(phase);
                } else {
                    cmos[index] = (byte) value;
                }
            }
        }
    }

    /** A Status A or B write, which may stop the clock or restart it from the time registers. */
    private void writeControl(int register, int value) {
        boolean wasRunning = running();
        boolean dividerWasRunning = dividerRunning();
        cmos[register] = (byte) value;
        if (wasRunning && !running()) {
            TimeRegisters.store(now(), cmos, statusB());
        } else if (!wasRunning && running()) {
            restartFromRegisters(dividerWasRunning ? 0 : NANOS_PER_SECOND / 2);
        }
    }

    /** Continues counting from the time registers; {@code phase} is how far into the second that is. */
    private void restartFromRegisters(long phase) {
        LocalDateTime time = TimeRegisters.load(cmos, statusB());
        if (time == null) return;
        rtcNanosAtClockZero = time.toEpochSecond(ZoneOffset.UTC) * NANOS_PER_SECOND + phase - clock.nanos();
    }

    private int statusB() {
        return cmos[STATUS_B] & 0xff;
    }

    private boolean dividerRunning() {
        return (cmos[STATUS_A] & A_DIVIDER) == A_DIVIDER_RUNNING;
    }

    private boolean running() {
        return dividerRunning() && (cmos[STATUS_B] & B_SET) == 0;
    }

    private boolean updateImminent() {
        return running() && Math.floorMod(rtcNanos(), NANOS_PER_SECOND) >= NANOS_PER_SECOND - UPDATE_WARNING_NANOS;
    }

    private long rtcNanos() {
        return rtcNanosAtClockZero + clock.nanos();
    }

    private LocalDateTime now() {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(rtcNanos(), NANOS_PER_SECOND), 0, ZoneOffset.UTC);
    }
}
