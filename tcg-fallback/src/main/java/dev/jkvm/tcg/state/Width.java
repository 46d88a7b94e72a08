package dev.jkvm.tcg.state;

/** Arithmetic on operand widths given in bytes (1, 2, 4, 8). */
public final class Width {
    private Width() {}

    public static long mask(int size) {
        return size == 8 ? -1L : (1L << (size << 3)) - 1;
    }

    public static int bits(int size) {
        return size << 3;
    }

    public static long signBit(int size) {
        return 1L << ((size << 3) - 1);
    }

    public static long signExtend(long value, int size) {
        int shift = 64 - (size << 3);
        return (value << shift) >> shift;
    }

    public static boolean isNegative(long value, int size) {
        return ((value >>> ((size << 3) - 1)) & 1) != 0;
    }
}
