package dev.jkvm.devices.pci;

import java.util.Objects;

/**
 * A function's 256-byte configuration space with per-bit write masks: a guest write changes only
 * the writable bits and clears the write-one-to-clear bits it writes ones to; everything else is
 * read-only. The device sets read-only contents with {@link #set}. Multi-byte values are little-endian.
 */
public final class PciConfigSpace {
    public static final int SIZE = 256;

    private final byte[] data = new byte[SIZE];
    private final byte[] writable = new byte[SIZE];
    private final byte[] writeOneToClear = new byte[SIZE];

    public long read(int offset, int size) {
        Objects.checkFromIndexSize(offset, size, SIZE);
        long value = 0;
        for (int i = 0; i < size; i++) value |= (long) (data[offset + i] & 0xff) << (8 * i);
        return value;
    }

    /** A guest write, through the masks. */
    public void write(int offset, int size, long value) {
        Objects.checkFromIndexSize(offset, size, SIZE);
        for (int i = 0; i < size; i++) {
            int at = offset + i;
            int b = (int) (value >>> (8 * i)) & 0xff;
            int kept = data[at] & ~writable[at];
            int cleared = b & writeOneToClear[at];
            data[at] = (byte) ((kept | (b & writable[at])) & ~cleared);
        }
    }

    /** The device's own store, ignoring the masks. */
    public void set(int offset, int size, long value) {
        store(data, offset, size, value);
    }

    public void setWritable(int offset, int size, long mask) {
        store(writable, offset, size, mask);
    }

    public void setWriteOneToClear(int offset, int size, long mask) {
        store(writeOneToClear, offset, size, mask);
    }

    private static void store(byte[] bytes, int offset, int size, long value) {
        Objects.checkFromIndexSize(offset, size, SIZE);
        for (int i = 0; i < size; i++) bytes[offset + i] = (byte) (value >>> (8 * i));
    }
}
