package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.mem.PhysicalMemory;
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
    /** The code generation of each page when it was decoded (see {@link PhysicalMemory#markCodePage}). */
    private final int[] generations;
    private final PhysicalMemory physical;
    /** For a straddling block: offset from the block start to the second page (its linear mapping is rechecked). */
    final long secondPageOffset;
    /** Cleared when the cache replaces or drops the block. */
    boolean valid = true;

    BasicBlock(long physicalAddress, CpuMode mode, Insn[] instructions, long[] pages, int[] generations,
               PhysicalMemory physical, long secondPageOffset) {
        this.physicalAddress = physicalAddress;
        this.mode = mode;
        this.instructions = instructions;
        this.pages = pages;
        this.generations = generations;
        this.physical = physical;
        this.secondPageOffset = secondPageOffset;
    }

    /** False once any vCPU or device wrote to one of the block's pages after it was decoded. */
    public boolean valid() {
        if (!valid) return false;
        if (physical.codeGeneration(pages[0]) != generations[0]
                || (pages.length > 1 && physical.codeGeneration(pages[1]) != generations[1])) {
            valid = false;
            return false;
        }
        return true;
    }
}
