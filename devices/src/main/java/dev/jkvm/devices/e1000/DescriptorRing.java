package dev.jkvm.devices.e1000;

/**
 * A descriptor ring's registers: base (BAL/BAH, 16-byte aligned), length (LEN, a multiple of 128
 * bytes: the low seven bits are not writable), head and tail (16 bits). The hardware owns the
 * descriptors from head up to, not including, tail. A ring whose head or tail lies beyond its end
 * is unusable: the hardware owns nothing in it until software fixes the registers.
 */
final class DescriptorRing {
    static final int DESCRIPTOR_SIZE = 16;
    private static final int LENGTH_MASK = 0xfff80;
    private static final int INDEX_MASK = 0xffff;

    private int baseLow;
    private int baseHigh;
    private int length;
    private int head;
    private int tail;

    int baseLow() {
        return baseLow;
    }

    void setBaseLow(int value) {
        baseLow = value & ~0xf;
    }

    int baseHigh() {
        return baseHigh;
    }

    void setBaseHigh(int value) {
        baseHigh = value;
    }

    int length() {
        return length;
    }

    void setLength(int value) {
        length = value & LENGTH_MASK;
    }

    int head() {
        return head;
    }

    void setHead(int value) {
        head = value & INDEX_MASK;
    }

    int tail() {
        return tail;
    }

    void setTail(int value) {
        tail = value & INDEX_MASK;
    }

    int size() {
        return length / DESCRIPTOR_SIZE;
    }

    /** How many descriptors the hardware owns: from head up to tail. */
    int owned() {
        int size = size();
        if (head >= size || tail >= size) return 0;
        return Math.floorMod(tail - head, size);
    }

    /** The guest address of the descriptor at head. */
    long headAddress() {
        return ((long) baseHigh << 32 | (baseLow & 0xffffffffL)) + (long) head * DESCRIPTOR_SIZE;
    }

    void advanceHead() {
        head = (head + 1) % size();
    }

    void reset() {
        baseLow = baseHigh = length = head = tail = 0;
    }
}
