package dev.jkvm.devices.apic;

import java.util.Arrays;

/** A 256-bit LAPIC register (IRR, ISR or TMR): one bit per interrupt vector. Not thread-safe. */
final class VectorSet {
    private final long[] bits = new long[4];

    void add(int vector) {
        bits[vector >>> 6] |= 1L << vector;
    }

    void remove(int vector) {
        bits[vector >>> 6] &= ~(1L << vector);
    }

    boolean contains(int vector) {
        return (bits[vector >>> 6] & (1L << vector)) != 0;
    }

    /** The highest vector in the set, or -1: the highest vector is the highest priority. */
    int highest() {
        for (int i = bits.length - 1; i >= 0; i--) {
            if (bits[i] != 0) return i * 64 + 63 - Long.numberOfLeadingZeros(bits[i]);
        }
        return -1;
    }

    /** The 32 bits for vectors 32 * index .. 32 * index + 31, as the register at 0x10 * index reads. */
    int word(int index) {
        return (int) (bits[index >>> 1] >>> ((index & 1) * 32));
    }

    void clear() {
        Arrays.fill(bits, 0);
    }
}
