package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuException;

/**
 * IEEE semantics for one SSE instruction under MXCSR: rounding mode, DAZ, FTZ, and the exception
 * flags it raises. Java arithmetic rounds to nearest; every result is computed together with the
 * sign of its rounding error (from error-free transformations), which makes the other rounding
 * modes and exact PE/UE/OE reporting possible. Values travel as raw bits of the format.
 */
final class FloatContext {
    static final int IE = 1, DE = 2, ZE = 4, OE = 8, UE = 0x10, PE = 0x20;
    static final int NEAREST = 0, DOWN = 1, UP = 2, TOWARD_ZERO = 3;
    private static final int DAZ = 0x40, FTZ = 0x8000;
    static final long DOUBLE_DEFAULT_NAN = 0xfff8000000000000L;
    static final long FLOAT_DEFAULT_NAN = 0xffc00000L;

    final int rounding;
    private final boolean denormalsAreZero;
    private final boolean flushToZero;
    int flags;

    FloatContext(int mxcsr) {
        rounding = (mxcsr >> 13) & 3;
        denormalsAreZero = (mxcsr & DAZ) != 0;
        flushToZero = (mxcsr & FTZ) != 0;
    }

    /** Merges the flags into MXCSR; an unmasked one raises #XM (or #UD without CR4.OSXMMEXCPT). */
    void commit(Cpu cpu) {
        cpu.state.mxcsr |= flags;
        int unmasked = flags & ~(cpu.state.mxcsr >> 7) & 0x3f;
        if (unmasked != 0) {
            boolean osxmmexcpt = (cpu.state.cr4 & (1 << 10)) != 0;
            throw CpuException.fault(osxmmexcpt ? CpuException.SIMD_FAULT : CpuException.INVALID_OPCODE);
        }
    }

    // ---- format helpers ----

    static boolean isNaN(long bits, boolean isDouble) {
        return isDouble ? Double.isNaN(Double.longBitsToDouble(bits)) : Float.isNaN(Float.intBitsToFloat((int) bits));
    }

    static boolean isSignaling(long bits, boolean isDouble) {
        return isNaN(bits, isDouble) && (bits & (isDouble ? 1L << 51 : 1L << 22)) == 0;
    }

    static long quiet(long bits, boolean isDouble) {
        return bits | (isDouble ? 1L << 51 : 1L << 22);
    }

    static double value(long bits, boolean isDouble) {
        return isDouble ? Double.longBitsToDouble(bits) : Float.intBitsToFloat((int) bits);
    }

    static long bits(double value, boolean isDouble) {
        return isDouble ? Double.doubleToRawLongBits(value) : Float.floatToRawIntBits((float) value) & 0xffffffffL;
    }

    private static boolean isDenormal(double v, boolean isDouble) {
        double min = isDouble ? Double.MIN_NORMAL : Float.MIN_NORMAL;
        return v != 0 && Math.abs(v) < min;
    }

    /** An input operand: denormals become zero under DAZ, else raise DE. */
    double operand(long bits, boolean isDouble) {
        double v = value(bits, isDouble);
        if (isDenormal(v, isDouble)) {
            if (denormalsAreZero) return Math.copySign(0.0, v);
            flags |= DE;
        }
        return v;
    }

    /** An input of a float-to-integer conversion: DAZ applies, but these never report DE. */
    double conversionOperand(long bits, boolean isDouble) {
        double v = value(bits, isDouble);
        return denormalsAreZero && isDenormal(v, isDouble) ? Math.copySign(0.0, v) : v;
    }

    /** Sets IE for signaling NaNs among the operands; returns whether any operand is a NaN. */
    boolean checkNaNs(long a, long b, boolean isDouble) {
        if (isSignaling(a, isDouble) || isSignaling(b, isDouble)) flags |= IE;
        return isNaN(a, isDouble) || isNaN(b, isDouble);
    }

    /** SSE NaN propagation: the first operand's NaN wins; results are quieted. */
    static long propagateNaN(long a, long b, boolean isDouble) {
        return quiet(isNaN(a, isDouble) ? a : b, isDouble);
    }

    long invalid(boolean isDouble) {
        flags |= IE;
        return isDouble ? DOUBLE_DEFAULT_NAN : FLOAT_DEFAULT_NAN;
    }

    /**
     * Rounds the exact value (nearest double plus the sign of exact minus it) to the format
     * under the rounding mode, reporting OE, UE and PE; applies FTZ.
     */
    long round(double nearest, int errorSign, boolean isDouble) {
        double lower, upper;
        boolean exact;
        if (isDouble) {
            exact = errorSign == 0;
            lower = errorSign > 0 ? nearest : Math.nextDown(nearest);
            upper = errorSign < 0 ? nearest : Math.nextUp(nearest);
        } else {
            float f = (float) nearest;
            exact = (double) f == nearest && errorSign == 0;
            if ((double) f == nearest) {
                lower = errorSign > 0 ? f : Math.nextDown(f);
                upper = errorSign < 0 ? f : Math.nextUp(f);
            } else {
                lower = (double) f < nearest ? f : Math.nextDown(f);
                upper = (double) f > nearest ? f : Math.nextUp(f);
            }
        }
        double result;
        boolean positive = nearest > 0 || (nearest == 0 && errorSign > 0);
        if (exact) {
            result = nearest;
        } else {
            result = switch (rounding) {
                case DOWN -> lower;
                case UP -> upper;
                case TOWARD_ZERO -> positive ? lower : upper;
                default -> isDouble ? nearest : nearestFloat(nearest, errorSign, lower, upper);
            };
            flags |= PE;
            double max = isDouble ? Double.MAX_VALUE : Float.MAX_VALUE;
            if (Double.isInfinite(result) || Math.abs(isDouble ? result : nearest) > max) flags |= OE;
        }
        double minNormal = isDouble ? Double.MIN_NORMAL : Float.MIN_NORMAL;
        boolean tiny = Math.abs(result) < minNormal && (result != 0 || !exact);
        if (tiny && flushToZero) {
            // FTZ turns every tiny result into a signed zero, which is itself an inexact underflow
            flags |= UE | PE;
            result = Math.copySign(0.0, positive ? 1 : -1);
        } else if (tiny && !exact) {
            flags |= UE;
        }
        return bits(result, isDouble);
    }

    /** Round-to-nearest-even of a double-precision intermediate to float, without double rounding. */
    private static double nearestFloat(double value, int errorSign, double lower, double upper) {
        if (Double.isInfinite(lower) || Double.isInfinite(upper)) return (float) value; // overflow boundary
        double midpoint = (lower + upper) / 2;
        if (value < midpoint) return lower;
        if (value > midpoint) return upper;
        if (errorSign != 0) return errorSign > 0 ? upper : lower;
        return (float) value;
    }

    /** Rounds a finite value to an integer under the mode (or truncating). */
    double roundToIntegral(double v, boolean truncate) {
        int mode = truncate ? TOWARD_ZERO : rounding;
        return switch (mode) {
            case DOWN -> Math.floor(v);
            case UP -> Math.ceil(v);
            case TOWARD_ZERO -> v < 0 ? Math.ceil(v) : Math.floor(v);
            default -> Math.rint(v);
        };
    }
}
