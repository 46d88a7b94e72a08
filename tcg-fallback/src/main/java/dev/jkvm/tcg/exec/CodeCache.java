package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.mem.CodeWriteListener;
import dev.jkvm.tcg.mem.PhysicalMemory;
import dev.jkvm.tcg.state.CpuMode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoded blocks by physical address, invalidated a page at a time when the guest writes to a page
 * that holds code. A small direct-mapped table in front of the map makes hot lookups allocation-free.
 */
public final class CodeCache implements CodeWriteListener {
    private static final int FAST_SLOTS = 1 << 12;

    private final PhysicalMemory physical;
    private final Map<Long, BasicBlock> blocks = new HashMap<>();
    private final Map<Long, List<BasicBlock>> blocksByPage = new HashMap<>();
    private final BasicBlock[] fast = new BasicBlock[FAST_SLOTS];
    private long invalidations;

    public CodeCache(PhysicalMemory physical) {
        this.physical = physical;
        physical.setCodeWriteListener(this);
    }

    private static int slot(long physicalAddress) {
        return (int) (physicalAddress ^ (physicalAddress >>> 12)) & (FAST_SLOTS - 1);
    }

    public BasicBlock lookup(long physicalAddress, CpuMode mode) {
        BasicBlock b = fast[slot(physicalAddress)];
        if (b != null && b.physicalAddress == physicalAddress && b.mode == mode && b.valid) return b;
        b = blocks.get(physicalAddress);
        if (b == null || b.mode != mode) return null;
        fast[slot(physicalAddress)] = b;
        return b;
    }

    public void insert(BasicBlock block) {
        BasicBlock previous = blocks.put(block.physicalAddress, block);
        if (previous != null) previous.valid = false;
        for (long page : block.pages) {
            blocksByPage.computeIfAbsent(page, p -> new ArrayList<>()).add(block);
            physical.markCodePage(page);
        }
        fast[slot(block.physicalAddress)] = block;
    }

    @Override
    public void codeWritten(long physicalPage) {
        List<BasicBlock> stale = blocksByPage.remove(physicalPage);
        if (stale == null) return;
        invalidations++;
        for (BasicBlock b : stale) {
            b.valid = false;
            blocks.remove(b.physicalAddress, b);
        }
    }

    /** Drops everything (e.g. when the system part changes paging in a way that aliases code). */
    public void flush() {
        blocks.values().forEach(b -> b.valid = false);
        blocks.clear();
        blocksByPage.clear();
        java.util.Arrays.fill(fast, null);
        physical.clearCodePages();
    }

    public int size() {
        return blocks.size();
    }

    public long invalidations() {
        return invalidations;
    }
}
