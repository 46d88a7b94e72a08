package dev.jkvm.tcg.exec;

/**
 * Conversions between Java doubles and the x87 80-bit extended format (64-bit mantissa with an
 * explicit integer bit, 15-bit exponent). Used by FXSAVE/FXRSTOR and FLD/FSTP m80.
 */
public final class ExtendedReal {
    private static final int EXTENDED_BIAS = 16383;
    private static final int DOUBLE_BIAS = 1023;

    private ExtendedReal() {}

    /** The mantissa (low 64 bits) of the extended encoding of value. */
    public static long mantissa(double value) {
        long bits = Double.doubleToRawLongBits(value);
        int exponent = (int) (bits >>> 52) & 0x7ff;
        long fraction = bits & 0xfffffffffffffL;
        if (exponent == 0x7ff) return fraction == 0 ? 1L << 63 : (3L << 62) | (fraction << 11);
        if (exponent == 0) {
            if (fraction == 0) return 0;
            return fraction << (Long.numberOfLeadingZeros(fraction)); // normalize a double denormal
        }
        return (1L << 63) | (fraction << 11);
    }

    /** Sign and biased exponent (the high 16 bits) of the extended encoding of value. */
    public static int signExponent(double value) {
        long bits = Double.doubleToRawLongBits(value);
        int sign = (int) (bits >>> 63) << 15;
        int exponent = (int) (bits >>> 52) & 0x7ff;
        long fraction = bits & 0xfffffffffffffL;
        if (exponent == 0x7ff) return sign | 0x7fff;
        if (exponent == 0) {
            if (fraction == 0) return sign;
            int highestBit = 63 - Long.numberOfLeadingZeros(fraction); // value = fraction * 2^-1074
            return sign | (highestBit - 1074 + EXTENDED_BIAS);
        }
        return sign | (exponent - DOUBLE_BIAS + EXTENDED_BIAS);
    }

    /** The nearest double to an extended value (overflow to infinity, underflow to zero or denormal). */
    public static double toDouble(long mantissa, int signExponent) {
        boolean negative = (signExponent & 0x8000) != 0;
        int exponent = signExponent & 0x7fff;
        double magnitude;
        if (exponent == 0x7fff) {
            magnitude = (mantissa << 1) == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else if (mantissa == 0) {
            magnitude = 0;
        } else {
            // unsigned 64-bit to double with a sticky bit keeps round-to-nearest correct
            double m = (double) ((mantissa >>> 1) | (mantissa & 1)) * 2.0;
            magnitude = Math.scalb(m, exponent - EXTENDED_BIAS - 63);
        }
        return negative ? -magnitude : magnitude;
    }
}
