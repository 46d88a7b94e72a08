package dev.jkvm.tcg.decode;

/**
 * The x87 escape opcodes D8..DF and FWAIT. Every x87 instruction decodes to {@link Op#X87} with
 * {@link Insn#sub} = (escape & 7) << 8 | ModRM, where memory forms keep only the reg field
 * (ModRM & 0x38) and carry the memory operand in {@link Insn#src} (its size in bytes: 2, 4, 8, 10,
 * or the FNSTENV/FNSAVE image size); {@link Insn#size} is the operand size (for the environment
 * format). FWAIT is sub {@link #FWAIT}. Reserved encodings decode to #UD; the undocumented aliases
 * real CPUs execute (FSTP1, FCOM2, FXCH4, FFREEP, ...) are accepted. FISTTP (SSE3) is #UD because
 * SSE3 is not advertised.
 */
final class X87Map {
    static final int FWAIT = 0x800;

    private X87Map() {}

    static Insn decodeWait(DecodeContext c) {
        return c.insn(Op.X87, FWAIT, c.operandSize, null, null, null);
    }

    static Insn decode(DecodeContext c, int opcode) {
        int escape = opcode & 7;
        c.readModrm();
        int reg = c.reg & 7;
        if (c.isMemoryForm()) {
            int size = memorySize(escape, reg, c.operandSize);
            if (size == 0) return c.undefined();
            return c.insn(Op.X87, escape << 8 | reg << 3, c.operandSize, null, c.memoryOnly(size), null);
        }
        int modrm = 0xc0 | reg << 3 | (c.rm & 7);
        if (!registerFormDefined(escape, modrm)) return c.undefined();
        return c.insn(Op.X87, escape << 8 | modrm, c.operandSize, null, null, null);
    }

    private static int memorySize(int escape, int reg, int operandSize) {
        int env = operandSize == 2 ? 14 : 28;
        return switch (escape) {
            case 0, 2 -> 4;
            case 4 -> 8;
            case 6 -> 2;
            case 1 -> switch (reg) {
                case 0, 2, 3 -> 4;
                case 4, 6 -> env;
                case 5, 7 -> 2;
                default -> 0;
            };
            case 3 -> switch (reg) {
                case 0, 2, 3 -> 4;
                case 5, 7 -> 10;
                default -> 0;
            };
            case 5 -> switch (reg) {
                case 0, 2, 3 -> 8;
                case 4, 6 -> env + 80;
                case 7 -> 2;
                default -> 0;
            };
            default -> switch (reg) { // DF
                case 0, 2, 3 -> 2;
                case 4, 6 -> 10;
                case 5, 7 -> 8;
                default -> 0;
            };
        };
    }

    private static boolean registerFormDefined(int escape, int modrm) {
        return switch (escape) {
            case 0, 4 -> true;
            case 1 -> modrm < 0xd0 || modrm == 0xd0 || (modrm >= 0xd8 && modrm < 0xe0) || modrm == 0xe0 || modrm == 0xe1
                    || modrm == 0xe4 || modrm == 0xe5 || (modrm >= 0xe8 && modrm <= 0xee) || modrm >= 0xf0;
            case 2 -> modrm < 0xe0 || modrm == 0xe9;
            case 3 -> modrm < 0xe5 || (modrm >= 0xe8 && modrm < 0xf8);
            case 5 -> modrm < 0xf0;
            case 6 -> modrm < 0xd8 || modrm == 0xd9 || modrm >= 0xe0;
            default -> modrm < 0xe1 || (modrm >= 0xe8 && modrm < 0xf8);
        };
    }
}
