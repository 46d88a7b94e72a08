package dev.jkvm.tcg.mem;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The RAM fast path of a soft TLB. An {@link Mmu} fills slot i beside its own entry i and drops it
 * with that entry, so the fast path never outlives a translation. A slot holds, for one linear
 * page that is plain RAM, the host memory behind it and a read key and a write key: an access whose
 * key matches goes straight to host memory, with no translation, permission check or region lookup.
 * A key is only set for the access kinds the entry allows without a walk (so a write key needs the
 * dirty bit already set), and it names the privilege it was checked for: the linear page number
 * shifted left once, plus one for a CPL 3 access. MMIO pages never get a key. Writes still report
 * to {@link PhysicalMemory} so that writes to pages holding decoded code bump their generation.
 */
public final class RamTlb {
    public static final int BITS = 10;
    public static final int SIZE = 1 << BITS;
    private static final long NONE = -1L;

    private final PhysicalMemory physical;
    private final long[] readKeys = new long[SIZE];
    private final long[] writeKeys = new long[SIZE];
    /** The host memory of each slot's page (4 KiB). */
    private final MemorySegment[] hosts = new MemorySegment[SIZE];
    private final long[] physicalPages = new long[SIZE];

    public RamTlb(PhysicalMemory physical) {
        this.physical = physical;
        dropAll();
    }

    public static int slot(long linear) {
        return (int) (linear >>> PhysicalMemory.PAGE_SHIFT) & (SIZE - 1);
    }

    public static long key(long linear, boolean user) {
        return (linear >>> PhysicalMemory.PAGE_SHIFT) << 1 | (user ? 1 : 0);
    }

    /**
     * Caches the page at physicalAddress for linear (whose slot the caller's entry occupies), for
     * reads and/or writes at the given privilege; leaves the slot empty unless the page is RAM.
     */
    public void fill(long linear, boolean user, long physicalAddress, boolean read, boolean write) {
        int i = slot(linear);
        long page = physicalAddress & -PhysicalMemory.PAGE_SIZE;
        MemorySegment host = physical.ramPage(page);
        if (host == null || !(read || write)) {
            drop(i);
            return;
        }
        long key = key(linear, user);
        hosts[i] = host;
        physicalPages[i] = page >>> PhysicalMemory.PAGE_SHIFT;
        readKeys[i] = read ? key : NONE;
        writeKeys[i] = write ? key : NONE;
    }

    public void drop(int slot) {
        readKeys[slot] = NONE;
        writeKeys[slot] = NONE;
    }

    public void dropAll() {
        Arrays.fill(readKeys, NONE);
        Arrays.fill(writeKeys, NONE);
    }

    public boolean canRead(int slot, long key) {
        return readKeys[slot] == key;
    }

    boolean canWrite(int slot, long key) {
        return writeKeys[slot] == key;
    }

    /** A read within the page of a slot whose read key matched. */
    long read(int slot, long linear, int size) {
        return PhysicalMemory.get(hosts[slot], linear & (PhysicalMemory.PAGE_SIZE - 1), size);
    }

    /** A write within the page of a slot whose write key matched. */
    void write(int slot, long linear, int size, long value) {
        PhysicalMemory.set(hosts[slot], linear & (PhysicalMemory.PAGE_SIZE - 1), size, value);
        physical.notePageWritten(physicalPages[slot]);
    }
}
