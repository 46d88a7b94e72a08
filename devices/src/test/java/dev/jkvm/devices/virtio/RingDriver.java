package dev.jkvm.devices.virtio;

import dev.jkvm.devices.memory.GuestMemory;

import java.util.ArrayList;
import java.util.List;

/**
 * The driver's side of one split virtqueue, as Linux's virtio_ring lays it out: descriptor table,
 * available ring and used ring in guest RAM, buffers from a bump allocator, descriptors handed out
 * round-robin (tests complete chains before the ring wraps).
 */
public final class RingDriver {
    public static final int NEXT = 1, WRITE = 2, INDIRECT = 4;

    /** A buffer of a chain: guest address, length, device-writable or not. */
    public record Buffer(long address, int length, boolean writable) {
        public static Buffer readable(long address, int length) {
            return new Buffer(address, length, false);
        }

        public static Buffer writable(long address, int length) {
            return new Buffer(address, length, true);
        }
    }

    /** A used ring entry. */
    public record Used(int head, int length) {}

    private final GuestMemory memory;
    private final int size;
    private final long descriptorTable;
    private final long availRing;
    private final long usedRing;
    private final long heapStart;
    private final long heapEnd;
    private long heap;
    private int nextDescriptor;
    private int availIndex;
    private int usedSeen;

    /** Lays the rings out at {@code base} and keeps {@code heapSize} bytes after them for buffers. */
    public RingDriver(GuestMemory memory, long base, int size, long heapSize) {
        this.memory = memory;
        this.size = size;
        this.descriptorTable = base;
        this.availRing = base + 16L * size;
        this.usedRing = align(availRing + 6 + 2L * size, 4096);
        this.heapStart = align(usedRing + 6 + 8L * size, 4096);
        this.heapEnd = heapStart + heapSize;
        this.heap = heapStart;
        clear(base, heapStart - base);
    }

    private void clear(long address, long length) {
        memory.write(address, new byte[(int) length]);
    }

    private static long align(long value, long alignment) {
        return (value + alignment - 1) & -alignment;
    }

    public int size() {
        return size;
    }

    public long descriptorTable() {
        return descriptorTable;
    }

    public long availRing() {
        return availRing;
    }

    public long usedRing() {
        return usedRing;
    }

    /** The end of the memory this ring uses. */
    public long end() {
        return heapEnd;
    }

    public long alloc(int length) {
        long address = align(heap, 16);
        if (address + length > heapEnd) {
            address = heapStart; // tests have completed whatever lived at the start by now
        }
        heap = address + length;
        return address;
    }

    public long alloc(byte[] contents) {
        long address = alloc(contents.length);
        memory.write(address, contents);
        return address;
    }

    public void writeDescriptor(long table, int index, long address, int length, int flags, int next) {
        long at = table + 16L * index;
        memory.writeLong(at, address);
        memory.writeInt(at + 8, length);
        memory.writeShort(at + 12, (short) flags);
        memory.writeShort(at + 14, (short) next);
    }

    /** Writes a chain into the descriptor table and returns its head; not yet available. */
    public int chain(Buffer... buffers) {
        int head = nextDescriptor;
        for (int i = 0; i < buffers.length; i++) {
            int index = (head + i) % size;
            boolean last = i == buffers.length - 1;
            Buffer b = buffers[i];
            writeDescriptor(descriptorTable, index, b.address(), b.length(), (b.writable() ? WRITE : 0) | (last ? 0 : NEXT),
                    last ? 0 : (index + 1) % size);
        }
        nextDescriptor = (head + buffers.length) % size;
        return head;
    }

    /** Writes the buffers into an indirect table and one descriptor pointing at it; returns that descriptor. */
    public int indirectChain(Buffer... buffers) {
        long table = alloc(16 * buffers.length);
        for (int i = 0; i < buffers.length; i++) {
            boolean last = i == buffers.length - 1;
            Buffer b = buffers[i];
            writeDescriptor(table, i, b.address(), b.length(), (b.writable() ? WRITE : 0) | (last ? 0 : NEXT), last ? 0 : i + 1);
        }
        int head = nextDescriptor;
        writeDescriptor(descriptorTable, head, table, 16 * buffers.length, INDIRECT, 0);
        nextDescriptor = (head + 1) % size;
        return head;
    }

    /** Puts a head in the available ring and publishes the new index. */
    public void makeAvailable(int head) {
        memory.writeShort(availRing + 4 + 2L * (availIndex % size), (short) head);
        availIndex++;
        memory.writeShort(availRing + 2, (short) availIndex);
    }

    /** The entries the device used since the last call. */
    public List<Used> takeUsed() {
        int usedIndex = memory.readShort(usedRing + 2) & 0xffff;
        List<Used> used = new ArrayList<>();
        while ((usedSeen & 0xffff) != usedIndex) {
            long element = usedRing + 4 + 8L * (usedSeen % size);
            used.add(new Used(memory.readInt(element), memory.readInt(element + 4)));
            usedSeen++;
        }
        return used;
    }

    public void setUsedEvent(int index) {
        memory.writeShort(availRing + 4 + 2L * size, (short) index);
    }

    public int availEvent() {
        return memory.readShort(usedRing + 4 + 8L * size) & 0xffff;
    }

    public void setNoInterrupt(boolean suppressed) {
        memory.writeShort(availRing, (short) (suppressed ? 1 : 0));
    }

    public int availIndex() {
        return availIndex;
    }
}
