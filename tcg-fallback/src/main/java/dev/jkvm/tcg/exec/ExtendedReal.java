package dev.jkvm.tcg.exec;

import java.math.BigInteger;

/**
 * An x87 80-bit extended-precision value as raw bits (sign, 15-bit biased exponent, 64-bit
 * significand with an explicit integer bit J), plus the IEEE machinery around it: classification,
 * exact decomposition, and correct rounding of exact intermediate results to a precision and
 * format under a rounding mode, reporting PE/UE/OE and the C1 round-up bit into a {@link Context}.
 *
 * <p>Arithmetic works on exact values {@code magnitude * 2^exp2} (BigInteger magnitudes) with an
 * optional sticky bit standing for a non-zero remainder below the magnitude's last bit; callers
 * keep at least 66 significant bits whenever the sticky bit is set, so rounding to 64 bits or
 * fewer is exact. Tininess is detected after rounding (as x86 does), the exponent range of
 * register results is always the extended one (precision control narrows only the significand).
 */
public final class ExtendedReal {
    public static final int BIAS = 16383;
    public static final long J = 1L << 63, QUIET = 1L << 62;
    public static final int NEAREST = 0, DOWN = 1, UP = 2, TOWARD_ZERO = 3;
    /** Exponent of the extended format's denormal quantum: 2^-16445. */
    static final int EXTENDED_QUANTUM = 1 - BIAS - 63;
    /** Unmasked overflow/underflow rebias the exponent of register results by this. */
    static final int REBIAS = 24576;

    /** Target formats: significand precision, minimum and maximum normal unbiased exponents. */
    public enum Format {
        SINGLE(24, -126, 127), DOUBLE(53, -1022, 1023), EXTENDED(64, -16382, 16383);

        final int precision, minExponent, maxExponent;

        Format(int precision, int minExponent, int maxExponent) {
            this.precision = precision;
            this.minExponent = minExponent;
            this.maxExponent = maxExponent;
        }

        int quantum() {
            return minExponent - (precision - 1);
        }
    }

    public static final ExtendedReal INDEFINITE = new ExtendedReal(0xffff, 0xc000000000000000L);
    public static final ExtendedReal POSITIVE_ZERO = new ExtendedReal(0, 0);
    public static final ExtendedReal NEGATIVE_ZERO = new ExtendedReal(0x8000, 0);
    public static final ExtendedReal ONE = new ExtendedReal(BIAS, J);

    public final int signExponent;
    public final long significand;

    public ExtendedReal(int signExponent, long significand) {
        this.signExponent = signExponent & 0xffff;
        this.significand = significand;
    }

    public static ExtendedReal infinity(boolean negative) {
        return new ExtendedReal(negative ? 0xffff : 0x7fff, J);
    }

    public static ExtendedReal zero(boolean negative) {
        return negative ? NEGATIVE_ZERO : POSITIVE_ZERO;
    }

    // ---- classification ----

    public boolean negative() {
        return (signExponent & 0x8000) != 0;
    }

    public int exponent() {
        return signExponent & 0x7fff;
    }

    public boolean isNaN() {
        return exponent() == 0x7fff && significand < 0 && (significand << 1) != 0;
    }

    public boolean isSignaling() {
        return isNaN() && (significand & QUIET) == 0;
    }

    public boolean isInfinity() {
        return exponent() == 0x7fff && significand == J;
    }

    public boolean isZero() {
        return exponent() == 0 && significand == 0;
    }

    /** Denormals and pseudo-denormals (exponent 0, J set). */
    public boolean isDenormal() {
        return exponent() == 0 && significand != 0;
    }

    /** Pseudo-NaNs, pseudo-infinities and unnormals: a non-zero exponent with J clear. */
    public boolean isUnsupported() {
        return exponent() != 0 && significand >= 0;
    }

    public boolean isFinite() {
        return exponent() != 0x7fff;
    }

    public ExtendedReal quiet() {
        return new ExtendedReal(signExponent, significand | QUIET);
    }

    public ExtendedReal negate() {
        return new ExtendedReal(signExponent ^ 0x8000, significand);
    }

    public ExtendedReal abs() {
        return new ExtendedReal(signExponent & 0x7fff, significand);
    }

    public ExtendedReal withSign(boolean negative) {
        return new ExtendedReal((signExponent & 0x7fff) | (negative ? 0x8000 : 0), significand);
    }

    // ---- exact value of a finite supported operand: magnitude() * 2^exp2() ----

    public BigInteger magnitude() {
        return unsigned(significand);
    }

    public int exp2() {
        return Math.max(exponent(), 1) - BIAS - 63;
    }

    /** Unbiased exponent of the leading one bit of a finite non-zero value. */
    public int leadingExponent() {
        return exp2() + 63 - Long.numberOfLeadingZeros(significand);
    }

    static BigInteger unsigned(long v) {
        BigInteger b = BigInteger.valueOf(v & Long.MAX_VALUE);
        return v < 0 ? b.setBit(63) : b;
    }

    /** An exact finite value with at most 64 significant bits, normalized (no flags). */
    static ExtendedReal exact(boolean negative, BigInteger magnitude, int exp2) {
        if (magnitude.signum() == 0) return zero(negative);
        Context c = new Context(0x037f);
        return c.round(negative, magnitude, exp2, false, Format.EXTENDED, 64, true);
    }

    public static ExtendedReal fromLong(long v) {
        if (v == 0) return POSITIVE_ZERO;
        BigInteger m = BigInteger.valueOf(v).abs();
        return exact(v < 0, m, 0);
    }

    /** Compares two finite supported values: -1, 0, 1 (zeros of either sign are equal). */
    static int compareFinite(ExtendedReal a, ExtendedReal b) {
        boolean az = a.significand == 0, bz = b.significand == 0;
        if (az && bz) return 0;
        if (az) return b.negative() ? 1 : -1;
        if (bz) return a.negative() ? -1 : 1;
        if (a.negative() != b.negative()) return a.negative() ? -1 : 1;
        int magnitude;
        int ea = a.leadingExponent(), eb = b.leadingExponent();
        if (ea != eb) {
            magnitude = ea < eb ? -1 : 1;
        } else {
            long na = a.significand << Long.numberOfLeadingZeros(a.significand);
            long nb = b.significand << Long.numberOfLeadingZeros(b.significand);
            magnitude = Long.compareUnsigned(na, nb);
        }
        return a.negative() ? -magnitude : magnitude;
    }

    /** Compares any two values that are not NaNs or unsupported (infinities allowed). */
    static int compare(ExtendedReal a, ExtendedReal b) {
        if (a.isInfinity() || b.isInfinity()) {
            int va = a.isInfinity() ? (a.negative() ? -1 : 1) : 0;
            int vb = b.isInfinity() ? (b.negative() ? -1 : 1) : 0;
            return Integer.compare(va, vb);
        }
        return compareFinite(a, b);
    }

    // ---- single and double formats ----

    /**
     * A single-precision value in extended format, exactly: NaNs keep their signaling bit (the
     * caller raises IE), a denormal sets {@link Context#denormalSource} (DE, in priority order).
     */
    static ExtendedReal fromSingle(int bits, Context c) {
        boolean negative = bits < 0;
        int exponent = (bits >>> 23) & 0xff;
        long fraction = bits & 0x7fffffL;
        int sign = negative ? 0x8000 : 0;
        if (exponent == 0xff) {
            if (fraction == 0) return infinity(negative);
            return new ExtendedReal(sign | 0x7fff, J | (fraction << 40));
        }
        if (exponent == 0) {
            if (fraction == 0) return zero(negative);
            c.denormalSource = true;
            return exact(negative, BigInteger.valueOf(fraction), -149);
        }
        return new ExtendedReal(sign | (exponent - 127 + BIAS), J | (fraction << 40));
    }

    static ExtendedReal fromDouble(long bits, Context c) {
        boolean negative = bits < 0;
        int exponent = (int) (bits >>> 52) & 0x7ff;
        long fraction = bits & 0xfffffffffffffL;
        int sign = negative ? 0x8000 : 0;
        if (exponent == 0x7ff) {
            if (fraction == 0) return infinity(negative);
            return new ExtendedReal(sign | 0x7fff, J | (fraction << 11));
        }
        if (exponent == 0) {
            if (fraction == 0) return zero(negative);
            c.denormalSource = true;
            return exact(negative, BigInteger.valueOf(fraction), -1074);
        }
        return new ExtendedReal(sign | (exponent - 1023 + BIAS), J | (fraction << 11));
    }

    /**
     * The bits of an extended value that is exactly representable in single or double format (a
     * rounded result, a NaN or an infinity).
     */
    static long encode(ExtendedReal v, Format f) {
        boolean isDouble = f == Format.DOUBLE;
        int fractionBits = f.precision - 1;
        int expBits = isDouble ? 11 : 8;
        long sign = v.negative() ? 1L << (fractionBits + expBits) : 0;
        long maxExp = (1L << expBits) - 1;
        if (v.exponent() == 0x7fff) {
            long fraction = (v.significand & Long.MAX_VALUE) >>> (63 - fractionBits);
            return sign | (maxExp << fractionBits) | fraction;
        }
        if (v.significand == 0) return sign;
        int e = v.leadingExponent();
        long normalized = v.significand << Long.numberOfLeadingZeros(v.significand);
        if (e >= f.minExponent) {
            long fraction = (normalized & Long.MAX_VALUE) >>> (63 - fractionBits);
            return sign | ((long) (e + (1 << (expBits - 1)) - 1) << fractionBits) | fraction;
        }
        // denormal: value = fraction * 2^quantum
        long fraction = normalized >>> (63 - (e - f.quantum()));
        return sign | fraction;
    }

    /**
     * Status-word exception flags and the C1 round-up indication of one operation, under a
     * control word's rounding mode.
     */
    public static final class Context {
        public static final int IE = 1, DE = 2, ZE = 4, OE = 8, UE = 0x10, PE = 0x20, SF = 0x40;

        final int controlWord;
        final int rounding;
        public int flags;
        public boolean roundedUp;
        /** A single/double operand was denormal (normalized in extended format, so DE is remembered here). */
        boolean denormalSource;

        public Context(int controlWord) {
            this.controlWord = controlWord;
            this.rounding = (controlWord >> 10) & 3;
        }

        boolean masked(int flag) {
            return (controlWord & flag) != 0;
        }

        /** FCW.PC: 24, 53 or 64 bits (the reserved encoding 01 behaves as 64 here). */
        int precision() {
            return switch ((controlWord >> 8) & 3) {
                case 0 -> 24;
                case 2 -> 53;
                default -> 64;
            };
        }

        ExtendedReal invalid() {
            flags |= IE;
            return INDEFINITE;
        }

        /**
         * Rounds the exact value (-1)^negative * (magnitude + sticky) * 2^exp2 to the given
         * precision in format f. Returns the rounded value in extended encoding, or null when the
         * result must not be delivered (an unmasked overflow or underflow towards memory).
         * Register destinations deliver unmasked overflow/underflow results with the exponent
         * rebiased by 24576.
         */
        ExtendedReal round(boolean negative, BigInteger magnitude, int exp2, boolean sticky, Format f,
                           int precision, boolean register) {
            if (magnitude.signum() == 0 && !sticky) return zero(negative);
            int e = exp2 + magnitude.bitLength() - 1;
            int unboundedLsb = e - (precision - 1);
            boolean[] info = new boolean[2]; // inexact, incremented
            BigInteger q;
            int lsb;
            boolean tiny = e < f.minExponent;
            if (tiny && e == f.minExponent - 1) {
                // tininess after rounding: does rounding with an unbounded exponent reach the normal range?
                BigInteger unbounded = shiftRound(negative, magnitude, exp2, sticky, unboundedLsb, rounding, new boolean[2]);
                if (unbounded.bitLength() > precision) tiny = false;
            }
            if (tiny && !masked(UE) && register && e + REBIAS < f.minExponent) {
                // too small even rebiased (FSCALE): a signed zero whatever the rounding mode
                flags |= UE | PE;
                roundedUp = false;
                return zero(negative);
            }
            if (tiny && !masked(UE)) {
                if (!register) {
                    flags |= UE;
                    return null;
                }
                q = shiftRound(negative, magnitude, exp2, sticky, unboundedLsb, rounding, info);
                lsb = unboundedLsb;
                flags |= UE;
                return finish(negative, q, lsb + REBIAS, info, precision);
            }
            // denormals keep the precision's bit positions of the smallest normal (PC narrows them too)
            lsb = Math.max(unboundedLsb, f.minExponent - (precision - 1));
            q = shiftRound(negative, magnitude, exp2, sticky, lsb, rounding, info);
            if (tiny && info[0]) flags |= UE;
            if (q.signum() == 0) {
                record(info);
                return zero(negative);
            }
            int resultExponent = lsb + q.bitLength() - 1;
            if (q.bitLength() > precision) resultExponent = lsb + precision; // carried to a power of two
            if (resultExponent > f.maxExponent) {
                flags |= OE;
                if (!masked(OE)) {
                    if (!register) return null;
                    if (resultExponent - REBIAS <= f.maxExponent) return finish(negative, q, lsb - REBIAS, info, precision);
                    // too large even rebiased (FSCALE): an infinity whatever the rounding mode
                    flags |= PE;
                    roundedUp = true;
                    return infinity(negative);
                }
                flags |= PE;
                boolean toInfinity = switch (rounding) {
                    case NEAREST -> true;
                    case DOWN -> negative;
                    case UP -> !negative;
                    default -> false;
                };
                roundedUp = toInfinity;
                if (toInfinity) return infinity(negative);
                long max = -1L << (64 - precision);
                return new ExtendedReal((negative ? 0x8000 : 0) | (f.maxExponent + BIAS), max);
            }
            return finish(negative, q, lsb, info, precision);
        }

        private void record(boolean[] info) {
            if (info[0]) flags |= PE;
            roundedUp = info[1];
        }

        /** Encodes q * 2^lsb as an extended value (denormal if below the extended normal range). */
        private ExtendedReal finish(boolean negative, BigInteger q, int lsb, boolean[] info, int precision) {
            record(info);
            if (q.bitLength() > precision) {
                q = q.shiftRight(1);
                lsb++;
            }
            int length = q.bitLength();
            int leading = lsb + length - 1;
            int biased = leading + BIAS;
            int sign = negative ? 0x8000 : 0;
            if (biased >= 1) {
                long m = q.shiftLeft(64 - length).longValue();
                return new ExtendedReal(sign | (biased & 0x7fff), m);
            }
            long m = q.shiftLeft(lsb - EXTENDED_QUANTUM).longValue();
            return new ExtendedReal(sign, m);
        }
    }

    /**
     * floor(|value| / 2^lsb) rounded under the mode, where |value| = (magnitude + sticky) * 2^exp2.
     * info[0] is set when inexact, info[1] when the magnitude was incremented.
     */
    static BigInteger shiftRound(boolean negative, BigInteger magnitude, int exp2, boolean sticky, int lsb, int rounding,
                                 boolean[] info) {
        int shift = lsb - exp2;
        BigInteger q;
        boolean half, rest;
        if (shift <= 0) {
            q = magnitude.shiftLeft(-shift);
            half = false;
            rest = sticky;
        } else {
            q = magnitude.shiftRight(shift);
            half = magnitude.testBit(shift - 1);
            int lowest = magnitude.getLowestSetBit();
            rest = sticky || (lowest >= 0 && lowest < shift - 1);
        }
        boolean inexact = half || rest;
        boolean increment = switch (rounding) {
            case NEAREST -> half && (rest || q.testBit(0));
            case DOWN -> negative && inexact;
            case UP -> !negative && inexact;
            default -> false;
        };
        info[0] = inexact;
        info[1] = increment;
        return increment ? q.add(BigInteger.ONE) : q;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtendedReal e && e.signExponent == signExponent && e.significand == significand;
    }

    @Override
    public int hashCode() {
        return signExponent * 31 + Long.hashCode(significand);
    }

    @Override
    public String toString() {
        return String.format("%04x:%016x", signExponent, significand);
    }
}
