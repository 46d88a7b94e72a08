package dev.jkvm.tcg.diff;

import java.util.function.Consumer;

/** Building blocks for the form tables: generic ModRM, opcode-only and branch shapes. */
final class FormHelpers {
    static final int[] NO_PREFIX = {};
    static final int[] WORD_DWORD_QWORD = {2, 4, 8};
    static final int IMM_NONE = 0, IMM_8 = 1, IMM_16 = 2, IMM_Z = -1, IMM_FULL = -2;
    static final int REG_ANY = -1;
    static final int REG_OR_MEM = 0, MEM_ONLY = 1, REG_ONLY = 2;

    private FormHelpers() {}

    static int[] op(int... bytes) {
        return bytes;
    }

    static String sizeSuffix(int size) {
        return switch (size) {
            case 1 -> "b";
            case 2 -> "w";
            case 4 -> "d";
            case 8 -> "q";
            default -> String.valueOf(size * 8);
        };
    }

    static int immediateBytes(int kind, int size) {
        return switch (kind) {
            case IMM_Z -> Math.min(size, 4);
            case IMM_FULL -> size;
            default -> kind;
        };
    }

    /**
     * A ModRM form: reg is REG_ANY (a random register operand) or an opcode extension 0..7;
     * rmKind restricts r/m to registers or memory; setup runs first to constrain the state.
     */
    static Form modrm(String name, int[] prefixes, int[] opcode, int size, int reg, int rmKind, int immediateKind,
                      long undefinedFlags, Consumer<CaseBuilder> setup) {
        return new Form(name, b -> {
            b.undefined(undefinedFlags);
            setup.accept(b);
            int regField = reg == REG_ANY ? b.pickRegister() : reg;
            CaseBuilder.Rm rm = b.pickRm(size, rmKind != MEM_ONLY, rmKind != REG_ONLY);
            int immSize = immediateBytes(immediateKind, size);
            long imm = b.immediateOverride != null ? b.immediateOverride : b.randomValue();
            b.instruction(prefixes, size, opcode, regField, rm, imm, immSize);
        });
    }

    static Form modrm(String name, int[] opcode, int size, int reg, int rmKind, int immediateKind, long undefinedFlags) {
        return modrm(name, NO_PREFIX, opcode, size, reg, rmKind, immediateKind, undefinedFlags, b -> { });
    }

    /** An opcode with no ModRM (a register, if any, in the low three bits plus REX.B). */
    static Form plain(String name, int[] prefixes, int[] opcode, int size, boolean registerInOpcode,
                      int immediateKind, long undefinedFlags, Consumer<CaseBuilder> setup) {
        return new Form(name, b -> {
            b.undefined(undefinedFlags);
            setup.accept(b);
            int reg = registerInOpcode ? b.pickRegister() : -1;
            long imm = b.immediateOverride != null ? b.immediateOverride : b.randomValue();
            b.instructionWithoutModrm(prefixes, size, opcode, reg, imm, immediateBytes(immediateKind, size));
        });
    }
}
