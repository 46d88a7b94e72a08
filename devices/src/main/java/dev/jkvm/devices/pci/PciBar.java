package dev.jkvm.devices.pci;

import dev.jkvm.devices.bus.BusDevice;

import java.util.Objects;

/**
 * A base address register: what kind of window it asks for, how large, and the device that answers
 * accesses to the window once the guest places it. A 64-bit BAR uses registers index and index + 1.
 */
public record PciBar(int index, Kind kind, long size, boolean prefetchable, BusDevice handler) {
    public enum Kind { IO, MEMORY32, MEMORY64 }

    public PciBar {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(handler, "handler");
        int lastIndex = kind == Kind.MEMORY64 ? 4 : 5;
        if (index < 0 || index > lastIndex) throw new IllegalArgumentException("BAR index " + index + " for " + kind);
        if (Long.bitCount(size) != 1) throw new IllegalArgumentException("BAR size not a power of two: " + size);
        long min = kind == Kind.IO ? 4 : 16;
        long max = switch (kind) {
            case IO -> 256;
            case MEMORY32 -> 1L << 31;
            case MEMORY64 -> 1L << 62;
        };
        if (size < min || size > max) throw new IllegalArgumentException(kind + " BAR size out of range: " + size);
        if (prefetchable && kind == Kind.IO) throw new IllegalArgumentException("an I/O BAR is not prefetchable");
    }

    /** The configuration space offset of the (first) register. */
    public int registerOffset() {
        return PciDevice.BAR0 + 4 * index;
    }

    /** The register bits the guest can write: the address bits at or above the size (which spares the type bits). */
    long addressMask() {
        long mask = ~(size - 1);
        return kind == Kind.MEMORY64 ? mask : mask & 0xffffffffL;
    }

    /** The read-only low bits that tell the guest the BAR's type. */
    int typeBits() {
        return switch (kind) {
            case IO -> 0x1;
            case MEMORY32 -> prefetchable ? 0x8 : 0x0;
            case MEMORY64 -> 0x4 | (prefetchable ? 0x8 : 0x0);
        };
    }
}
