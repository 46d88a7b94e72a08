package dev.jkvm.devices.net;

/** Big-endian (network order) 16- and 32-bit fields in byte arrays, as packet headers hold them. */
public final class BigEndian {
    private BigEndian() {}

    public static int getShort(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    public static void putShort(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 8);
        b[at + 1] = (byte) value;
    }

    public static int getInt(byte[] b, int at) {
        return getShort(b, at) << 16 | getShort(b, at + 2);
    }

    public static void putInt(byte[] b, int at, int value) {
        putShort(b, at, value >>> 16);
        putShort(b, at + 2, value);
    }
}
