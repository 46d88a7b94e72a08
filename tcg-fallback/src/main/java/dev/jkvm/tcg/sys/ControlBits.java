package dev.jkvm.tcg.sys;

/** CR0, CR4 and EFER bits. */
public final class ControlBits {
    public static final long CR0_PE = 1, CR0_MP = 1 << 1, CR0_EM = 1 << 2, CR0_TS = 1 << 3, CR0_ET = 1 << 4;
    public static final long CR0_NE = 1 << 5, CR0_WP = 1 << 16, CR0_AM = 1 << 18, CR0_NW = 1 << 29;
    public static final long CR0_CD = 1 << 30, CR0_PG = 1L << 31;
    public static final long CR4_VME = 1, CR4_PVI = 1 << 1, CR4_TSD = 1 << 2, CR4_DE = 1 << 3, CR4_PSE = 1 << 4;
    public static final long CR4_PAE = 1 << 5, CR4_MCE = 1 << 6, CR4_PGE = 1 << 7, CR4_PCE = 1 << 8;
    public static final long CR4_OSFXSR = 1 << 9, CR4_OSXMMEXCPT = 1 << 10;
    public static final long EFER_SCE = 1, EFER_LME = 1 << 8, EFER_LMA = 1 << 10, EFER_NXE = 1 << 11;

    /** CR4 bits this CPU accepts; the others are reserved (#GP). */
    public static final long CR4_SUPPORTED = CR4_TSD | CR4_DE | CR4_PSE | CR4_PAE | CR4_MCE | CR4_PGE | CR4_PCE
            | CR4_OSFXSR | CR4_OSXMMEXCPT;
    /** CR0 bits that exist (the rest of the low 32 bits read as zero; the high 32 are reserved). */
    public static final long CR0_DEFINED = CR0_PE | CR0_MP | CR0_EM | CR0_TS | CR0_ET | CR0_NE | CR0_WP | CR0_AM
            | CR0_NW | CR0_CD | CR0_PG;

    private ControlBits() {}
}
