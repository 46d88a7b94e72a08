package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.mem.PhysicalMemory;
import dev.jkvm.tcg.state.CpuMode;

import java.util.HashMap;
import java.util.Map;

/**
 * Decoded blocks by physical address, one cache per vCPU (not thread-safe; only its vCPU thread
 * touches it). Staleness comes from the code-page generations in the shared {@link PhysicalMemory}:
 * a write by any vCPU or device to a page holding code bumps the page's generation, and a block
 * whose recorded generation differs is dropped on its next lookup. So cross-modifying code needs no
 * cross-thread calls into this cache. A small direct-mapped table in front of the map makes hot
 * lookups allocation-free.
 */
public final class CodeCache {
    private static final int FAST_SLOTS = 1 << 12;

    private final PhysicalMemory physical;
    private final Map<Long, BasicBlock> blocks = new HashMap<>();
    private final BasicBlock[] fast = new BasicBlock[FAST_SLOTS];
    private long invalidations;

    public CodeCache(PhysicalMemory physical) {
        this.physical = physical;
    }

    private static int slot(long physicalAddress) {
        return (int) (physicalAddress ^ (physicalAddress >>> 12)) & (FAST_SLOTS - 1);
    }

    public BasicBlock lookup(long physicalAddress, CpuMode mode) {
        int slot = slot(physicalAddress);
        BasicBlock b = fast[slot];
        if (b != null && b.physicalAddress == physicalAddress && b.mode == mode && b.valid()) return b;
        b = blocks.get(physicalAddress);
        if (b == null) return null;
        if (!b.valid()) {
            blocks.remove(physicalAddress, b);
            if (fast[slot] == b) fast[slot] = null;
            invalidations++;
            return null;
        }
        if (b.mode != mode) return null;
        fast[slot] = b;
        return b;
    }

    public void insert(BasicBlock block) {
        BasicBlock previous = blocks.put(block.physicalAddress, block);
        if (previous != null && previous != block) previous.valid = false;
        fast[slot(block.physicalAddress)] = block;
    }

    /** Drops everything. */
    public void flush() {
        blocks.values().forEach(b -> b.valid = false);
        blocks.clear();
        java.util.Arrays.fill(fast, null);
    }

    public int size() {
        return blocks.size();
    }

    /** Called by the run loop when a write made the running block stale (self-modifying code). */
    public void staleBlockLeft() {
        invalidations++;
    }

    /** Stale blocks found (code pages written since the block was decoded). */
    public long invalidations() {
        return invalidations;
    }

    PhysicalMemory physical() {
        return physical;
    }
}
