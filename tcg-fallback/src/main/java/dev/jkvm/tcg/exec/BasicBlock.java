package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.state.CpuMode;

/**
 * Straight-line decoded instructions starting at a physical address, ending at a control transfer,
 * a page boundary or a size cap. The unit a second tier would translate to bytecode.
 */
public final class BasicBlock {
    public final long physicalAddress;
    public final CpuMode mode;
    public final Insn[] instructions;
    /** Physical pages the block's bytes came from (one, or two if the last instruction straddles). */
    final long[] pages;
    /** Cleared when guest code writes to one of the block's pages. */
    boolean valid = true;

    BasicBlock(long physicalAddress, CpuMode mode, Insn[] instructions, long[] pages) {
        this.physicalAddress = physicalAddress;
        this.mode = mode;
        this.instructions = instructions;
        this.pages = pages;
    }

    public boolean valid() {
        return valid;
    }
}
