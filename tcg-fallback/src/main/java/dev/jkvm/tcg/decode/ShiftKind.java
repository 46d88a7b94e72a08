package dev.jkvm.tcg.decode;

/** Shift and rotate operations, numbered as the reg field of C0/C1/D0..D3. */
public final class ShiftKind {
    public static final int ROL = 0, ROR = 1, RCL = 2, RCR = 3, SHL = 4, SHR = 5, SAL = 6, SAR = 7;

    private ShiftKind() {}
}
