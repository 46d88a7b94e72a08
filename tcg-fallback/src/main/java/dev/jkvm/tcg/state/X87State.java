package dev.jkvm.tcg.state;

/**
 * The x87 FPU. Registers hold Java doubles: 80-bit extended precision is not modelled, so results
 * are rounded to 53 bits as if FCW.PC selected double precision. FXSAVE/FXRSTOR and FSTP m80
 * convert to and from the 80-bit format at the edges.
 */
public final class X87State {
    /** Physical registers R0..R7; ST(i) is R[(top + i) & 7]. */
    public final double[] registers = new double[8];
    /** Tag per physical register: true when empty. */
    public final boolean[] empty = {true, true, true, true, true, true, true, true};
    public int top;
    public int controlWord = 0x037f;
    /** Status word without the TOP field (bits 11..13), which lives in {@link #top}. */
    public int statusWord;
    public int lastOpcode;
    public long lastInstructionPointer;
    public long lastDataPointer;

    public int statusWordWithTop() {
        return (statusWord & ~0x3800) | (top << 11);
    }

    public void reset() {
        controlWord = 0x037f;
        statusWord = 0;
        top = 0;
        java.util.Arrays.fill(empty, true);
        lastOpcode = 0;
        lastInstructionPointer = 0;
        lastDataPointer = 0;
    }
}
