package dev.jkvm.tcg.decode;

/**
 * A resolved operand: a register, a memory reference (segment, base, index, scale, displacement,
 * address size) or an immediate. Immutable; the interpreter and translator read the fields.
 */
public final class Operand {
    public static final int GPR = 1, GPR_HIGH8 = 2, MEM = 3, IMM = 4, XMM = 5, X87 = 6, SEGMENT = 7;
    /** Base "register" meaning RIP-relative (displacement from the next instruction). */
    public static final int RIP = 16;
    public static final int NONE = -1;

    public final int kind;
    /** Size in bytes of the value accessed. */
    public final int size;
    /** GPR/XMM/ST(i)/segment number, or the MEM base register (NONE, or RIP). */
    public final int reg;
    public final int index;
    /** Index scale as a shift count 0..3. */
    public final int scale;
    /** MEM displacement, or IMM value (sign- or zero-extended as the encoding says). */
    public final long value;
    public final int segment;
    public final int addressSize;

    private Operand(int kind, int size, int reg, int index, int scale, long value, int segment, int addressSize) {
        this.kind = kind;
        this.size = size;
        this.reg = reg;
        this.index = index;
        this.scale = scale;
        this.value = value;
        this.segment = segment;
        this.addressSize = addressSize;
    }

    public static Operand gpr(int reg, int size) {
        return new Operand(GPR, size, reg, NONE, 0, 0, NONE, 0);
    }

    /** AH, CH, DH, BH: bits 8..15 of register reg (0..3). */
    public static Operand gprHigh8(int reg) {
        return new Operand(GPR_HIGH8, 1, reg, NONE, 0, 0, NONE, 0);
    }

    public static Operand xmm(int reg, int size) {
        return new Operand(XMM, size, reg, NONE, 0, 0, NONE, 0);
    }

    public static Operand x87(int stackIndex) {
        return new Operand(X87, 10, stackIndex, NONE, 0, 0, NONE, 0);
    }

    public static Operand segmentRegister(int sreg) {
        return new Operand(SEGMENT, 2, sreg, NONE, 0, 0, NONE, 0);
    }

    public static Operand imm(long value, int size) {
        return new Operand(IMM, size, NONE, NONE, 0, value, NONE, 0);
    }

    public static Operand mem(int size, int segment, int base, int index, int scale, long disp, int addressSize) {
        return new Operand(MEM, size, base, index, scale, disp, segment, addressSize);
    }

    /** The same operand accessed with another size (e.g. MOVZX source, SSE scalar forms). */
    public Operand withSize(int newSize) {
        return newSize == size ? this : new Operand(kind, newSize, reg, index, scale, value, segment, addressSize);
    }

    public boolean isMemory() {
        return kind == MEM;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case GPR -> "r" + reg + ":" + size;
            case GPR_HIGH8 -> "h" + reg;
            case XMM -> "xmm" + reg;
            case X87 -> "st" + reg;
            case SEGMENT -> "sreg" + reg;
            case IMM -> "$" + Long.toHexString(value);
            default -> "m" + size + "[" + (segment >= 0 ? "seg" + segment + ":" : "") + (reg == RIP ? "rip" : "r" + reg)
                    + (index >= 0 ? "+r" + index + "<<" + scale : "") + "+" + Long.toHexString(value) + "]";
        };
    }
}
