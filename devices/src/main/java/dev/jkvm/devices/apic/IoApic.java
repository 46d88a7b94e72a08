package dev.jkvm.devices.apic;

import dev.jkvm.devices.bus.BusDevice;
import dev.jkvm.devices.irq.IrqLine;

import java.util.Objects;

/**
 * An 82093AA-style IOAPIC (version 0x11) with 24 inputs for the software path: the indirect
 * register window (IOREGSEL at 0x00, IOWIN at 0x10), the ID, version, arbitration and redirection
 * table registers, and the inputs devices drive. Version 0x11 has no EOI register: level-triggered
 * entries learn of the EOI from the LAPICs' broadcast through the {@link ApicBus}.
 *
 * <p>Input levels are logical: {@code input(pin).set(true)} means the device requests an interrupt,
 * whatever the entry's polarity bit says. The polarity bit is stored for the guest (Linux sets
 * PCI inputs active-low) but a virtual wire has no electrical level to invert.
 *
 * <p>Delivery happens with this IOAPIC locked; LAPICs never call back into it while locked
 * themselves, so the lock order IOAPIC then LAPIC is the only one.
 */
public final class IoApic implements BusDevice {
    public static final long DEFAULT_BASE = 0xfec0_0000L;
    public static final long WINDOW_SIZE = 0x1000;
    public static final int PINS = 24;

    private static final int IOREGSEL = 0x00, IOWIN = 0x10;
    private static final int ID = 0x00, VERSION = 0x01, ARBITRATION = 0x02, REDIRECTION_TABLE = 0x10;
    /** Version 0x11, maximum redirection entry 23. */
    private static final int VERSION_VALUE = ((PINS - 1) << 16) | 0x11;

    private final ApicBus bus;
    private final IoApicPin[] pins = new IoApicPin[PINS];
    private int id;
    private int registerSelect;

    /** The machine also attaches it to the bus ({@link ApicBus#attach(IoApic)}) for EOI broadcasts. */
    public IoApic(int id, ApicBus bus) {
        if (id < 0 || id > 15) throw new IllegalArgumentException("IOAPIC ID " + id);
        this.id = id;
        this.bus = Objects.requireNonNull(bus, "bus");
        for (int i = 0; i < PINS; i++) pins[i] = new IoApicPin();
    }

    /** The input for a device or GSI; true = interrupt requested (see the class comment on polarity). */
    public IrqLine input(int pin) {
        if (pin < 0 || pin >= PINS) throw new IllegalArgumentException("no IOAPIC input " + pin);
        IoApicPin input = pins[pin];
        return level -> {
            synchronized (this) {
                if (input.setAsserted(level)) deliver(input);
            }
        };
    }

    @Override
    public synchronized long read(long offset, int size) {
        if (offset == IOREGSEL) return registerSelect;
        if (offset >= IOWIN && offset < IOWIN + 4) {
            return Integer.toUnsignedLong(readRegister(registerSelect)) >>> (8 * (offset - IOWIN));
        }
        return 0;
    }

    /** IOREGSEL takes any write size; IOWIN only whole 32-bit writes. */
    @Override
    public synchronized void write(long offset, int size, long value) {
        if (offset == IOREGSEL) {
            registerSelect = (int) value & 0xff;
        } else if (offset == IOWIN && size >= 4) {
            writeRegister(registerSelect, (int) value);
        }
    }

    synchronized void endOfInterrupt(int vector) {
        for (IoApicPin pin : pins) {
            if (pin.endOfInterrupt(vector)) deliver(pin);
        }
    }

    private int readRegister(int index) {
        IoApicPin pin = redirectionPin(index);
        if (pin != null) return isHighHalf(index) ? pin.readHigh() : pin.readLow();
        return switch (index) {
            case ID, ARBITRATION -> id << 24; // arbitration ID follows the APIC ID
            case VERSION -> VERSION_VALUE;
            default -> 0;
        };
    }

    private void writeRegister(int index, int value) {
        IoApicPin pin = redirectionPin(index);
        if (pin == null) {
            if (index == ID) id = (value >>> 24) & 0xf;
        } else if (isHighHalf(index)) {
            pin.writeHigh(value);
        } else if (pin.writeLow(value)) {
            deliver(pin);
        }
    }

    /** Redirection entry n is the register pair 0x10 + 2n (low half) and 0x11 + 2n (high half). */
    private IoApicPin redirectionPin(int index) {
        int entry = (index - REDIRECTION_TABLE) >> 1;
        return index >= REDIRECTION_TABLE && entry < PINS ? pins[entry] : null;
    }

    private static boolean isHighHalf(int index) {
        return (index & 1) != 0;
    }

    private void deliver(IoApicPin pin) {
        if (bus.deliver(pin.message()) > 0) pin.delivered();
    }
}
