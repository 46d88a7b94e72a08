package dev.jkvm.tcg.decode;

/** Sub-operations of {@link Op#SYSTEM}: segment, descriptor-table, control-register and mode-changing instructions. */
public final class SysOp {
    public static final int MOV_TO_SEGMENT = 1;     // dst: segment, src: r/m16
    public static final int PUSH_SEGMENT = 2;       // src: segment
    public static final int POP_SEGMENT = 3;        // dst: segment
    public static final int LOAD_FAR_POINTER = 4;   // dst: gpr, src: m16:offset, src2: segment
    public static final int JMP_FAR_IMMEDIATE = 5;  // src: offset, src2: selector
    public static final int CALL_FAR_IMMEDIATE = 6;
    public static final int JMP_FAR_MEMORY = 7;     // src: m16:offset (size = offset size)
    public static final int CALL_FAR_MEMORY = 8;
    public static final int RET_FAR = 9;            // src: bytes to release
    public static final int IRET = 10;
    public static final int INTO = 11;
    public static final int PUSHA = 12;
    public static final int POPA = 13;
    public static final int MOV_TO_CR = 14;         // dst: imm CR number, src: gpr
    public static final int MOV_FROM_CR = 15;       // dst: gpr, src: imm CR number
    public static final int MOV_TO_DR = 16;
    public static final int MOV_FROM_DR = 17;
    public static final int RDMSR = 18;
    public static final int WRMSR = 19;
    public static final int RDTSCP = 20;
    public static final int SYSCALL = 21;
    public static final int SYSRET = 22;
    public static final int SWAPGS = 23;
    public static final int LGDT = 24;
    public static final int LIDT = 25;
    public static final int SGDT = 26;
    public static final int SIDT = 27;
    public static final int LLDT = 28;
    public static final int SLDT = 29;
    public static final int LTR = 30;
    public static final int STR = 31;
    public static final int LMSW = 32;
    public static final int SMSW = 33;
    public static final int INVLPG = 34;
    public static final int CLTS = 35;
    public static final int CACHE_INVALIDATE = 36; // INVD, WBINVD: no caches modelled, CPL 0 only
    public static final int LAR = 37;
    public static final int LSL = 38;
    public static final int VERR = 39;
    public static final int VERW = 40;
    public static final int RDPMC = 41;
    public static final int INT1 = 42;
    /** EMMS (MMX state is not modelled otherwise; Linux's AMD FXSAVE-leak workaround executes it). */
    public static final int EMMS = 43;

    private SysOp() {}
}
