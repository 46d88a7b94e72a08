package dev.jkvm.tcg.exec;

import static dev.jkvm.tcg.decode.SseKind.*;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.decode.Insn;

/** CVT* between integers, singles and doubles, honouring MXCSR rounding and flags. */
final class SseConvert {
    private SseConvert() {}

    static void convert(Cpu cpu, Insn insn) {
        FloatContext c = new FloatContext(cpu.state.mxcsr);
        int kind = insn.sub;
        switch (kind) {
            case INT_TO_SS, INT_TO_SD -> {
                long v = Operands.read(cpu, insn.src);
                if (insn.src.size == 4) v = (int) v;
                long r = fromInteger(c, v, kind == INT_TO_SD);
                c.commit(cpu);
                mergeLow(cpu, insn.dst.reg, r, kind == INT_TO_SD ? 64 : 32);
            }
            case SS_TO_INT, SD_TO_INT, SS_TO_INT_TRUNC, SD_TO_INT_TRUNC -> {
                boolean isDouble = kind == SD_TO_INT || kind == SD_TO_INT_TRUNC;
                long bits = SseOperands.read(cpu, insn.src, false)[0];
                long r = toInteger(c, bits, isDouble, kind >= SS_TO_INT_TRUNC, insn.size);
                c.commit(cpu);
                Operands.write(cpu, insn.dst, r);
            }
            case SS_TO_SD -> {
                long r = widen(c, SseOperands.read(cpu, insn.src, false)[0]);
                c.commit(cpu);
                mergeLow(cpu, insn.dst.reg, r, 64);
            }
            case SD_TO_SS -> {
                long r = narrow(c, SseOperands.read(cpu, insn.src, false)[0]);
                c.commit(cpu);
                mergeLow(cpu, insn.dst.reg, r, 32);
            }
            default -> packed(cpu, insn, c);
        }
    }

    private static void packed(Cpu cpu, Insn insn, FloatContext c) {
        long[] src = SseOperands.read(cpu, insn.src, insn.src.size == 16);
        long low, high;
        switch (insn.sub) {
            case PS_TO_PD -> {
                low = widen(c, src[0] & 0xffffffffL);
                high = widen(c, src[0] >>> 32);
            }
            case PD_TO_PS -> {
                low = narrow(c, src[0]) | narrow(c, src[1]) << 32;
                high = 0;
            }
            case DQ_TO_PS -> {
                low = pairOf32(fromInteger(c, (int) src[0], false), fromInteger(c, (int) (src[0] >>> 32), false));
                high = pairOf32(fromInteger(c, (int) src[1], false), fromInteger(c, (int) (src[1] >>> 32), false));
            }
            case PS_TO_DQ, PS_TO_DQ_TRUNC -> {
                boolean truncate = insn.sub == PS_TO_DQ_TRUNC;
                low = pairOf32(toInteger(c, src[0] & 0xffffffffL, false, truncate, 4), toInteger(c, src[0] >>> 32, false, truncate, 4));
                high = pairOf32(toInteger(c, src[1] & 0xffffffffL, false, truncate, 4), toInteger(c, src[1] >>> 32, false, truncate, 4));
            }
            case DQ_TO_PD -> {
                low = Double.doubleToRawLongBits((int) src[0]);
                high = Double.doubleToRawLongBits((int) (src[0] >>> 32));
            }
            default -> { // PD_TO_DQ, PD_TO_DQ_TRUNC
                boolean truncate = insn.sub == PD_TO_DQ_TRUNC;
                low = pairOf32(toInteger(c, src[0], true, truncate, 4), toInteger(c, src[1], true, truncate, 4));
                high = 0;
            }
        }
        c.commit(cpu);
        SseOperands.set(cpu, insn.dst.reg, low, high);
    }

    private static long pairOf32(long low, long high) {
        return (low & 0xffffffffL) | (high << 32);
    }

    private static void mergeLow(Cpu cpu, int reg, long value, int bits) {
        long mask = bits == 64 ? -1L : 0xffffffffL;
        cpu.state.xmm[2 * reg] = (cpu.state.xmm[2 * reg] & ~mask) | (value & mask);
    }

    /** A signed integer to single or double; 64-bit integers may round. */
    private static long fromInteger(FloatContext c, long v, boolean toDouble) {
        double nearest = (double) v;
        int errorSign;
        if (nearest == 0x1p63) {
            errorSign = -1; // v < 2^63 always
        } else {
            errorSign = Long.signum(v - (long) nearest);
        }
        return c.round(nearest, errorSign, toDouble);
    }

    /** Single or double to a 32- or 64-bit integer; NaN or out of range gives the integer indefinite. */
    private static long toInteger(FloatContext c, long bits, boolean isDouble, boolean truncate, int size) {
        double v = c.conversionOperand(bits, isDouble);
        long indefinite = size == 8 ? Long.MIN_VALUE : Integer.MIN_VALUE & 0xffffffffL;
        if (Double.isNaN(v)) {
            c.flags |= FloatContext.IE;
            return indefinite;
        }
        double rounded = c.roundToIntegral(v, truncate);
        double limit = size == 8 ? 0x1p63 : 0x1p31;
        if (rounded >= limit || rounded < -limit) {
            c.flags |= FloatContext.IE;
            return indefinite;
        }
        if (rounded != v) c.flags |= FloatContext.PE;
        long result = (long) rounded;
        return size == 8 ? result : result & 0xffffffffL;
    }

    /** Single to double: exact; SNaN raises IE and is quieted. */
    private static long widen(FloatContext c, long singleBits) {
        float f = Float.intBitsToFloat((int) singleBits);
        if (Float.isNaN(f)) {
            if (FloatContext.isSignaling(singleBits, false)) c.flags |= FloatContext.IE;
            long sign = (singleBits & 0x80000000L) << 32;
            return sign | 0x7ff8000000000000L | ((singleBits & 0x3fffffL) << 29);
        }
        return Double.doubleToRawLongBits(c.operand(singleBits, false));
    }

    /** Double to single with rounding; NaN payloads keep their top bits. */
    private static long narrow(FloatContext c, long doubleBits) {
        double d = Double.longBitsToDouble(doubleBits);
        if (Double.isNaN(d)) {
            if (FloatContext.isSignaling(doubleBits, true)) c.flags |= FloatContext.IE;
            long sign = (doubleBits >>> 32) & 0x80000000L;
            return sign | 0x7fc00000L | ((doubleBits >>> 29) & 0x3fffffL);
        }
        double v = c.operand(doubleBits, true);
        if (Double.isInfinite(v)) return FloatContext.bits(v, false);
        return c.round(v, 0, false);
    }
}
