package dev.jkvm.tcg.state;

/**
 * Architectural state of one x86-64 vCPU, in plain public fields so the interpreter and
 * translated bytecode can read and write them directly (getfield/putfield, or array loads for the
 * register files). RFLAGS is split: the arithmetic flags are lazy (see {@link Flags}), the rest
 * lives in {@link #rflagsOther}.
 */
public final class CpuState {
    /** RAX..R15, indexed by {@link Reg}. */
    public final long[] gpr = new long[16];
    public long rip;

    public int flagOp = Flags.EAGER;
    public int flagSize = 8;
    public long flagResult;
    public long flagSrc1;
    public long flagSrc2;
    public int flagCarryIn;
    /** RFLAGS without the arithmetic flags: DF, IF, TF, IOPL, AC, ID, ... and the fixed bit 1. */
    public long rflagsOther = Flags.FIXED_ONE;

    /** ES, CS, SS, DS, FS, GS indexed by {@link Segment}. */
    public final SegmentRegister[] segments = new SegmentRegister[Segment.COUNT];
    public final SegmentRegister ldtr = new SegmentRegister();
    public final SegmentRegister tr = new SegmentRegister();
    public final DescriptorTableRegister gdtr = new DescriptorTableRegister();
    public final DescriptorTableRegister idtr = new DescriptorTableRegister();

    public long cr0 = 0x60000010L;
    public long cr2;
    public long cr3;
    public long cr4;
    public long cr8;
    public long efer;
    public long star, lstar, cstar, sfmask, kernelGsBase, tscAux;
    public long sysenterCs, sysenterEsp, sysenterEip;
    public long apicBase = 0xfee00900L;
    public long pat = 0x0007040600070406L;
    /** Added to the retired-instruction count to form the TSC (IA32_TSC writes adjust it). */
    public long tscOffset;

    public CpuMode mode = CpuMode.REAL;
    public int cpl;
    public boolean halted;
    /** Set by MOV SS / POP SS / STI: interrupts stay blocked until after the next instruction. */
    public boolean interruptShadow;
    /** NMIs are blocked from NMI delivery until the next IRET. */
    public boolean nmiBlocked;
    /** After INIT on an application processor: nothing runs until a startup IPI (SIPI). */
    public boolean waitingForSipi;
    /** DR0..DR7 (DR4/DR5 unused: they alias DR6/DR7). Stored only: no breakpoints are raised. */
    public final long[] dr = {0, 0, 0, 0, 0, 0, 0xffff0ff0L, 0x400};

    /** XMM0..15 as (low, high) qword pairs: XMMn = xmm[2n], xmm[2n+1]. */
    public final long[] xmm = new long[32];
    public int mxcsr = 0x1f80;
    public final X87State x87 = new X87State();

    public CpuState() {
        for (int i = 0; i < segments.length; i++) {
            segments[i] = new SegmentRegister();
            segments[i].limit = 0xffff;
            segments[i].attributes = SegmentRegister.ATTR_PRESENT | 0x13;
        }
        segments[Segment.CS].attributes = SegmentRegister.ATTR_PRESENT | 0x1b;
    }

    public SegmentRegister segment(int index) {
        return segments[index];
    }

    public long rflags() {
        return rflagsOther | Flags.arithmetic(this);
    }

    /** Sets all of RFLAGS; the caller has already applied privilege rules to the bits that need them. */
    public void setRflags(long value) {
        rflagsOther = (value & ~Flags.ARITHMETIC) | Flags.FIXED_ONE;
        flagOp = Flags.EAGER;
        flagResult = value & Flags.ARITHMETIC;
    }

    /** Replaces just the arithmetic flags. */
    public void setArithmeticFlags(long bits) {
        flagOp = Flags.EAGER;
        flagResult = bits & Flags.ARITHMETIC;
    }

    public void setLazyFlags(int op, int size, long result, long src1, long src2) {
        flagOp = op;
        flagSize = size;
        flagResult = result;
        flagSrc1 = src1;
        flagSrc2 = src2;
    }

    public boolean directionDown() {
        return (rflagsOther & Flags.DF) != 0;
    }

    public boolean interruptsEnabled() {
        return (rflagsOther & Flags.IF) != 0;
    }

    /** Puts the CPU in flat 64-bit long mode at CPL 3, as a user process sees it (tests, benchmarks). */
    public void enterFlatLongMode(int cpl) {
        mode = CpuMode.LONG_64;
        this.cpl = cpl;
        efer = 0x500 | 0x1; // LMA | LME | SCE
        cr0 = 0x80050033L;
        cr4 = 0x6b0;       // PAE | PGE | OSFXSR | OSXMMEXCPT | PSE
        for (SegmentRegister s : segments) {
            s.load(0x2b | cpl, 0, 0xffffffff, SegmentRegister.ATTR_PRESENT | 0x93 | (cpl << 5));
        }
        segments[Segment.CS].load(0x33 | cpl, 0, 0xffffffff,
                SegmentRegister.ATTR_PRESENT | SegmentRegister.ATTR_LONG | 0x9b | (cpl << 5));
    }
}
