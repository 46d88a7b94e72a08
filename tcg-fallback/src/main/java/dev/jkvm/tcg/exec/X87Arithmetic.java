package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.exec.ExtendedReal.Context;
import dev.jkvm.tcg.exec.ExtendedReal.Format;

import java.math.BigInteger;

/**
 * x87 arithmetic on {@link ExtendedReal} values with the FPU's exception priorities (SDM vol. 1
 * 4.9.2 and 8.5): unsupported encodings and signaling NaNs (IE), NaN propagation, invalid
 * operations and division by zero, denormal operands (DE), then the correctly rounded result
 * (OE, UE, PE, C1).
 */
final class X87Arithmetic {
    static final int ADD = 0, MUL = 1, SUB = 4, DIV = 6;

    private X87Arithmetic() {}

    /**
     * The result of an x87 NaN operand: signaling NaNs raise IE; of two NaNs a quiet one wins over
     * a signaling one, else the larger significand.
     */
    static ExtendedReal propagateNaN(ExtendedReal a, ExtendedReal b, Context c) {
        if (a.isSignaling() || (b != null && b.isSignaling())) c.flags |= Context.IE;
        if (b == null || !b.isNaN()) return a.quiet();
        if (!a.isNaN()) return b.quiet();
        if (a.isSignaling() != b.isSignaling()) return a.isSignaling() ? b.quiet() : a.quiet();
        int order = Long.compareUnsigned(a.significand & ~ExtendedReal.QUIET, b.significand & ~ExtendedReal.QUIET);
        if (order == 0) return a.negative() ? b.quiet() : a.quiet();
        return (order > 0 ? a : b).quiet();
    }

    /** Whether the operands stop the operation before computing: unsupported or NaN. */
    static ExtendedReal special(ExtendedReal a, ExtendedReal b, Context c) {
        if (a.isUnsupported() || (b != null && b.isUnsupported())) return c.invalid();
        if (a.isNaN() || (b != null && b.isNaN())) return propagateNaN(a, b, c);
        return null;
    }

    static void checkDenormal(ExtendedReal v, Context c) {
        if (v.isDenormal()) c.flags |= Context.DE;
    }

    /**
     * FCOM/FUCOM: 0 greater, 1 less, 2 equal, 3 unordered. NaN operands raise IE unless quiet
     * (FUCOM) and the NaN is quiet; unsupported encodings always raise IE.
     */
    static int compare(ExtendedReal a, ExtendedReal b, boolean quiet, Context c) {
        if (a.isUnsupported() || b.isUnsupported()) {
            c.flags |= Context.IE;
            return 3;
        }
        if (a.isNaN() || b.isNaN()) {
            if (!quiet || a.isSignaling() || b.isSignaling()) c.flags |= Context.IE;
            return 3;
        }
        checkDenormal(a, c);
        checkDenormal(b, c);
        if (c.denormalSource) c.flags |= Context.DE;
        int order = ExtendedReal.compare(a, b);
        return order > 0 ? 0 : order < 0 ? 1 : 2;
    }

    /** a op b for op = ADD, SUB (a - b), MUL, DIV (a / b), rounded to FCW.PC. */
    static ExtendedReal binary(int op, ExtendedReal a, ExtendedReal b, Context c) {
        ExtendedReal s = special(a, b, c);
        if (s != null) return s;
        boolean subtract = op == SUB;
        switch (op) {
            case ADD, SUB -> {
                if (a.isInfinity() && b.isInfinity() && (a.negative() != (b.negative() ^ subtract))) return c.invalid();
            }
            case MUL -> {
                if ((a.isInfinity() && b.isZero()) || (a.isZero() && b.isInfinity())) return c.invalid();
            }
            default -> {
                if ((a.isInfinity() && b.isInfinity()) || (a.isZero() && b.isZero())) return c.invalid();
                if (b.isZero() && a.isFinite()) {
                    c.flags |= Context.ZE;
                    return ExtendedReal.infinity(a.negative() != b.negative());
                }
            }
        }
        checkDenormal(a, c);
        checkDenormal(b, c);
        if (c.denormalSource) c.flags |= Context.DE;
        int precision = c.precision();
        return switch (op) {
            case ADD, SUB -> add(a, subtract ? b.negate() : b, c, precision);
            case MUL -> multiply(a, b, c, precision);
            default -> divide(a, b, c, precision);
        };
    }

    private static ExtendedReal add(ExtendedReal a, ExtendedReal b, Context c, int precision) {
        if (a.isInfinity()) return a;
        if (b.isInfinity()) return b;
        if (a.isZero() && b.isZero()) {
            if (a.negative() == b.negative()) return a;
            return ExtendedReal.zero(c.rounding == ExtendedReal.DOWN);
        }
        if (a.isZero()) return roundExact(b, c, precision);
        if (b.isZero()) return roundExact(a, c, precision);
        int ea = a.exp2(), eb = b.exp2();
        if (ea < eb) {
            ExtendedReal t = a;
            a = b;
            b = t;
            int te = ea;
            ea = eb;
            eb = te;
        }
        BigInteger ma = a.magnitude(), mb = b.magnitude();
        boolean sameSign = a.negative() == b.negative();
        int d = ea - eb;
        BigInteger sum;
        int exp2;
        boolean sticky = false;
        if (d > 200) {
            // b is far below a's last bit: it only decides rounding (as a sticky bit)
            sum = ma.shiftLeft(200);
            if (!sameSign) sum = sum.subtract(BigInteger.ONE);
            sticky = true;
            exp2 = ea - 200;
        } else {
            BigInteger aligned = ma.shiftLeft(d);
            sum = sameSign ? aligned.add(mb) : aligned.subtract(mb);
            exp2 = eb;
        }
        boolean negative = a.negative();
        if (sum.signum() < 0) {
            sum = sum.negate();
            negative = !negative;
        }
        if (sum.signum() == 0 && !sticky) return ExtendedReal.zero(c.rounding == ExtendedReal.DOWN);
        return c.round(negative, sum, exp2, sticky, Format.EXTENDED, precision, true);
    }

    /** A finite operand rounded to the precision (an addition of zero still rounds under PC). */
    static ExtendedReal roundExact(ExtendedReal v, Context c, int precision) {
        return c.round(v.negative(), v.magnitude(), v.exp2(), false, Format.EXTENDED, precision, true);
    }

    private static ExtendedReal multiply(ExtendedReal a, ExtendedReal b, Context c, int precision) {
        boolean negative = a.negative() != b.negative();
        if (a.isInfinity() || b.isInfinity()) return ExtendedReal.infinity(negative);
        if (a.isZero() || b.isZero()) return ExtendedReal.zero(negative);
        return c.round(negative, a.magnitude().multiply(b.magnitude()), a.exp2() + b.exp2(), false, Format.EXTENDED,
                precision, true);
    }

    private static ExtendedReal divide(ExtendedReal a, ExtendedReal b, Context c, int precision) {
        boolean negative = a.negative() != b.negative();
        if (a.isInfinity()) return ExtendedReal.infinity(negative);
        if (b.isInfinity() || a.isZero()) return ExtendedReal.zero(negative);
        BigInteger ma = a.magnitude(), mb = b.magnitude();
        int k = Math.max(0, 70 + mb.bitLength() - ma.bitLength());
        BigInteger[] qr = ma.shiftLeft(k).divideAndRemainder(mb);
        return c.round(negative, qr[0], a.exp2() - b.exp2() - k, qr[1].signum() != 0, Format.EXTENDED, precision, true);
    }

    static ExtendedReal sqrt(ExtendedReal a, Context c) {
        ExtendedReal s = special(a, null, c);
        if (s != null) return s;
        if (a.isZero()) return a;
        if (a.negative()) return c.invalid();
        checkDenormal(a, c);
        if (a.isInfinity()) return a;
        BigInteger m = a.magnitude();
        int e = a.exp2();
        int shift = Math.max(0, 140 - m.bitLength());
        if (((e - shift) & 1) != 0) shift++;
        BigInteger scaled = m.shiftLeft(shift);
        BigInteger root = scaled.sqrt();
        boolean sticky = root.multiply(root).compareTo(scaled) != 0;
        return c.round(false, root, (e - shift) / 2, sticky, Format.EXTENDED, c.precision(), true);
    }

    /** FRNDINT: rounds to an integer under FCW.RC (64-bit precision). */
    static ExtendedReal roundToInteger(ExtendedReal a, Context c) {
        ExtendedReal s = special(a, null, c);
        if (s != null) return s;
        checkDenormal(a, c);
        if (a.isInfinity() || a.isZero()) return a;
        boolean[] info = new boolean[2];
        BigInteger q = ExtendedReal.shiftRound(a.negative(), a.magnitude(), a.exp2(), false, 0, c.rounding, info);
        if (info[0]) c.flags |= Context.PE;
        c.roundedUp = info[1];
        return ExtendedReal.exact(a.negative(), q, 0);
    }

    /**
     * FIST/FISTP: rounds under FCW.RC to a signed integer of the given byte size. Out of range,
     * NaN, infinity or unsupported: IE and the integer indefinite (masked response).
     */
    static long toInteger(ExtendedReal a, int size, Context c) {
        long indefinite = Long.MIN_VALUE >> (64 - 8 * size);
        if (a.isUnsupported() || a.isNaN() || a.isInfinity()) {
            c.flags |= Context.IE;
            return indefinite;
        }
        if (a.isZero()) return 0;
        boolean[] info = new boolean[2];
        BigInteger q = ExtendedReal.shiftRound(a.negative(), a.magnitude(), a.exp2(), false, 0, c.rounding, info);
        BigInteger value = a.negative() ? q.negate() : q;
        int bits = 8 * size;
        if (value.bitLength() > bits - 1) {
            c.flags |= Context.IE;
            return indefinite;
        }
        if (info[0]) c.flags |= Context.PE;
        c.roundedUp = info[1];
        return value.longValue();
    }

    /** FST/FSTP to single or double: IE for SNaN/unsupported, then rounding with OE/UE/PE. */
    static ExtendedReal toFormat(ExtendedReal a, Format f, Context c) {
        if (a.isUnsupported()) return c.invalid();
        if (a.isNaN()) return propagateNaN(a, null, c);
        if (a.isInfinity() || a.isZero()) return a;
        return c.round(a.negative(), a.magnitude(), a.exp2(), false, f, f.precision, false);
    }
}
