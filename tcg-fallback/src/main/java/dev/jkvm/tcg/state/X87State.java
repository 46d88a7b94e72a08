package dev.jkvm.tcg.state;

/**
 * The x87 FPU: eight physical 80-bit registers (64-bit significand with explicit integer bit,
 * sign and 15-bit exponent, kept as raw bits so every encoding, including unsupported ones,
 * round-trips), TOP, the abridged tag (empty or not per physical register: the full two-bit tag
 * is derived from the contents when FNSTENV/FNSAVE store it), control and status words, and the
 * last-instruction pointers.
 */
public final class X87State {
    /** Status word bits. */
    public static final int IE = 1, DE = 2, ZE = 4, OE = 8, UE = 0x10, PE = 0x20, SF = 0x40, ES = 0x80;
    public static final int C0 = 0x100, C1 = 0x200, C2 = 0x400, C3 = 0x4000, BUSY = 0x8000;
    public static final int EXCEPTIONS = 0x3f;

    /** Physical registers R0..R7 (low 64 bits); ST(i) is R[(top + i) & 7]. */
    public final long[] significand = new long[8];
    /** Sign and biased exponent (the high 16 bits) of R0..R7. */
    public final int[] signExponent = new int[8];
    /** Tag per physical register: true when empty. */
    public final boolean[] empty = {true, true, true, true, true, true, true, true};
    public int top;
    public int controlWord = 0x037f;
    /** Status word without the TOP field (bits 11..13), which lives in {@link #top}. */
    public int statusWord;
    /** FOP: the low 11 bits of the last non-control instruction's opcode (first byte & 7, ModRM). */
    public int lastOpcode;
    public long lastInstructionPointer;
    public long lastDataPointer;
    public int lastCodeSelector;
    public int lastDataSelector;

    public int statusWordWithTop() {
        return (statusWord & ~0x3800) | (top << 11);
    }

    public void setStatusWordWithTop(int value) {
        top = (value >> 11) & 7;
        statusWord = value & ~0x3800 & 0xffff;
    }

    /** The physical register number of ST(i). */
    public int physical(int stackIndex) {
        return (top + stackIndex) & 7;
    }

    /** Recomputes ES and B (bit 15 mirrors ES) from the exception flags and their masks. */
    public void updateSummary() {
        if ((statusWord & ~controlWord & EXCEPTIONS) != 0) statusWord |= ES | BUSY;
        else statusWord &= ~(ES | BUSY);
    }

    /** The two-bit tag of physical register r as FNSTENV/FNSAVE report it. */
    public int fullTag(int r) {
        if (empty[r]) return 3;
        int exponent = signExponent[r] & 0x7fff;
        long m = significand[r];
        if (exponent == 0) return m == 0 ? 1 : 2;
        if (exponent == 0x7fff || m >= 0) return 2; // NaN, infinity, or an unsupported encoding
        return 0;
    }

    public int fullTagWord() {
        int tags = 0;
        for (int r = 0; r < 8; r++) tags |= fullTag(r) << (2 * r);
        return tags;
    }

    /** FNINIT; register contents are kept (they only become empty). */
    public void reset() {
        controlWord = 0x037f;
        statusWord = 0;
        top = 0;
        java.util.Arrays.fill(empty, true);
        lastOpcode = 0;
        lastInstructionPointer = 0;
        lastDataPointer = 0;
        lastCodeSelector = 0;
        lastDataSelector = 0;
    }
}
