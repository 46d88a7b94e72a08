package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.decode.SseKind;
import dev.jkvm.tcg.state.Flags;

/** ADD/SUB/MUL/DIV/MIN/MAX/SQRT, CMP and (U)COMI in PS/PD/SS/SD forms. */
final class SseFloat {
    private SseFloat() {}

    /** Applies a per-lane function to dst and src lanes: all lanes for packed forms, lane 0 for scalar. */
    @FunctionalInterface
    private interface LaneFunction {
        long apply(FloatContext context, long a, long b, boolean isDouble);
    }

    private static void lanes(Cpu cpu, Insn insn, LaneFunction function) {
        int format = SseKind.format(insn.sub);
        boolean isDouble = SseKind.isDouble(format);
        int laneBits = isDouble ? 64 : 32;
        int laneCount = SseKind.isScalar(format) ? 1 : 128 / laneBits;
        long[] src = SseOperands.read(cpu, insn.src, true);
        int d = insn.dst.reg;
        long[] result = {SseOperands.low(cpu, d), SseOperands.high(cpu, d)};
        FloatContext context = new FloatContext(cpu.state.mxcsr);
        long laneMask = isDouble ? -1L : 0xffffffffL;
        for (int lane = 0; lane < laneCount; lane++) {
            int q = lane * laneBits / 64, shift = lane * laneBits % 64;
            long a = (result[q] >>> shift) & laneMask, b = (src[q] >>> shift) & laneMask;
            long r = function.apply(context, a, b, isDouble) & laneMask;
            result[q] = (result[q] & ~(laneMask << shift)) | (r << shift);
        }
        context.commit(cpu);
        SseOperands.set(cpu, d, result[0], result[1]);
    }

    static void arithmetic(Cpu cpu, Insn insn) {
        int operation = insn.sub >> 2;
        lanes(cpu, insn, (context, a, b, isDouble) -> compute(context, operation, a, b, isDouble));
    }

    private static long compute(FloatContext c, int operation, long aBits, long bBits, boolean isDouble) {
        if (operation == SseKind.SQRT) aBits = bBits; // SQRT has one (source) operand
        if (operation == SseKind.MIN || operation == SseKind.MAX) return minMax(c, operation, aBits, bBits, isDouble);
        if (c.checkNaNs(aBits, bBits, isDouble)) return FloatContext.propagateNaN(aBits, bBits, isDouble);
        // invalid operations and division by zero are detected first and suppress DE
        double quietA = c.conversionOperand(aBits, isDouble), quietB = c.conversionOperand(bBits, isDouble);
        if (operation == SseKind.SQRT && quietB < 0) return c.invalid(isDouble);
        if (operation == SseKind.DIV && quietB == 0) {
            if (quietA == 0 || Double.isNaN(quietA)) return c.invalid(isDouble);
            if (Double.isFinite(quietA)) {
                c.flags |= FloatContext.ZE;
                return FloatContext.bits(quietA / quietB, isDouble);
            }
        }
        double a = c.operand(aBits, isDouble), b = operation == SseKind.SQRT ? a : c.operand(bBits, isDouble);
        double r;
        int errorSign;
        switch (operation) {
            case SseKind.ADD, SseKind.SUB -> {
                if (operation == SseKind.SUB) b = -b;
                if (Double.isInfinite(a) && Double.isInfinite(b) && a != b) return c.invalid(isDouble);
                r = a + b;
                double bVirtual = r - a;
                double error = (a - (r - bVirtual)) + (b - bVirtual);
                errorSign = Double.isFinite(r) ? (int) Math.signum(error) : 0;
                boolean sameSignZeros = a == 0 && b == 0 && (1 / a > 0) == (1 / b > 0);
                if (r == 0 && !sameSignZeros) r = c.rounding == FloatContext.DOWN ? -0.0 : 0.0; // exact zero sum
            }
            case SseKind.MUL -> {
                if ((Double.isInfinite(a) && b == 0) || (a == 0 && Double.isInfinite(b))) return c.invalid(isDouble);
                r = a * b;
                errorSign = !Double.isFinite(r) ? 0 : nearUnderflow(a, b, r)
                        ? exact(a).multiply(exact(b)).compareTo(exact(r)) : (int) Math.signum(Math.fma(a, b, -r));
            }
            case SseKind.DIV -> {
                if (Double.isInfinite(a) && Double.isInfinite(b)) return c.invalid(isDouble);
                r = a / b;
                if (!Double.isFinite(r) || Double.isInfinite(a) || Double.isInfinite(b)) {
                    errorSign = 0;
                } else if (nearUnderflow(a, b, r)) {
                    errorSign = exact(a).compareTo(exact(r).multiply(exact(b))) * (int) Math.signum(b);
                } else {
                    errorSign = (int) (Math.signum(-Math.fma(r, b, -a)) * Math.signum(b));
                }
            }
            default -> { // SQRT
                r = Math.sqrt(a);
                errorSign = !Double.isFinite(r) ? 0 : nearUnderflow(a, r, r)
                        ? exact(a).compareTo(exact(r).multiply(exact(r))) : (int) Math.signum(-Math.fma(r, r, -a));
            }
        }
        if (isDouble && Double.isInfinite(r) && Double.isFinite(a) && Double.isFinite(b)) return overflow(c, r > 0);
        return c.round(r, errorSign, isDouble);
    }

    /**
     * Below about 2^-900 the FMA error terms can themselves underflow, losing the sign of the
     * rounding error; such (rare) cases compare exactly in BigDecimal instead.
     */
    private static boolean nearUnderflow(double a, double b, double r) {
        double tiny = 0x1p-900;
        return Math.abs(a) < tiny || Math.abs(b) < tiny || Math.abs(r) < tiny;
    }

    private static java.math.BigDecimal exact(double v) {
        return new java.math.BigDecimal(v);
    }

    /** A double-precision result beyond the largest finite value: OE and PE, value by rounding mode. */
    private static long overflow(FloatContext c, boolean positive) {
        c.flags |= FloatContext.OE | FloatContext.PE;
        boolean toInfinity = switch (c.rounding) {
            case FloatContext.NEAREST -> true;
            case FloatContext.DOWN -> !positive;
            case FloatContext.UP -> positive;
            default -> false;
        };
        double magnitude = toInfinity ? Double.POSITIVE_INFINITY : Double.MAX_VALUE;
        return Double.doubleToRawLongBits(positive ? magnitude : -magnitude);
    }

    /** MIN/MAX: any NaN (or equal values, including ±0) returns the second operand unchanged. */
    private static long minMax(FloatContext c, int operation, long aBits, long bBits, boolean isDouble) {
        if (FloatContext.isNaN(aBits, isDouble) || FloatContext.isNaN(bBits, isDouble)) {
            c.flags |= FloatContext.IE;
            return FloatContext.isNaN(bBits, isDouble) ? bBits : FloatContext.bits(c.conversionOperand(bBits, isDouble), isDouble);
        }
        double a = c.operand(aBits, isDouble), b = c.operand(bBits, isDouble);
        boolean first = operation == SseKind.MIN ? a < b : a > b;
        return FloatContext.bits(first ? a : b, isDouble);
    }

    /** CMPccPS/PD/SS/SD with predicates EQ, LT, LE, UNORD, NEQ, NLT, NLE, ORD. */
    static void compare(Cpu cpu, Insn insn) {
        int predicate = insn.sub >> 2;
        lanes(cpu, insn, (c, aBits, bBits, isDouble) -> {
            boolean signalsOnQuietNaN = predicate == 1 || predicate == 2 || predicate == 5 || predicate == 6;
            boolean unordered = c.checkNaNs(aBits, bBits, isDouble);
            if (unordered && signalsOnQuietNaN) c.flags |= FloatContext.IE;
            double a = unordered ? 0 : c.operand(aBits, isDouble), b = unordered ? 0 : c.operand(bBits, isDouble);
            boolean result = switch (predicate) {
                case 0 -> !unordered && a == b;
                case 1 -> !unordered && a < b;
                case 2 -> !unordered && a <= b;
                case 3 -> unordered;
                case 4 -> unordered || a != b;
                case 5 -> unordered || !(a < b);
                case 6 -> unordered || !(a <= b);
                default -> !unordered;
            };
            return result ? -1L : 0;
        });
    }

    /** COMISS/UCOMISS/COMISD/UCOMISD: ZF, PF, CF from the comparison; OF, SF, AF cleared. */
    static void compareToFlags(Cpu cpu, Insn insn) {
        boolean isDouble = SseKind.isDouble(SseKind.format(insn.sub));
        boolean ordered = (insn.sub & 4) != 0;
        long aBits = SseOperands.low(cpu, insn.dst.reg) & (isDouble ? -1L : 0xffffffffL);
        long bBits = SseOperands.read(cpu, insn.src, false)[0];
        FloatContext c = new FloatContext(cpu.state.mxcsr);
        long flags;
        if (c.checkNaNs(aBits, bBits, isDouble)) {
            if (ordered) c.flags |= FloatContext.IE;
            flags = Flags.ZF | Flags.PF | Flags.CF;
        } else {
            double a = c.operand(aBits, isDouble), b = c.operand(bBits, isDouble);
            flags = a > b ? 0 : a < b ? Flags.CF : Flags.ZF;
        }
        c.commit(cpu);
        cpu.state.setArithmeticFlags(flags);
    }
}
