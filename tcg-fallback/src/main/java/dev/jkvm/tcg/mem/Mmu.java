package dev.jkvm.tcg.mem;

import dev.jkvm.tcg.state.CpuState;

/**
 * Linear-to-physical translation. {@link dev.jkvm.tcg.sys.PagingMmu} implements paging (page walk
 * plus soft TLB) behind this seam; a failed translation throws {@link dev.jkvm.tcg.CpuException#pageFault}.
 * One instance per vCPU: implementations keep a TLB.
 */
public interface Mmu {
    /** Access kinds (low two bits). */
    int READ = 0, WRITE = 1, EXECUTE = 2;
    /**
     * Or'ed into the access kind: an implicit supervisor access (descriptor tables, TSS, the
     * interrupt frame on a ring-0 stack), checked as CPL 0 whatever the current CPL.
     */
    int SUPERVISOR = 4;

    /** The physical address of a linear address for the given access (translation is per 4 KiB page). */
    long translate(long linear, int access, CpuState state);

    /** Drops cached translations: all of them, or all but global pages. */
    default void flushTlb(boolean includingGlobal) {}

    /** INVLPG: drops the translation of the page holding linear (whatever its page size). */
    default void invalidatePage(long linear) {}

    /**
     * A number that changes whenever translations may have changed (TLB flushes, INVLPG): a
     * linear-to-physical lookup remembered under the same number still holds.
     */
    default long translationEpoch() {
        return 0;
    }

    /** Like {@link #translationEpoch}, but changed only when global translations may have changed too. */
    default long globalTranslationEpoch() {
        return 0;
    }

    /** Whether the cached translation of linear is global (kept by flushes that keep global pages). */
    default boolean translatesGlobally(long linear) {
        return false;
    }

    /** The RAM fast path this MMU fills and drops with its TLB entries, or null if it keeps none. */
    default RamTlb ramTlb() {
        return null;
    }

    /** Paging disabled: linear addresses are physical. */
    Mmu IDENTITY = (linear, access, state) -> linear;
}
