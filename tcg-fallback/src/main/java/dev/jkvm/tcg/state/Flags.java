package dev.jkvm.tcg.state;

/**
 * RFLAGS bits and the lazy evaluation of the six arithmetic flags. An instruction records
 * (op, size, result, src1, src2, carry-in) in {@link CpuState}; a flag is computed only when read.
 * Translated code can therefore skip flag work when the next instruction overwrites the flags.
 */
public final class Flags {
    public static final long CF = 1, PF = 1 << 2, AF = 1 << 4, ZF = 1 << 6, SF = 1 << 7;
    public static final long TF = 1 << 8, IF = 1 << 9, DF = 1 << 10, OF = 1 << 11;
    public static final long IOPL = 3 << 12, NT = 1 << 14, RF = 1 << 16, VM = 1 << 17, AC = 1 << 18;
    public static final long VIF = 1 << 19, VIP = 1 << 20, ID = 1 << 21;
    public static final long ARITHMETIC = CF | PF | AF | ZF | SF | OF;
    /** Bit 1 always reads as one. */
    public static final long FIXED_ONE = 1 << 1;

    /** Lazy flag ops: how the arithmetic flags follow from the recorded operands. */
    public static final int EAGER = 0;      // flagResult holds the OSZAPC bits themselves
    public static final int ADD = 1;
    public static final int ADC = 2;
    public static final int SUB = 3;
    public static final int SBB = 4;
    public static final int LOGIC = 5;      // CF = OF = AF = 0
    public static final int INC = 6;        // CF preserved in flagCarryIn
    public static final int DEC = 7;
    public static final int RESULT_WITH_COA = 8; // SF/ZF/PF from result; CF/OF/AF are the bits in flagSrc1

    private Flags() {}

    public static boolean carry(CpuState s) {
        long m = Width.mask(s.flagSize);
        long a = s.flagSrc1 & m, b = s.flagSrc2 & m, r = s.flagResult & m;
        return switch (s.flagOp) {
            case ADD -> Long.compareUnsigned(r, a) < 0;
            case ADC -> s.flagCarryIn == 0 ? Long.compareUnsigned(r, a) < 0 : Long.compareUnsigned(r, a) <= 0;
            case SUB -> Long.compareUnsigned(a, b) < 0;
            case SBB -> s.flagCarryIn == 0 ? Long.compareUnsigned(a, b) < 0 : Long.compareUnsigned(a, b) <= 0;
            case LOGIC -> false;
            case INC, DEC -> s.flagCarryIn != 0;
            case RESULT_WITH_COA -> (s.flagSrc1 & CF) != 0;
            default -> (s.flagResult & CF) != 0;
        };
    }

    public static boolean zero(CpuState s) {
        if (s.flagOp == EAGER) return (s.flagResult & ZF) != 0;
        return (s.flagResult & Width.mask(s.flagSize)) == 0;
    }

    public static boolean sign(CpuState s) {
        if (s.flagOp == EAGER) return (s.flagResult & SF) != 0;
        return Width.isNegative(s.flagResult, s.flagSize);
    }

    public static boolean parity(CpuState s) {
        if (s.flagOp == EAGER) return (s.flagResult & PF) != 0;
        return (Integer.bitCount((int) s.flagResult & 0xff) & 1) == 0;
    }

    public static boolean overflow(CpuState s) {
        long a = s.flagSrc1, b = s.flagSrc2, r = s.flagResult;
        return switch (s.flagOp) {
            case ADD, ADC, INC -> Width.isNegative((a ^ r) & (b ^ r), s.flagSize);
            case SUB, SBB, DEC -> Width.isNegative((a ^ b) & (a ^ r), s.flagSize);
            case LOGIC -> false;
            case RESULT_WITH_COA -> (s.flagSrc1 & OF) != 0;
            default -> (s.flagResult & OF) != 0;
        };
    }

    public static boolean auxiliary(CpuState s) {
        return switch (s.flagOp) {
            case ADD, ADC, SUB, SBB, INC, DEC -> ((s.flagSrc1 ^ s.flagSrc2 ^ s.flagResult) & AF) != 0;
            case LOGIC -> false;
            case RESULT_WITH_COA -> (s.flagSrc1 & AF) != 0;
            default -> (s.flagResult & AF) != 0;
        };
    }

    /** The six arithmetic flags as RFLAGS bits. */
    public static long arithmetic(CpuState s) {
        if (s.flagOp == EAGER) return s.flagResult & ARITHMETIC;
        return (carry(s) ? CF : 0) | (parity(s) ? PF : 0) | (auxiliary(s) ? AF : 0)
                | (zero(s) ? ZF : 0) | (sign(s) ? SF : 0) | (overflow(s) ? OF : 0);
    }

    /**
     * Evaluates condition code cc (0..15, the low nibble of Jcc/SETcc/CMOVcc). A compare leaves
     * SUB operands, so the common compare-and-branch reads them directly.
     */
    public static boolean condition(CpuState s, int cc) {
        boolean result;
        if (s.flagOp == SUB) {
            int size = s.flagSize;
            long m = Width.mask(size);
            long a = s.flagSrc1 & m, b = s.flagSrc2 & m;
            long sa = Width.signExtend(a, size), sb = Width.signExtend(b, size);
            result = switch (cc >> 1) {
                case 0 -> overflow(s);
                case 1 -> Long.compareUnsigned(a, b) < 0;
                case 2 -> a == b;
                case 3 -> Long.compareUnsigned(a, b) <= 0;
                case 4 -> sign(s);
                case 5 -> parity(s);
                case 6 -> sa < sb;
                default -> sa <= sb;
            };
        } else {
            result = switch (cc >> 1) {
                case 0 -> overflow(s);
                case 1 -> carry(s);
                case 2 -> zero(s);
                case 3 -> carry(s) || zero(s);
                case 4 -> sign(s);
                case 5 -> parity(s);
                case 6 -> sign(s) != overflow(s);
                default -> zero(s) || sign(s) != overflow(s);
            };
        }
        return result ^ ((cc & 1) != 0);
    }
}
