package dev.jkvm.devices.apic;

import dev.jkvm.devices.bus.BusDevice;

/** LAPIC register offsets from the SDM, written out independently of the model's own constants. */
final class ApicTestRegisters {
    static final int ID = 0x20, VERSION = 0x30, TPR = 0x80, APR = 0x90, PPR = 0xa0, EOI = 0xb0, LDR = 0xd0,
            DFR = 0xe0, SVR = 0xf0, ISR = 0x100, TMR = 0x180, IRR = 0x200, ESR = 0x280, ICR_LOW = 0x300,
            ICR_HIGH = 0x310, LVT_TIMER = 0x320, LVT_THERMAL = 0x330, LVT_LINT0 = 0x350, LVT_ERROR = 0x370,
            TIMER_INITIAL = 0x380, TIMER_CURRENT = 0x390, TIMER_DIVIDE = 0x3e0;
    static final int MASKED = 1 << 16, PERIODIC = 1 << 17;
    static final int SOFTWARE_ENABLED_SVR = 0x1ff;

    private ApicTestRegisters() {
    }

    static int read(BusDevice device, int offset) {
        return (int) device.read(offset, 4);
    }

    static void write(BusDevice device, int offset, int value) {
        device.write(offset, 4, Integer.toUnsignedLong(value));
    }

    /** Whether the vector's bit is set in the 256-bit register (ISR, TMR or IRR) at base. */
    static boolean bit(BusDevice lapic, int base, int vector) {
        return (read(lapic, base + (vector >>> 5) * 0x10) & (1 << (vector & 31))) != 0;
    }

    static ApicMessage fixed(int destination, int vector) {
        return new ApicMessage(destination, false, DeliveryMode.FIXED, vector, false, true);
    }
}
