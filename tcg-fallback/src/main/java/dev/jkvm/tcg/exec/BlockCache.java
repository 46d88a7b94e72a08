package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.mem.LinearMemory;
import dev.jkvm.tcg.mem.Mmu;
import dev.jkvm.tcg.mem.PhysicalMemory;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Segment;

/** Finds or builds the block at a RIP: CS base, code-fetch translation, then the code cache. */
public final class BlockCache {
    private final LinearMemory memory;
    private final CodeCache cache;

    public BlockCache(LinearMemory memory) {
        this.memory = memory;
        this.cache = new CodeCache(memory.physical());
    }

    public CodeCache codeCache() {
        return cache;
    }

    public BasicBlock blockAt(CpuState s, long rip) {
        long linear = Operands.linear(s, Segment.CS, rip);
        long physical = memory.translate(linear, Mmu.EXECUTE);
        BasicBlock block = cache.lookup(physical, s.mode);
        if (block != null && block.pages.length > 1
                && memory.translate(linear + block.secondPageOffset, Mmu.EXECUTE) >>> PhysicalMemory.PAGE_SHIFT != block.pages[1]) {
            block = null; // the straddling instruction's second page is mapped elsewhere from this linear address
        }
        if (block == null) {
            block = BlockBuilder.build(memory, linear, physical, s.mode);
            cache.insert(block);
        }
        return block;
    }
}
