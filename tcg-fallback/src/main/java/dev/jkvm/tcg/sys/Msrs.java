package dev.jkvm.tcg.sys;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.MsrHandler;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Segment;

import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The model-specific registers of this CPU (an AMD family 15 part as CPUID says). Architectural
 * state (EFER, STAR..., FS/GS bases) lives in {@link CpuState}; MTRRs and the few AMD registers
 * Linux touches live here. The {@link MsrHandler} sees every MSR first. Anything else raises #GP,
 * which Linux's rdmsr_safe/wrmsr_safe probes expect; {@link #unknownAccesses()} records them for
 * diagnosis.
 */
public final class Msrs {
    public static final int TSC = 0x10, APIC_BASE = 0x1b, PATCH_LEVEL = 0x8b, MTRR_CAP = 0xfe;
    public static final int SYSENTER_CS = 0x174, SYSENTER_ESP = 0x175, SYSENTER_EIP = 0x176;
    public static final int MCG_CAP = 0x179, MCG_STATUS = 0x17a, MISC_ENABLE = 0x1a0;
    public static final int MTRR_PHYS_FIRST = 0x200, MTRR_PHYS_LAST = 0x20f;
    public static final int MTRR_FIX_64K = 0x250, MTRR_FIX_16K_80000 = 0x258, MTRR_FIX_16K_A0000 = 0x259;
    public static final int MTRR_FIX_4K_FIRST = 0x268, MTRR_FIX_4K_LAST = 0x26f;
    public static final int PAT = 0x277, MTRR_DEF_TYPE = 0x2ff;
    public static final int EFER = 0xc0000080, STAR = 0xc0000081, LSTAR = 0xc0000082, CSTAR = 0xc0000083;
    public static final int SFMASK = 0xc0000084, FS_BASE = 0xc0000100, GS_BASE = 0xc0000101;
    public static final int KERNEL_GS_BASE = 0xc0000102, TSC_AUX = 0xc0000103;
    public static final int AMD_SYSCFG = 0xc0010010, AMD_HWCR = 0xc0010015, AMD_TOP_MEM = 0xc001001a;
    public static final int AMD_TOP_MEM2 = 0xc001001d, AMD_NB_CFG = 0xc001001f;
    /** K8 interrupt-pending message register: Linux reads it (unchecked) on E400-erratum parts; no C1E here. */
    public static final int AMD_INT_PENDING_MSG = 0xc0010055;

    private static final long MTRR_CAP_VALUE = 8 | (1 << 8) | (1 << 10); // 8 variable ranges, fixed ranges, WC
    private static final long WB_FIXED = 0x0606060606060606L;
    private static final long EFER_WRITABLE = ControlBits.EFER_SCE | ControlBits.EFER_LME | ControlBits.EFER_NXE
            | ControlBits.EFER_LMA;

    private final long[] variableMtrrs = new long[16];
    private final long[] fixedMtrrs = new long[11];
    private long mtrrDefType = 0xc06; // MTRRs and fixed ranges enabled, default write-back
    private long hwcr;
    private long topOfMemory;
    private MsrHandler handler = MsrHandler.NONE;
    private final Set<String> unknown = new ConcurrentSkipListSet<>();

    public Msrs() {
        java.util.Arrays.fill(fixedMtrrs, WB_FIXED);
        fixedMtrrs[2] = 0; // A0000..BFFFF: uncacheable (legacy VGA window)
    }

    public void setHandler(MsrHandler handler) {
        this.handler = handler;
    }

    /** The value AMD TOP_MEM (0xC001001A) reads: the end of RAM below 4 GiB (0 if not set). */
    public void setTopOfMemory(long topOfMemory) {
        this.topOfMemory = topOfMemory;
    }

    /** Unknown MSRs the guest touched, as "rdmsr 0x..." / "wrmsr 0x...". */
    public Set<String> unknownAccesses() {
        return unknown;
    }

    private static int fixedIndex(int msr) {
        return switch (msr) {
            case MTRR_FIX_64K -> 0;
            case MTRR_FIX_16K_80000 -> 1;
            case MTRR_FIX_16K_A0000 -> 2;
            default -> msr >= MTRR_FIX_4K_FIRST && msr <= MTRR_FIX_4K_LAST ? 3 + msr - MTRR_FIX_4K_FIRST : -1;
        };
    }

    public long read(Cpu cpu, int msr) {
        if (handler.handles(msr)) return handler.read(cpu, msr);
        CpuState s = cpu.state;
        switch (msr) {
            case TSC: return cpu.timeStampCounter();
            case APIC_BASE: return s.apicBase;
            case PATCH_LEVEL: return 0;
            case MTRR_CAP: return MTRR_CAP_VALUE;
            case SYSENTER_CS: return s.sysenterCs;
            case SYSENTER_ESP: return s.sysenterEsp;
            case SYSENTER_EIP: return s.sysenterEip;
            case MISC_ENABLE: return 1; // fast strings
            case PAT: return s.pat;
            case MTRR_DEF_TYPE: return mtrrDefType;
            case EFER: return s.efer;
            case STAR: return s.star;
            case LSTAR: return s.lstar;
            case CSTAR: return s.cstar;
            case SFMASK: return s.sfmask;
            case FS_BASE: return s.segments[Segment.FS].base;
            case GS_BASE: return s.segments[Segment.GS].base;
            case KERNEL_GS_BASE: return s.kernelGsBase;
            case TSC_AUX: return s.tscAux;
            case AMD_SYSCFG: return 0;
            case AMD_HWCR: return hwcr;
            case AMD_TOP_MEM: return topOfMemory;
            case AMD_NB_CFG: return 0;
            case AMD_INT_PENDING_MSG: return 0;
            default:
                if (msr >= MTRR_PHYS_FIRST && msr <= MTRR_PHYS_LAST) return variableMtrrs[msr - MTRR_PHYS_FIRST];
                int fixed = fixedIndex(msr);
                if (fixed >= 0) return fixedMtrrs[fixed];
                unknown.add("rdmsr 0x" + Integer.toHexString(msr));
                throw CpuException.generalProtection();
        }
    }

    public void write(Cpu cpu, int msr, long value) {
        if (handler.handles(msr)) {
            handler.write(cpu, msr, value);
            return;
        }
        CpuState s = cpu.state;
        switch (msr) {
            case TSC -> s.tscOffset = value - cpu.retiredInstructions();
            case APIC_BASE -> {
                if ((value & ~(0xfffffff000L | 0x900L)) != 0) throw CpuException.generalProtection();
                s.apicBase = (value & ~0x100L) | (s.apicBase & 0x100L); // BSP flag is read-only
            }
            case PATCH_LEVEL -> { } // writing 0 before CPUID to read the microcode revision
            case SYSENTER_CS -> s.sysenterCs = value & 0xffff;
            case SYSENTER_ESP -> s.sysenterEsp = canonical(value);
            case SYSENTER_EIP -> s.sysenterEip = canonical(value);
            case MISC_ENABLE -> { }
            case PAT -> {
                for (int i = 0; i < 8; i++) {
                    int type = (int) (value >>> (8 * i)) & 0xff;
                    if (type == 2 || type == 3 || type > 7) throw CpuException.generalProtection();
                }
                s.pat = value;
            }
            case MTRR_DEF_TYPE -> {
                if ((value & ~0xcffL) != 0 || !validMemoryType((int) value & 0xff)) throw CpuException.generalProtection();
                mtrrDefType = value;
            }
            case EFER -> writeEfer(cpu, value);
            case STAR -> s.star = value;
            case LSTAR -> s.lstar = canonical(value);
            case CSTAR -> s.cstar = canonical(value);
            case SFMASK -> s.sfmask = value & 0xffffffffL;
            case FS_BASE -> s.segments[Segment.FS].base = canonical(value);
            case GS_BASE -> s.segments[Segment.GS].base = canonical(value);
            case KERNEL_GS_BASE -> s.kernelGsBase = canonical(value);
            case TSC_AUX -> s.tscAux = value & 0xffffffffL;
            case AMD_SYSCFG, AMD_NB_CFG, AMD_TOP_MEM, AMD_INT_PENDING_MSG -> { }
            case AMD_HWCR -> hwcr = value;
            default -> {
                if (msr >= MTRR_PHYS_FIRST && msr <= MTRR_PHYS_LAST) {
                    variableMtrrs[msr - MTRR_PHYS_FIRST] = value;
                    return;
                }
                int fixed = fixedIndex(msr);
                if (fixed >= 0) {
                    fixedMtrrs[fixed] = value;
                    return;
                }
                unknown.add("wrmsr 0x" + Integer.toHexString(msr));
                throw CpuException.generalProtection();
            }
        }
    }

    private static boolean validMemoryType(int type) {
        return type == 0 || type == 1 || type == 4 || type == 5 || type == 6;
    }

    private static long canonical(long value) {
        if ((value << 16) >> 16 != value) throw CpuException.generalProtection();
        return value;
    }

    /** EFER: SCE, LME, NXE writable; LMA follows paging; LME cannot change while paging is on. */
    private static void writeEfer(Cpu cpu, long value) {
        CpuState s = cpu.state;
        if ((value & ~EFER_WRITABLE) != 0) throw CpuException.generalProtection();
        boolean paging = (s.cr0 & ControlBits.CR0_PG) != 0;
        if (paging && ((value ^ s.efer) & ControlBits.EFER_LME) != 0) throw CpuException.generalProtection();
        long updated = (value & ~ControlBits.EFER_LMA) | (s.efer & ControlBits.EFER_LMA);
        boolean nxChanged = ((updated ^ s.efer) & ControlBits.EFER_NXE) != 0;
        s.efer = updated;
        if (nxChanged) cpu.memory.mmu().flushTlb(true);
    }
}
