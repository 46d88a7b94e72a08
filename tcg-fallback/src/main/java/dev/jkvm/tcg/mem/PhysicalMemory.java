package dev.jkvm.tcg.mem;

import dev.jkvm.devices.bus.Bus;
import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.devices.memory.RamRegion;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * Guest physical address space as the CPU sees it: RAM regions accessed directly, everything else
 * dispatched to the MMIO bus (which answers unclaimed reads with all ones). Tracks which RAM pages
 * hold decoded code so writes to them invalidate the decode cache.
 */
public final class PhysicalMemory {
    public static final int PAGE_SHIFT = 12;
    public static final long PAGE_SIZE = 1L << PAGE_SHIFT;

    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final VarHandle ALIGNED_LONG = ValueLayout.JAVA_LONG.varHandle();
    /** Locked accesses that cannot be done as one aligned 8-byte CAS serialize on this. */
    private static final Object SPLIT_LOCK = new Object();

    private final long[] bases;
    private final long[] ends;
    private final MemorySegment[] hosts;
    private final Bus mmio;
    /**
     * Per RAM page: bit 0 set while some vCPU holds decoded code from the page, the rest a
     * generation bumped by the first write after that. Shared by all vCPUs: a decoded block
     * remembers the generation of its pages and is stale once it differs (cross-modifying code).
     */
    private final int[] codePages;
    private final List<CodeWriteListener> codeWriteListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public PhysicalMemory(GuestMemory memory, Bus mmio) {
        List<RamRegion> regions = memory.regions();
        bases = new long[regions.size()];
        ends = new long[regions.size()];
        hosts = new MemorySegment[regions.size()];
        long top = 0;
        for (int i = 0; i < regions.size(); i++) {
            bases[i] = regions.get(i).guestBase();
            ends[i] = regions.get(i).guestEnd();
            hosts[i] = regions.get(i).host();
            top = Math.max(top, ends[i]);
        }
        this.mmio = mmio;
        codePages = new int[(int) (top >>> PAGE_SHIFT) + 1];
        memory.setWriteObserver(this::noteWrite); // device DMA into code pages must make their blocks stale too
    }

    /** Told (on the writing thread) when a page holding decoded code is written. */
    public void addCodeWriteListener(CodeWriteListener listener) {
        codeWriteListeners.add(listener);
    }

    /** Index of the RAM region holding [address, address+size), or -1. */
    private int regionOf(long address, int size) {
        for (int i = 0; i < bases.length; i++) {
            if (address >= bases[i] && address + size <= ends[i] && address + size > address) return i;
        }
        return -1;
    }

    public boolean isRam(long address, int size) {
        return regionOf(address, size) >= 0;
    }

    /** The host memory of the 4 KiB page at pageAddress, or null if it is not all RAM. */
    MemorySegment ramPage(long pageAddress) {
        int r = regionOf(pageAddress, (int) PAGE_SIZE);
        return r < 0 ? null : hosts[r].asSlice(pageAddress - bases[r], PAGE_SIZE);
    }

    /** Reads 1, 2, 4 or 8 bytes, zero-extended. */
    public long read(long address, int size) {
        int r = regionOf(address, size);
        if (r < 0) return readSlow(address, size);
        return get(hosts[r], address - bases[r], size);
    }

    public void write(long address, int size, long value) {
        int r = regionOf(address, size);
        if (r < 0) {
            writeSlow(address, size, value);
            return;
        }
        set(hosts[r], address - bases[r], size, value);
        noteWrite(address, size);
    }

    /** Reads 1, 2, 4 or 8 bytes of host memory, zero-extended. */
    static long get(MemorySegment host, long offset, int size) {
        return switch (size) {
            case 1 -> host.get(ValueLayout.JAVA_BYTE, offset) & 0xffL;
            case 2 -> host.get(SHORT, offset) & 0xffffL;
            case 4 -> host.get(INT, offset) & 0xffffffffL;
            default -> host.get(LONG, offset);
        };
    }

    static void set(MemorySegment host, long offset, int size, long value) {
        switch (size) {
            case 1 -> host.set(ValueLayout.JAVA_BYTE, offset, (byte) value);
            case 2 -> host.set(SHORT, offset, (short) value);
            case 4 -> host.set(INT, offset, (int) value);
            default -> host.set(LONG, offset, value);
        }
    }

    /** MMIO, or an access straddling RAM and something else: split into bytes unless wholly MMIO. */
    private long readSlow(long address, int size) {
        if (regionOf(address, 1) < 0 && regionOf(address + size - 1, 1) < 0) return mmioRead(address, size);
        long value = 0;
        for (int i = 0; i < size; i++) value |= read(address + i, 1) << (8 * i);
        return value;
    }

    private void writeSlow(long address, int size, long value) {
        if (regionOf(address, 1) < 0 && regionOf(address + size - 1, 1) < 0) {
            if (mmio != null) mmio.write(address, size, value);
            return;
        }
        for (int i = 0; i < size; i++) write(address + i, 1, value >>> (8 * i));
    }

    private long mmioRead(long address, int size) {
        if (mmio == null) return size == 8 ? -1L : (1L << (8 * size)) - 1;
        return mmio.read(address, size);
    }

    /**
     * Atomically replaces the value at address with update if it still equals expected (both
     * zero-extended to size). Aligned-within-8-bytes RAM accesses use a hardware CAS on the
     * containing qword, so locked instructions are atomic against other vCPU threads; a split
     * locked access falls back to a global lock, as split locks do on hardware.
     */
    public boolean compareAndSet(long address, int size, long expected, long update) {
        int r = regionOf(address, size);
        long mask = size == 8 ? -1L : (1L << (8 * size)) - 1;
        if (r >= 0) {
            long offset = address - bases[r];
            long word = offset & ~7L;
            int shift = (int) (offset & 7) * 8;
            if ((offset & 7) + size <= 8 && word + 8 <= hosts[r].byteSize()
                    && (hosts[r].address() & 7) == 0) {
                long current = (long) ALIGNED_LONG.getVolatile(hosts[r], word);
                if (((current >>> shift) & mask) != (expected & mask)) return false;
                long replaced = (current & ~(mask << shift)) | ((update & mask) << shift);
                boolean swapped = (boolean) ALIGNED_LONG.compareAndSet(hosts[r], word, current, replaced);
                if (swapped) noteWrite(address, size);
                return swapped;
            }
        }
        synchronized (SPLIT_LOCK) {
            if ((read(address, size) & mask) != (expected & mask)) return false;
            write(address, size, update);
            return true;
        }
    }

    private void noteWrite(long address, long size) {
        if (size <= 0) return;
        long first = address >>> PAGE_SHIFT;
        long last = (address + size - 1) >>> PAGE_SHIFT;
        for (long page = first; page <= last; page++) notePageWritten(page);
    }

    /** After a write to RAM page number page: bumps its code generation if it holds decoded code. */
    void notePageWritten(long page) {
        if (page >= codePages.length) return;
        int i = (int) page;
        int state = (int) PAGE_STATE.getAcquire(codePages, i);
        if ((state & 1) == 0) return;
        while ((state & 1) != 0 && !PAGE_STATE.compareAndSet(codePages, i, state, (state + 2) & ~1)) {
            state = (int) PAGE_STATE.getVolatile(codePages, i);
        }
        for (CodeWriteListener l : codeWriteListeners) l.codeWritten(page);
    }

    private static final VarHandle PAGE_STATE = java.lang.invoke.MethodHandles.arrayElementVarHandle(int[].class);

    /**
     * Marks a physical page as holding decoded code and returns its code generation: the next
     * write to the page bumps the generation, making blocks decoded from it stale. Call before
     * reading the bytes to decode.
     */
    public int markCodePage(long page) {
        if (page < 0 || page >= codePages.length) return 0;
        int i = (int) page;
        while (true) {
            int state = (int) PAGE_STATE.getVolatile(codePages, i);
            if ((state & 1) != 0 || PAGE_STATE.compareAndSet(codePages, i, state, state | 1)) return state >>> 1;
        }
    }

    /** The current code generation of a page (see {@link #markCodePage}). */
    public int codeGeneration(long page) {
        if (page < 0 || page >= codePages.length) return 0;
        return (int) PAGE_STATE.getAcquire(codePages, (int) page) >>> 1;
    }
}
