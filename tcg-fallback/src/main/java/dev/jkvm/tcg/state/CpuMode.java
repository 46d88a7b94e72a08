package dev.jkvm.tcg.state;

/** The execution mode, derived from CR0.PE, EFER.LMA and CS.L/CS.D by the system part. */
public enum CpuMode {
    REAL(2, 2),
    PROTECTED_16(2, 2),
    PROTECTED_32(4, 4),
    LONG_COMPAT_16(2, 2),
    LONG_COMPAT_32(4, 4),
    LONG_64(4, 8);

    /** Default operand size in bytes (64-bit mode defaults to 4; REX.W selects 8). */
    public final int defaultOperandSize;
    /** Default address size in bytes. */
    public final int defaultAddressSize;

    CpuMode(int defaultOperandSize, int defaultAddressSize) {
        this.defaultOperandSize = defaultOperandSize;
        this.defaultAddressSize = defaultAddressSize;
    }

    public boolean is64() {
        return this == LONG_64;
    }
}
