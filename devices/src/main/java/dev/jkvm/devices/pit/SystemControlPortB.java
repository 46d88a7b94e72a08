package dev.jkvm.devices.pit;

import dev.jkvm.devices.bus.ByteWideDevice;

import java.util.Objects;

/**
 * Port 0x61, the chipset's system control port B: bit 0 gates PIT channel 2, bit 1 enables the
 * speaker (stored only), bits 2-3 are stored, bit 4 reads as the DRAM refresh toggle, bit 5 reads
 * PIT channel 2's output. The refresh bit flips on every read (the chip flips it every 15 us), so
 * loops that wait for it to change terminate. The NMI status bits 6-7 read 0.
 */
public final class SystemControlPortB implements ByteWideDevice {
    private static final int GATE2 = 0x01, WRITABLE = 0x0f, REFRESH_TOGGLE = 0x10, OUT2 = 0x20;

    private final I8254 pit;
    private int control;
    private boolean refresh;

    public SystemControlPortB(I8254 pit) {
        this.pit = Objects.requireNonNull(pit, "pit");
    }

    @Override
    public synchronized int readByte(int offset) {
        if (offset != 0) return 0xff;
        refresh = !refresh;
        return control | (refresh ? REFRESH_TOGGLE : 0) | (pit.output(2) ? OUT2 : 0);
    }

    @Override
    public synchronized void writeByte(int offset, int value) {
        if (offset != 0) return;
        control = value & WRITABLE;
        pit.setGate(2, (control & GATE2) != 0);
    }
}
