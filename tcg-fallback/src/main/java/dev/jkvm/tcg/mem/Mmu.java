package dev.jkvm.tcg.mem;

import dev.jkvm.tcg.state.CpuState;

/**
 * Linear-to-physical translation. The system part implements paging (page walk plus soft TLB)
 * behind this seam; a failed translation throws {@link dev.jkvm.tcg.CpuException#pageFault}.
 */
public interface Mmu {
    int READ = 0, WRITE = 1, EXECUTE = 2;

    /** The physical address of a linear address for the given access (translation is per 4 KiB page). */
    long translate(long linear, int access, CpuState state);

    /** Paging disabled: linear addresses are physical. */
    Mmu IDENTITY = (linear, access, state) -> linear;
}
