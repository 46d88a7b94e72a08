package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Flags;
import dev.jkvm.tcg.state.Reg;
import dev.jkvm.tcg.state.Width;

import java.math.BigInteger;

/**
 * MUL, IMUL (one-, two- and three-operand), DIV and IDIV. The widening forms use the accumulator
 * pair AH:AL, DX:AX, EDX:EAX or RDX:RAX; division raises #DE on zero or quotient overflow.
 */
public final class MultiplyDivide {
    private MultiplyDivide() {}

    /** CF = OF = overflow; SF, ZF, AF, PF are undefined and left as the result suggests. */
    private static void setOverflowFlags(CpuState s, int size, long low, boolean overflow) {
        s.setLazyFlags(Flags.RESULT_WITH_COA, size, low, overflow ? Flags.CF | Flags.OF : 0, 0);
    }

    /** Writes the double-width product or quotient/remainder pair to the accumulator registers. */
    private static void writePair(CpuState s, int size, long low, long high) {
        if (size == 1) {
            Operands.writeGpr(s, Reg.RAX, 2, (low & 0xff) | ((high & 0xff) << 8));
        } else {
            Operands.writeGpr(s, Reg.RAX, size, low);
            Operands.writeGpr(s, Reg.RDX, size, high);
        }
    }

    private static long accumulatorHigh(CpuState s, int size) {
        return size == 1 ? (s.gpr[Reg.RAX] >>> 8) & 0xff : s.gpr[Reg.RDX] & Width.mask(size);
    }

    public static void multiplyWide(Cpu cpu, Insn insn, boolean signed) {
        multiplyAccumulator(cpu.state, insn.size, signed, Operands.read(cpu, insn.src));
    }

    /** MUL or one-operand IMUL: the accumulator pair becomes the accumulator times b (zero-extended from size). */
    static void multiplyAccumulator(CpuState s, int size, boolean signed, long b) {
        long a = s.gpr[Reg.RAX] & Width.mask(size);
        long low, high;
        boolean overflow;
        if (size == 8) {
            low = a * b;
            high = signed ? Math.multiplyHigh(a, b) : Math.unsignedMultiplyHigh(a, b);
            overflow = signed ? high != (low >> 63) : high != 0;
        } else {
            int bits = Width.bits(size);
            long product = signed ? Width.signExtend(a, size) * Width.signExtend(b, size) : a * b;
            low = product & Width.mask(size);
            high = (product >> bits) & Width.mask(size);
            overflow = signed ? Width.signExtend(low, size) != product : high != 0;
        }
        writePair(s, size, low, high);
        setOverflowFlags(s, size, low, overflow);
    }

    /** IMUL r, r/m (dst *= src) and IMUL r, r/m, imm (dst = src * imm): truncated signed product. */
    public static void multiplyTruncated(Cpu cpu, Insn insn) {
        long a = Operands.read(cpu, insn.src);
        long b = Operands.read(cpu, insn.src2 != null ? insn.src2 : insn.dst);
        Operands.write(cpu, insn.dst, truncatedProduct(cpu.state, insn.size, a, b));
    }

    /** The signed product of a and b (of the given size), with CF and OF telling whether it overflowed size. */
    static long truncatedProduct(CpuState s, int size, long a, long b) {
        long sa = Width.signExtend(a, size), sb = Width.signExtend(b, size);
        long product = sa * sb;
        boolean overflow = size == 8 ? Math.multiplyHigh(sa, sb) != (product >> 63)
                : Width.signExtend(product, size) != product;
        setOverflowFlags(s, size, product, overflow);
        return product;
    }

    public static void divideUnsigned(Cpu cpu, Insn insn) {
        CpuState s = cpu.state;
        int size = insn.size;
        long divisor = Operands.read(cpu, insn.src);
        if (divisor == 0) throw CpuException.fault(CpuException.DIVIDE_ERROR);
        long high = accumulatorHigh(s, size);
        long low = s.gpr[Reg.RAX] & Width.mask(size == 1 ? 1 : size);
        long quotient, remainder;
        if (size == 8) {
            if (Long.compareUnsigned(high, divisor) >= 0) throw CpuException.fault(CpuException.DIVIDE_ERROR);
            if (high == 0) {
                quotient = Long.divideUnsigned(low, divisor);
                remainder = Long.remainderUnsigned(low, divisor);
            } else {
                BigInteger[] qr = unsigned128(high, low).divideAndRemainder(unsigned(divisor));
                quotient = qr[0].longValue();
                remainder = qr[1].longValue();
            }
        } else {
            long dividend = (high << Width.bits(size)) | low;
            quotient = Long.divideUnsigned(dividend, divisor);
            remainder = Long.remainderUnsigned(dividend, divisor);
            if ((quotient & ~Width.mask(size)) != 0) throw CpuException.fault(CpuException.DIVIDE_ERROR);
        }
        writePair(s, size, quotient, remainder);
    }

    public static void divideSigned(Cpu cpu, Insn insn) {
        CpuState s = cpu.state;
        int size = insn.size;
        long divisor = Width.signExtend(Operands.read(cpu, insn.src), size);
        if (divisor == 0) throw CpuException.fault(CpuException.DIVIDE_ERROR);
        long high = accumulatorHigh(s, size);
        long low = s.gpr[Reg.RAX] & Width.mask(size);
        long quotient, remainder;
        if (size == 8 && high == (low >> 63)) {
            if (low == Long.MIN_VALUE && divisor == -1) throw CpuException.fault(CpuException.DIVIDE_ERROR);
            quotient = low / divisor;
            remainder = low % divisor;
        } else if (size == 8) {
            BigInteger dividend = unsigned128(high, low);
            if (high < 0) dividend = dividend.subtract(BigInteger.ONE.shiftLeft(128));
            BigInteger[] qr = dividend.divideAndRemainder(BigInteger.valueOf(divisor));
            if (qr[0].bitLength() > 63) throw CpuException.fault(CpuException.DIVIDE_ERROR);
            quotient = qr[0].longValue();
            remainder = qr[1].longValue();
        } else {
            long dividend = (high << Width.bits(size)) | low;
            dividend = Width.signExtend(dividend, size * 2);
            quotient = dividend / divisor;
            remainder = dividend % divisor;
            if (Width.signExtend(quotient, size) != quotient) throw CpuException.fault(CpuException.DIVIDE_ERROR);
        }
        writePair(s, size, quotient, remainder);
    }

    private static BigInteger unsigned(long value) {
        return new BigInteger(Long.toUnsignedString(value));
    }

    private static BigInteger unsigned128(long high, long low) {
        return unsigned(high).shiftLeft(64).or(unsigned(low));
    }
}
