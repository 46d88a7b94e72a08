package dev.jkvm.devices.bus;

/**
 * A device with 8-bit registers on the ISA bus. A wider access is split into byte accesses on
 * consecutive offsets, lowest first, as the chipset splits a 16- or 32-bit IN/OUT to an 8-bit device.
 */
public interface ByteWideDevice extends BusDevice {
    int readByte(int offset);

    void writeByte(int offset, int value);

    @Override
    default long read(long offset, int size) {
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= (long) (readByte((int) offset + i) & 0xff) << (8 * i);
        }
        return value;
    }

    @Override
    default void write(long offset, int size, long value) {
        for (int i = 0; i < size; i++) {
            writeByte((int) offset + i, (int) (value >>> (8 * i)) & 0xff);
        }
    }
}
