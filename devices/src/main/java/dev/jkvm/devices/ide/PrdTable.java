package dev.jkvm.devices.ide;

import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.devices.memory.GuestMemoryException;

import java.nio.ByteBuffer;

/**
 * A bus-master scatter/gather walk: physical region descriptors of 8 bytes (a 32-bit address, a
 * 16-bit byte count where 0 means 64 KiB, bit 31 of the second dword ending the table), read from
 * guest memory as the transfer consumes them. The command's length bounds the walk, so a table
 * without an end mark stops where the data does. Memory outside RAM raises
 * {@link GuestMemoryException} before any host memory is touched.
 */
final class PrdTable {
    private static final long END_OF_TABLE = 0x8000_0000L;
    private static final int REGION_64K = 0x10000;

    private final GuestMemory memory;
    private long nextEntry;
    private long regionAddress;
    private int regionRemaining;
    private boolean lastEntryRead;

    PrdTable(GuestMemory memory, long tableAddress) {
        this.memory = memory;
        this.nextEntry = tableAddress;
    }

    /**
     * Moves buffer's remaining bytes into guest memory (toMemory) or fills them from it.
     *
     * @return false if the table ended before the buffer was done
     */
    boolean transfer(ByteBuffer buffer, boolean toMemory) {
        while (buffer.hasRemaining()) {
            if (regionRemaining == 0 && !nextRegion()) return false;
            int n = Math.min(regionRemaining, buffer.remaining());
            if (toMemory) {
                memory.write(regionAddress, buffer.array(), buffer.arrayOffset() + buffer.position(), n);
            } else {
                memory.read(regionAddress, buffer.array(), buffer.arrayOffset() + buffer.position(), n);
            }
            buffer.position(buffer.position() + n);
            regionAddress += n;
            regionRemaining -= n;
        }
        return true;
    }

    /** Whether descriptors remain unconsumed: the table was longer than the transfer. */
    boolean hasMore() {
        return regionRemaining > 0 || !lastEntryRead;
    }

    private boolean nextRegion() {
        if (lastEntryRead) return false;
        long address = Integer.toUnsignedLong(memory.readInt(nextEntry)) & ~1L;
        long countAndFlags = Integer.toUnsignedLong(memory.readInt(nextEntry + 4));
        nextEntry = (nextEntry + 8) & 0xffff_ffffL;
        int count = (int) (countAndFlags & 0xfffe);
        regionAddress = address;
        regionRemaining = count == 0 ? REGION_64K : count;
        lastEntryRead = (countAndFlags & END_OF_TABLE) != 0;
        return true;
    }
}
