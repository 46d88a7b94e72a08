package dev.jkvm.devices.serial;

/** The receiver's byte queue; its capacity is 16 in FIFO mode and 1 (the RBR alone) otherwise. */
final class ReceiveFifo {
    private final byte[] bytes = new byte[Serial16550.FIFO_SIZE];
    private int head;
    private int count;
    private int capacity = 1;

    int count() { return count; }

    int space() { return capacity - count; }

    boolean isEmpty() { return count == 0; }

    /** Empties the queue and sets its capacity. */
    void reset(int newCapacity) {
        head = 0;
        count = 0;
        capacity = newCapacity;
    }

    /** Appends a byte; the caller checks for space. */
    void push(byte b) {
        bytes[(head + count) % bytes.length] = b;
        count++;
    }

    /** Replaces the newest byte: what a character arriving in a full RBR does without a FIFO. */
    void overwriteNewest(byte b) {
        bytes[(head + count - 1) % bytes.length] = b;
    }

    byte pop() {
        byte b = bytes[head];
        head = (head + 1) % bytes.length;
        count--;
        return b;
    }
}
