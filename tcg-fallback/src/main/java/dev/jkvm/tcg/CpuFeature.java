package dev.jkvm.tcg;

/**
 * Every CPUID feature bit this CPU knows about, with where CPUID reports it and whether it is
 * implemented. This is the single table CPUID is built from: a bit is advertised exactly when
 * its feature is implemented. The system part flips its entries (APIC, PAE, ...) when it adds them.
 */
public enum CpuFeature {
    // leaf 1, EDX
    FPU(1, Register.EDX, 0, true, "x87 with 80-bit extended precision; the transcendentals (FSIN, FYL2X, ...) raise #UD"),
    VME(1, Register.EDX, 1, false, "system part"),
    DE(1, Register.EDX, 2, false, "system part"),
    PSE(1, Register.EDX, 3, true, "4 MiB pages in 32-bit paging (sys.PagingMmu)"),
    TSC(1, Register.EDX, 4, true, "RDTSC counts retired instructions"),
    MSR(1, Register.EDX, 5, true, "RDMSR/WRMSR (sys.Msrs)"),
    PAE(1, Register.EDX, 6, true, "PAE and 4-level paging (sys.PagingMmu)"),
    CX8(1, Register.EDX, 8, true, "CMPXCHG8B"),
    APIC(1, Register.EDX, 9, true, "the local APIC is a device (devices module); IA32_APIC_BASE via MsrHandler"),
    SEP(1, Register.EDX, 11, false, "system part: SYSENTER"),
    MTRR(1, Register.EDX, 12, true, "MTRR MSRs read back what was written (no cache effects)"),
    PGE(1, Register.EDX, 13, true, "global pages survive CR3 loads in the soft TLB"),
    CMOV(1, Register.EDX, 15, true, "CMOVcc"),
    PAT(1, Register.EDX, 16, true, "IA32_PAT stored and validated (no cache effects)"),
    CLFLUSH(1, Register.EDX, 19, true, "CLFLUSH (no-op: no caches modelled)"),
    MMX(1, Register.EDX, 23, false, "not implemented; glibc's static baseline does not check it"),
    FXSR(1, Register.EDX, 24, true, "FXSAVE/FXRSTOR"),
    SSE(1, Register.EDX, 25, true, "SSE"),
    SSE2(1, Register.EDX, 26, true, "SSE2"),
    // leaf 1, ECX
    SSE3(1, Register.ECX, 0, false, "not implemented"),
    SSSE3(1, Register.ECX, 9, false, "not implemented (so no PALIGNR/PSHUFB)"),
    CX16(1, Register.ECX, 13, true, "CMPXCHG16B"),
    POPCNT(1, Register.ECX, 23, true, "POPCNT"),
    HYPERVISOR(1, Register.ECX, 31, false, "system part decides"),
    // extended leaf 0x80000001
    LAHF_LM(0x80000001, Register.ECX, 0, true, "LAHF/SAHF in 64-bit mode"),
    ABM(0x80000001, Register.ECX, 5, false, "no LZCNT: F3 0F BD executes as BSR"),
    SYSCALL(0x80000001, Register.EDX, 11, true, "SYSCALL/SYSRET"),
    NX(0x80000001, Register.EDX, 20, true, "execute-disable with EFER.NXE"),
    PDPE1GB(0x80000001, Register.EDX, 26, false, "system part"),
    RDTSCP(0x80000001, Register.EDX, 27, true, "RDTSCP and IA32_TSC_AUX"),
    LM(0x80000001, Register.EDX, 29, true, "64-bit mode"),
    // advanced power management leaf 0x80000007
    INVARIANT_TSC(0x80000007, Register.EDX, 8, true, "the TSC counts retired instructions at a constant rate in all states");

    public enum Register { EAX, EBX, ECX, EDX }

    public final int leaf;
    public final Register register;
    public final int bit;
    public final boolean implemented;
    public final String note;

    CpuFeature(int leaf, Register register, int bit, boolean implemented, String note) {
        this.leaf = leaf;
        this.register = register;
        this.bit = bit;
        this.implemented = implemented;
        this.note = note;
    }
}
