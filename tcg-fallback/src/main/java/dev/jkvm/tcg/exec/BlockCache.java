package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.mem.LinearMemory;
import dev.jkvm.tcg.mem.Mmu;
import dev.jkvm.tcg.mem.PhysicalMemory;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Segment;

/**
 * Finds or builds the block at a RIP: CS base, code-fetch translation, then the code cache. A block
 * links to the blocks that ran after it, and a direct-mapped table remembers recent blocks by
 * linear address (returns and indirect jumps have more targets than links hold): both skip the
 * translation and the cache while the MMU's translations, the mode and the CPL are those they were
 * recorded under.
 */
public final class BlockCache {
    private static final int RECENT_SLOTS = 1 << 14;

    private final LinearMemory memory;
    private final CodeCache cache;
    /** Each block here holds the linear address and stamp it was recorded under (one cache line to check). */
    private final BasicBlock[] recent = new BasicBlock[RECENT_SLOTS];

    public BlockCache(LinearMemory memory) {
        this.memory = memory;
        this.cache = new CodeCache(memory.physical());
    }

    public CodeCache codeCache() {
        return cache;
    }

    /** The block at RIP, to run after previous (null when it did not just run to its end or to a jump). */
    public BasicBlock next(BasicBlock previous, CpuState s) {
        long linear = Operands.linear(s, Segment.CS, s.rip);
        Mmu mmu = memory.mmu();
        // A block found through a global translation holds until global translations change (INVLPG, a
        // global flush), others until any flush (such as a CR3 write): bit 8 tells the two stamps apart.
        long modeAndCpl = (long) s.mode.ordinal() << 2 | s.cpl;
        long stamp = mmu.translationEpoch() << 9 | modeAndCpl;
        long globalStamp = mmu.globalTranslationEpoch() << 9 | 1 << 8 | modeAndCpl;
        if (previous != null) {
            BasicBlock linked = previous.successor(linear, stamp, globalStamp);
            if (linked != null && linked.valid()) return linked;
        }
        int slot = (int) (linear ^ (linear >>> 14)) & (RECENT_SLOTS - 1);
        BasicBlock block = recent[slot];
        if (block == null || block.recentLinear != linear
                || (block.recentStamp != stamp && block.recentStamp != globalStamp) || !block.valid()) {
            block = blockAt(s, linear);
            block.recentLinear = linear;
            block.recentStamp = block.pages.length == 1 && mmu.translatesGlobally(linear) ? globalStamp : stamp;
            recent[slot] = block;
        }
        if (previous != null) previous.link(linear, block.recentStamp, block);
        return block;
    }

    private BasicBlock blockAt(CpuState s, long linear) {
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
