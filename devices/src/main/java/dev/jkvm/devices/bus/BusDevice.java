package dev.jkvm.devices.bus;

/**
 * A device's register window on a port I/O or MMIO bus. Offsets are relative to the window's base;
 * sizes are 1, 2, 4 or 8 bytes; values are little-endian and zero-extended. A device answers every
 * access, including to registers it does not know, with the behaviour its datasheet defines.
 */
public interface BusDevice {
    long read(long offset, int size);

    void write(long offset, int size, long value);
}
