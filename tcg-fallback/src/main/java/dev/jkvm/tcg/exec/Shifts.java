package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.decode.Operand;
import dev.jkvm.tcg.decode.ShiftKind;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Flags;
import dev.jkvm.tcg.state.Width;

/**
 * Shifts, rotates and double shifts. The count is masked to 5 bits (6 for 64-bit operands); a
 * masked count of zero changes no flags. Shifts keep lazy SF/ZF/PF with precomputed CF/OF; rotates
 * only touch CF and OF, so they keep the recorded result for SF/ZF/PF and precompute AF.
 */
public final class Shifts {
    private Shifts() {}

    public static int maskedCount(long count, int size) {
        return (int) count & (size == 8 ? 63 : 31);
    }

    public static void shift(Cpu cpu, Insn insn) {
        int size = insn.size;
        int count = maskedCount(Operands.read(cpu, insn.src), size);
        Operand dst = insn.dst;
        long address = Operands.addressOf(cpu, dst);
        long a = Operands.readAt(cpu, dst, address);
        if (count == 0) {
            Operands.writeAt(cpu, dst, address, a); // still a write: 32-bit registers zero-extend
            return;
        }
        if (insn.sub == ShiftKind.RCL || insn.sub == ShiftKind.RCR) {
            rotateThroughCarry(cpu, insn, address, a, count);
            return;
        }
        long result = shifted(insn.sub, a, count, size);
        Operands.writeAt(cpu, dst, address, result); // before the flags: a faulting store changes nothing
        setFlags(cpu.state, insn.sub, size, a, result, count);
    }

    /** A shift or rotate (not through carry) of a, zero-extended from size, by a masked count above zero. */
    static long shifted(int kind, long a, int count, int size) {
        int bits = Width.bits(size);
        return switch (kind) {
            case ShiftKind.ROL, ShiftKind.ROR -> {
                int n = count & (bits - 1); // bits is a power of two: no division
                long mask = Width.mask(size);
                if (n == 0) yield a;
                yield kind == ShiftKind.ROL ? ((a << n) | (a >>> (bits - n))) & mask : ((a >>> n) | (a << (bits - n))) & mask;
            }
            case ShiftKind.SHR -> a >>> count;
            case ShiftKind.SAR -> Width.signExtend(a, size) >> count;
            default -> a << count; // SHL, SAL
        };
    }

    /** The flags after {@link #shifted} turned a into result. */
    static void setFlags(CpuState s, int kind, int size, long a, long result, int count) {
        int bits = Width.bits(size);
        boolean carry, overflow;
        switch (kind) {
            case ShiftKind.ROL, ShiftKind.ROR -> {
                boolean msb = Width.isNegative(result, size);
                if (kind == ShiftKind.ROL) {
                    carry = (result & 1) != 0;
                    overflow = msb ^ carry;
                } else {
                    carry = msb;
                    overflow = msb ^ (((result >>> (bits - 2)) & 1) != 0);
                }
                setCarryAndOverflow(s, carry, overflow);
                return;
            }
            case ShiftKind.SHR -> {
                carry = ((a >>> (count - 1)) & 1) != 0;
                overflow = Width.isNegative(a, size);
            }
            case ShiftKind.SAR -> {
                carry = ((Width.signExtend(a, size) >> (count - 1)) & 1) != 0;
                overflow = false;
            }
            default -> { // SHL, SAL
                carry = count <= bits && ((a >>> (bits - count)) & 1) != 0;
                overflow = Width.isNegative(result, size) ^ carry;
            }
        }
        s.setLazyFlags(Flags.RESULT_WITH_COA, size, result, (carry ? Flags.CF : 0) | (overflow ? Flags.OF : 0), 0);
    }

    private static void rotateThroughCarry(Cpu cpu, Insn insn, long address, long a, int count) {
        CpuState s = cpu.state;
        int size = insn.size;
        int bits = Width.bits(size);
        int n = size <= 2 ? count % (bits + 1) : count;
        boolean carry = Flags.carry(s);
        long value = a;
        boolean overflow;
        if (insn.sub == ShiftKind.RCL) {
            for (int i = 0; i < n; i++) {
                boolean out = Width.isNegative(value, size);
                value = ((value << 1) | (carry ? 1 : 0)) & Width.mask(size);
                carry = out;
            }
            overflow = Width.isNegative(value, size) ^ carry;
        } else {
            overflow = Width.isNegative(value, size) ^ carry;
            for (int i = 0; i < n; i++) {
                boolean out = (value & 1) != 0;
                value = (value >>> 1) | (carry ? Width.signBit(size) : 0);
                carry = out;
            }
        }
        Operands.writeAt(cpu, insn.dst, address, value);
        setCarryAndOverflow(s, carry, overflow);
    }

    /**
     * Replaces CF and OF, keeping the other flags. Lazy SF, ZF and PF follow from the recorded result
     * whatever the operation, so they stay lazy: only AF is computed, kept beside the new CF and OF.
     */
    private static void setCarryAndOverflow(CpuState s, boolean carry, boolean overflow) {
        long carryAndOverflow = (carry ? Flags.CF : 0) | (overflow ? Flags.OF : 0);
        if (s.flagOp == Flags.EAGER) {
            s.flagResult = (s.flagResult & ~(Flags.CF | Flags.OF)) | carryAndOverflow;
            return;
        }
        s.flagSrc1 = (Flags.auxiliary(s) ? Flags.AF : 0) | carryAndOverflow;
        s.flagOp = Flags.RESULT_WITH_COA;
    }

    /** SHLD/SHRD: shift dst, filling from src. Counts above the operand width leave an undefined result. */
    public static void doubleShift(Cpu cpu, Insn insn, boolean left) {
        int size = insn.size;
        int count = maskedCount(Operands.read(cpu, insn.src2), size);
        Operand dst = insn.dst;
        long address = Operands.addressOf(cpu, dst);
        long a = Operands.readAt(cpu, dst, address);
        if (count == 0) {
            Operands.writeAt(cpu, dst, address, a);
            return;
        }
        long b = Operands.read(cpu, insn.src);
        int bits = Width.bits(size);
        long result;
        boolean carry;
        if (size == 2) {
            // A 16-bit double shift behaves like a 32-bit shift of dst:src (or src:dst) for counts up to 16.
            long pair = left ? (a << 16) | b : (b << 16) | a;
            pair |= pair << 32;
            result = left ? (pair << count) >>> 16 : pair >>> count;
            carry = left ? ((pair >>> (32 - count)) & 1) != 0 : ((pair >>> (count - 1)) & 1) != 0;
        } else if (left) {
            result = (a << count) | (b >>> (bits - count));
            carry = ((a >>> (bits - count)) & 1) != 0;
        } else {
            result = (a >>> count) | (b << (bits - count));
            carry = ((a >>> (count - 1)) & 1) != 0;
        }
        result &= Width.mask(size);
        boolean overflow = Width.isNegative(result ^ a, size);
        Operands.writeAt(cpu, dst, address, result);
        cpu.state.setLazyFlags(Flags.RESULT_WITH_COA, size, result,
                (carry ? Flags.CF : 0) | (overflow ? Flags.OF : 0), 0);
    }
}
