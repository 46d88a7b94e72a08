package dev.jkvm.tcg.decode;

/** Lane-wise integer SIMD operations (66 0F xx), by lane width; the executor applies them per lane. */
public enum VectorIntOp {
    PADDB(1), PADDW(2), PADDD(4), PADDQ(8),
    PSUBB(1), PSUBW(2), PSUBD(4), PSUBQ(8),
    PADDSB(1), PADDSW(2), PADDUSB(1), PADDUSW(2),
    PSUBSB(1), PSUBSW(2), PSUBUSB(1), PSUBUSW(2),
    PCMPEQB(1), PCMPEQW(2), PCMPEQD(4),
    PCMPGTB(1), PCMPGTW(2), PCMPGTD(4),
    PMINUB(1), PMAXUB(1), PMINSW(2), PMAXSW(2),
    PAVGB(1), PAVGW(2),
    PMULLW(2), PMULHW(2), PMULHUW(2), PMULUDQ(8), PMADDWD(4), PSADBW(8),
    PAND(8), PANDN(8), POR(8), PXOR(8);

    public final int laneBytes;

    VectorIntOp(int laneBytes) {
        this.laneBytes = laneBytes;
    }

    private static final VectorIntOp[] VALUES = values();

    public static VectorIntOp of(int ordinal) {
        return VALUES[ordinal];
    }
}
