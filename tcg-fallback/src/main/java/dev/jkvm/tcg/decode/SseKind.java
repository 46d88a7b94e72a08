package dev.jkvm.tcg.decode;

/** Sub-operation encodings shared by the SSE decoder and executors. */
public final class SseKind {
    private SseKind() {}

    // SSE_MOVE flags
    /** Clear the rest of an XMM destination (else merge into it). */
    public static final int ZERO_REST = 1;
    /** Read the high qword of an XMM source. */
    public static final int SOURCE_HIGH = 2;
    /** Write the high qword of an XMM destination. */
    public static final int DEST_HIGH = 4;
    /** A 16-byte memory operand must be 16-byte aligned (#GP otherwise). */
    public static final int ALIGNED = 8;

    // float formats, the low two bits of SSE_FLOAT_* subs
    public static final int PS = 0, PD = 1, SS = 2, SD = 3;

    // SSE_FLOAT_ARITH operations (sub = op * 4 + format)
    public static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3, MIN = 4, MAX = 5, SQRT = 6;

    public static int format(int sub) {
        return sub & 3;
    }

    public static boolean isDouble(int format) {
        return (format & 1) != 0;
    }

    public static boolean isScalar(int format) {
        return format >= SS;
    }

    // SSE_CONVERT kinds
    public static final int INT_TO_SS = 0, INT_TO_SD = 1, SS_TO_INT = 2, SD_TO_INT = 3, SS_TO_INT_TRUNC = 4,
            SD_TO_INT_TRUNC = 5, SS_TO_SD = 6, SD_TO_SS = 7, PS_TO_PD = 8, PD_TO_PS = 9, DQ_TO_PS = 10,
            PS_TO_DQ = 11, PS_TO_DQ_TRUNC = 12, DQ_TO_PD = 13, PD_TO_DQ = 14, PD_TO_DQ_TRUNC = 15;

    // SSE_MXCSR and group 15
    public static final int LDMXCSR = 0, STMXCSR = 1;

    // SSE_SHUFFLE kinds
    public static final int PSHUFD = 0, PSHUFHW = 1, PSHUFLW = 2, SHUFPS = 3, SHUFPD = 4;

    // SSE_UNPACK: sub = lane bytes * 2 + (high ? 1 : 0)
    // SSE_PACK kinds
    public static final int PACKSSWB = 0, PACKUSWB = 1, PACKSSDW = 2;

    // SSE_INT_SHIFT kinds (lane bytes in the low nibble, kind in the high bits)
    public static final int SHIFT_LEFT = 0, SHIFT_RIGHT = 1, SHIFT_RIGHT_ARITHMETIC = 2, BYTES_LEFT = 3, BYTES_RIGHT = 4;

    public static int shift(int kind, int laneBytes) {
        return kind << 4 | laneBytes;
    }

    // SSE_MOVMSK kinds
    public static final int MOVMSKPS = 0, MOVMSKPD = 1, PMOVMSKB = 2;
}
