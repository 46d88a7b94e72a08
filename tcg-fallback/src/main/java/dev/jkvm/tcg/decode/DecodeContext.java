package dev.jkvm.tcg.decode;

import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.state.CpuMode;
import dev.jkvm.tcg.state.Reg;
import dev.jkvm.tcg.state.Segment;

/** Cursor and prefix state while decoding one instruction, plus the shared operand helpers. */
final class DecodeContext {
    static final int MAX_LENGTH = 15;
    static final int NO_PREFIX = 0, PREFIX_66 = 1, PREFIX_F3 = 2, PREFIX_F2 = 3;

    final CodeFetcher code;
    final CpuMode mode;
    int position;
    int prefixes;
    int segmentOverride = Operand.NONE;
    boolean operandSizePrefix;
    boolean addressSizePrefix;
    /** The last of F2/F3 (which select SSE forms over 66), else 66, else none. */
    int simdPrefix = NO_PREFIX;
    int rex;
    int operandSize;
    int addressSize;

    int mod;
    /** ModRM reg field extended by REX.R. */
    int reg;
    /** ModRM rm field extended by REX.B (register forms only). */
    int rm;
    private Operand memory;

    DecodeContext(CodeFetcher code, CpuMode mode) {
        this.code = code;
        this.mode = mode;
    }

    int nextByte() {
        if (position >= MAX_LENGTH) throw CpuException.generalProtection();
        return code.fetch(position++) & 0xff;
    }

    int peekByte() {
        return code.fetch(position) & 0xff;
    }

    /** A little-endian immediate of size bytes, sign-extended to 64 bits. */
    long immediate(int size) {
        long value = 0;
        for (int i = 0; i < size; i++) value |= (long) nextByte() << (8 * i);
        int shift = 64 - 8 * size;
        return (value << shift) >> shift;
    }

    /** The Iz immediate: operand-sized but at most 32 bits, sign-extended to the operand size. */
    Operand immediateZ(int size) {
        return Operand.imm(immediate(Math.min(size, 4)), size);
    }

    Operand immediate8(int size) {
        return Operand.imm(immediate(1), size);
    }

    boolean rexW() {
        return (rex & 8) != 0;
    }

    /** Operand size for instructions that default to 64 bits in long mode (push, pop, near branches). */
    int stackOperandSize() {
        if (mode.is64()) return operandSizePrefix ? 2 : 8;
        return operandSize;
    }

    /** Near branches are always 64-bit in long mode (Intel ignores 66 there). */
    int branchSize() {
        return mode.is64() ? 8 : operandSize;
    }

    void resolveSizes() {
        if (mode.is64() && rexW()) {
            operandSize = 8;
        } else {
            int d = mode.defaultOperandSize;
            operandSize = operandSizePrefix ? (d == 2 ? 4 : 2) : d;
        }
        int a = mode.defaultAddressSize;
        addressSize = addressSizePrefix ? (a == 8 ? 4 : a == 4 ? 2 : 4) : a;
    }

    void readModrm() {
        int modrm = nextByte();
        mod = modrm >> 6;
        reg = ((modrm >> 3) & 7) | ((rex & 4) << 1);
        int rmLow = modrm & 7;
        memory = null;
        if (mod == 3) {
            rm = rmLow | ((rex & 1) << 3);
        } else if (addressSize == 2) {
            memory = sixteenBitMemory(rmLow);
        } else {
            memory = memoryOperand(rmLow);
        }
    }

    private Operand memoryOperand(int rmLow) {
        int base, index = Operand.NONE, scale = 0;
        long disp;
        if (rmLow == 4) {
            int sib = nextByte();
            scale = sib >> 6;
            int indexField = ((sib >> 3) & 7) | ((rex & 2) << 2);
            if (indexField != Reg.RSP) index = indexField;
            base = (sib & 7) | ((rex & 1) << 3);
            if ((sib & 7) == 5 && mod == 0) base = Operand.NONE;
        } else {
            base = rmLow | ((rex & 1) << 3);
            if (rmLow == 5 && mod == 0) base = mode.is64() ? Operand.RIP : Operand.NONE;
        }
        if (mod == 1) disp = immediate(1);
        else if (mod == 2 || base == Operand.NONE || base == Operand.RIP) disp = immediate(4);
        else disp = 0;
        boolean stackBased = base == Reg.RSP || base == Reg.RBP;
        return Operand.mem(0, segmentFor(stackBased), base, index, scale, disp, addressSize);
    }

    private static final int[] SIXTEEN_BIT_BASE = {Reg.RBX, Reg.RBX, Reg.RBP, Reg.RBP, Reg.RSI, Reg.RDI, Reg.RBP, Reg.RBX};
    private static final int[] SIXTEEN_BIT_INDEX = {Reg.RSI, Reg.RDI, Reg.RSI, Reg.RDI, -1, -1, -1, -1};

    private Operand sixteenBitMemory(int rmLow) {
        int base = SIXTEEN_BIT_BASE[rmLow];
        int index = SIXTEEN_BIT_INDEX[rmLow];
        long disp;
        if (mod == 0 && rmLow == 6) {
            base = Operand.NONE;
            disp = immediate(2) & 0xffff;
        } else {
            disp = mod == 1 ? immediate(1) : mod == 2 ? immediate(2) : 0;
        }
        return Operand.mem(0, segmentFor(base == Reg.RBP), base, index, 0, disp, 2);
    }

    private int segmentFor(boolean stackBased) {
        if (segmentOverride != Operand.NONE) return segmentOverride;
        return stackBased ? Segment.SS : Segment.DS;
    }

    boolean isMemoryForm() {
        return mod != 3;
    }

    /** The ModRM r/m operand as a general-purpose register or memory of the given size. */
    Operand e(int size) {
        return mod == 3 ? gpr(rm, size) : memory.withSize(size);
    }

    /** The ModRM r/m operand as an XMM register or memory. */
    Operand w(int size) {
        return mod == 3 ? Operand.xmm(rm, size) : memory.withSize(size);
    }

    /** The memory operand; the register form is undefined for this instruction. */
    Operand memoryOnly(int size) {
        return mod == 3 ? null : memory.withSize(size);
    }

    Operand g(int size) {
        return gpr(reg, size);
    }

    Operand v(int size) {
        return Operand.xmm(reg, size);
    }

    /** A GPR of the given size; without REX, byte registers 4..7 are AH, CH, DH, BH. */
    Operand gpr(int number, int size) {
        if (size == 1 && rex == 0 && number >= 4 && number < 8) return Operand.gprHigh8(number - 4);
        return Operand.gpr(number, size);
    }

    /** Default data segment for string sources (DS unless overridden). */
    int dataSegment() {
        return segmentOverride != Operand.NONE ? segmentOverride : Segment.DS;
    }

    Insn insn(Op op, int sub, int size, Operand dst, Operand src, Operand src2) {
        return new Insn(op, sub, size, dst, src, src2, position, prefixes, addressSize, dataSegment());
    }

    Insn insn(Op op, int size, Operand dst, Operand src) {
        return insn(op, 0, size, dst, src, null);
    }

    Insn undefined() {
        return new Insn(Op.UNDEFINED, 0, 0, null, null, null, Math.max(position, 1), prefixes, addressSize, Segment.DS);
    }
}
