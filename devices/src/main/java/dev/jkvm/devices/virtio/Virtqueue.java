package dev.jkvm.devices.virtio;

import dev.jkvm.devices.memory.GuestMemory;

import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * A split virtqueue (virtio 1.2, 2.7) in guest RAM: the descriptor table, the driver's available
 * ring and the device's used ring. The transport configures it (size, ring addresses, enable); the
 * device takes chains with {@link #pop}, returns them with {@link #addUsed} and makes them visible
 * with {@link #publishUsed}, which says whether the driver wants a used buffer notification.
 *
 * <p>The guest is not trusted: rings outside RAM, descriptors outside RAM, loops, nested indirect
 * tables raise {@link MalformedQueueException}; nothing here touches memory outside guest RAM.
 * The guest writes the rings from other CPUs, so ring reads and writes are fenced like the driver's.
 */
public final class Virtqueue {
    public static final int MAX_SIZE = 256;
    /** Bounds an indirect table (the spec sets none): what a driver needs for a request, not a DoS. */
    public static final int MAX_INDIRECT_DESCRIPTORS = 1024;

    private static final int DESCRIPTOR_SIZE = 16;
    private static final int NEXT = 1, WRITE = 2, INDIRECT = 4;
    private static final int AVAIL_NO_INTERRUPT = 1;
    private static final int RING_HEADER = 4, USED_ELEMENT_SIZE = 8;

    private final int index;
    private final GuestMemory memory;

    private int size = MAX_SIZE;
    private long descriptorTable;
    private long availRing;
    private long usedRing;
    private boolean enabled;
    private boolean ringsInRam;
    private boolean eventIndex;
    private boolean indirectDescriptors;

    /** Free-running counters; the rings see them modulo 2^16 and index with them modulo the (power of two) size. */
    private int nextAvail;
    private int nextUsed;
    private int publishedUsed;

    public Virtqueue(int index, GuestMemory memory) {
        this.index = index;
        this.memory = memory;
    }

    public int index() {
        return index;
    }

    public synchronized int size() {
        return size;
    }

    /** The driver may shrink the queue before enabling it; split rings need a power of two. */
    public synchronized void setSize(int newSize) {
        if (enabled || newSize <= 0 || newSize > MAX_SIZE || Integer.bitCount(newSize) != 1) return;
        size = newSize;
    }

    public synchronized long descriptorTable() {
        return descriptorTable;
    }

    public synchronized long availRing() {
        return availRing;
    }

    public synchronized long usedRing() {
        return usedRing;
    }

    public synchronized void setDescriptorTable(long address) {
        if (!enabled) descriptorTable = address;
    }

    public synchronized void setAvailRing(long address) {
        if (!enabled) availRing = address;
    }

    public synchronized void setUsedRing(long address) {
        if (!enabled) usedRing = address;
    }

    public synchronized boolean enabled() {
        return enabled;
    }

    /** Starts the queue. Rings that are misaligned or not in RAM make every later {@link #pop} fail. */
    public synchronized void enable() {
        if (enabled) return;
        enabled = true;
        ringsInRam = descriptorTable % 16 == 0 && availRing % 2 == 0 && usedRing % 4 == 0
                && memory.isRam(descriptorTable, (long) DESCRIPTOR_SIZE * size)
                && memory.isRam(availRing, RING_HEADER + 2L * size + 2)
                && memory.isRam(usedRing, RING_HEADER + (long) USED_ELEMENT_SIZE * size + 2);
    }

    /** The ring options the driver accepted; set when the device goes live. */
    public synchronized void setFeatures(long features) {
        eventIndex = VirtioFeatures.has(features, VirtioFeatures.RING_EVENT_IDX);
        indirectDescriptors = VirtioFeatures.has(features, VirtioFeatures.RING_INDIRECT_DESC);
    }

    public synchronized void reset() {
        size = MAX_SIZE;
        descriptorTable = availRing = usedRing = 0;
        enabled = ringsInRam = eventIndex = indirectDescriptors = false;
        nextAvail = nextUsed = publishedUsed = 0;
    }

    /**
     * The next available chain, or null when the driver has made none available. With event index,
     * an empty ring asks the driver to notify on its next buffer, then looks once more.
     */
    public synchronized DescriptorChain pop() throws MalformedQueueException {
        if (!enabled) return null;
        if (!ringsInRam) throw new MalformedQueueException("queue " + index + ": rings outside RAM or misaligned");
        int availIndex = readAvailIndex();
        if (availIndex == (nextAvail & 0xffff) && eventIndex) {
            memory.writeShort(availEventAddress(), (short) nextAvail);
            VarHandle.fullFence();
            availIndex = readAvailIndex();
        }
        int pending = (availIndex - nextAvail) & 0xffff;
        if (pending == 0) return null;
        if (pending > size) throw new MalformedQueueException("queue " + index + ": " + pending + " available entries in a ring of " + size);
        VarHandle.acquireFence();
        int head = memory.readShort(availRing + RING_HEADER + 2L * (nextAvail & (size - 1))) & 0xffff;
        nextAvail++;
        return readChain(head);
    }

    /** Gives back the last {@code count} chains popped and not used, for a device that cannot finish them now. */
    public synchronized void undoPop(int count) {
        nextAvail -= count;
    }

    /** Returns a chain to the driver with the number of bytes written into it; invisible until published. */
    public synchronized void addUsed(int head, int bytesWritten) {
        long element = usedRing + RING_HEADER + (long) USED_ELEMENT_SIZE * (nextUsed & (size - 1));
        memory.writeInt(element, head);
        memory.writeInt(element + 4, bytesWritten);
        nextUsed++;
    }

    /** Makes the used entries visible to the driver; true if it asked to be notified about them. */
    public synchronized boolean publishUsed() {
        if (!enabled || !ringsInRam || nextUsed == publishedUsed) return false;
        VarHandle.releaseFence();
        memory.writeShort(usedRing + 2, (short) nextUsed);
        VarHandle.fullFence();
        int previous = publishedUsed;
        publishedUsed = nextUsed;
        if (!eventIndex) return (memory.readShort(availRing) & AVAIL_NO_INTERRUPT) == 0;
        int usedEvent = memory.readShort(availRing + RING_HEADER + 2L * size) & 0xffff;
        // Notify if the driver's used_event lies in the entries just published: [previous, nextUsed).
        return ((nextUsed - usedEvent - 1) & 0xffff) < ((nextUsed - previous) & 0xffff);
    }

    private int readAvailIndex() {
        return memory.readShort(availRing + 2) & 0xffff;
    }

    private long availEventAddress() {
        return usedRing + RING_HEADER + (long) USED_ELEMENT_SIZE * size;
    }

    /**
     * Walks a chain from its head, following NEXT in the descriptor table and at most one indirect
     * table. A walk longer than its table has looped.
     */
    private DescriptorChain readChain(int head) throws MalformedQueueException {
        List<GuestBuffers.Range> readable = new ArrayList<>();
        List<GuestBuffers.Range> writable = new ArrayList<>();
        long table = descriptorTable;
        int tableSize = size;
        boolean inIndirectTable = false;
        int next = head;
        int walked = 0;
        while (true) {
            if (next >= tableSize) throw malformed(head, "descriptor index " + next + " past a table of " + tableSize);
            if (++walked > tableSize) throw malformed(head, "chain loops");
            long descriptor = table + (long) DESCRIPTOR_SIZE * next;
            long address = memory.readLong(descriptor);
            long length = memory.readInt(descriptor + 8) & 0xffffffffL;
            int flags = memory.readShort(descriptor + 12) & 0xffff;
            next = memory.readShort(descriptor + 14) & 0xffff;
            if ((flags & INDIRECT) != 0) {
                if (!indirectDescriptors) throw malformed(head, "indirect descriptor not negotiated");
                if (inIndirectTable) throw malformed(head, "nested indirect table");
                if ((flags & NEXT) != 0) throw malformed(head, "indirect descriptor with NEXT");
                if (length == 0 || length % DESCRIPTOR_SIZE != 0 || length / DESCRIPTOR_SIZE > MAX_INDIRECT_DESCRIPTORS) {
                    throw malformed(head, "indirect table of " + length + " bytes");
                }
                if (address % DESCRIPTOR_SIZE != 0 || !memory.isRam(address, length)) throw malformed(head, "indirect table outside RAM");
                table = address;
                tableSize = (int) (length / DESCRIPTOR_SIZE);
                inIndirectTable = true;
                next = 0;
                walked = 0;
                continue;
            }
            boolean deviceWritable = (flags & WRITE) != 0;
            if (!deviceWritable && !writable.isEmpty()) throw malformed(head, "readable descriptor after a writable one");
            if (length > 0) {
                if (!memory.isRam(address, length)) throw malformed(head, String.format("buffer %#x+%#x outside RAM", address, length));
                (deviceWritable ? writable : readable).add(new GuestBuffers.Range(address, length));
            }
            if ((flags & NEXT) == 0) break;
        }
        return new DescriptorChain(head, new GuestBuffers(memory, readable), new GuestBuffers(memory, writable));
    }

    private MalformedQueueException malformed(int head, String problem) {
        return new MalformedQueueException("queue " + index + ", chain " + head + ": " + problem);
    }
}
