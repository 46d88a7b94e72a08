package dev.jkvm.tcg.diff;

import static dev.jkvm.tcg.diff.FormHelpers.*;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** SSE/SSE2 forms. Float forms fill XMM and memory with IEEE edge values and pick random MXCSR modes. */
final class SseForms {
    private static final int[] P66 = {0x66}, PF3 = {0xf3}, PF2 = {0xf2};
    private static final int[][] FORMAT_PREFIX = {NO_PREFIX, P66, PF3, PF2};
    private static final String[] FORMAT = {"ps", "pd", "ss", "sd"};
    private static final int[] FORMAT_SIZE = {16, 16, 4, 8};
    private static final Consumer<CaseBuilder> NOTHING = b -> { };

    private SseForms() {}

    static List<Form> forms() {
        List<Form> f = new ArrayList<>();
        moves(f);
        integer(f);
        floating(f);
        conversions(f);
        state(f);
        return f;
    }

    /** A form with an XMM reg operand and an XMM-or-memory r/m operand. */
    private static Form xmm(String name, int[] prefixes, int[] opcode, int memorySize, int rmKind, int immediateKind,
                            Consumer<CaseBuilder> setup) {
        return new Form(name, b -> {
            setup.accept(b);
            int reg = b.random.nextInt(16);
            CaseBuilder.Rm rm = rmKind == MEM_ONLY || (rmKind == REG_OR_MEM && b.random.nextBoolean())
                    ? b.memory(memorySize) : b.register(b.random.nextInt(16));
            if (rm.register < 0 && b.floatLanes != 0) b.fillFloats(rm.target, memorySize);
            long imm = b.immediateOverride != null ? b.immediateOverride : b.randomValue();
            b.instruction(prefixes, 4, opcode, reg, rm, imm, immediateBytes(immediateKind, 4));
        });
    }

    private static Form xmm(String name, int[] prefixes, int[] opcode, int memorySize) {
        return xmm(name, prefixes, opcode, memorySize, REG_OR_MEM, IMM_NONE, NOTHING);
    }

    private static void moves(List<Form> f) {
        String[] full = {"movups", "movupd", "movaps", "movapd", "movdqu", "movdqa"};
        int[][] fullPrefix = {NO_PREFIX, P66, NO_PREFIX, P66, PF3, P66};
        int[][] fullOpcode = {{0x0f, 0x10}, {0x0f, 0x10}, {0x0f, 0x28}, {0x0f, 0x28}, {0x0f, 0x6f}, {0x0f, 0x6f}};
        for (int i = 0; i < full.length; i++) {
            f.add(xmm(full[i] + " V,W", fullPrefix[i], fullOpcode[i], 16));
            int[] store = {0x0f, fullOpcode[i][1] + (fullOpcode[i][1] == 0x6f ? 0x10 : 1)};
            f.add(xmm(full[i] + " W,V", fullPrefix[i], store, 16));
        }
        f.add(xmm("movss V,W", PF3, op(0x0f, 0x10), 4));
        f.add(xmm("movss W,V", PF3, op(0x0f, 0x11), 4));
        f.add(xmm("movsd V,W", PF2, op(0x0f, 0x10), 8));
        f.add(xmm("movsd W,V", PF2, op(0x0f, 0x11), 8));
        for (int opcode = 0x12; opcode <= 0x17; opcode++) {
            if (opcode == 0x14 || opcode == 0x15) continue;
            f.add(xmm("movl/hps " + Integer.toHexString(opcode), NO_PREFIX, op(0x0f, opcode), 8, MEM_ONLY, IMM_NONE, NOTHING));
            f.add(xmm("movl/hpd " + Integer.toHexString(opcode), P66, op(0x0f, opcode), 8, MEM_ONLY, IMM_NONE, NOTHING));
        }
        f.add(xmm("movhlps", NO_PREFIX, op(0x0f, 0x12), 8, REG_ONLY, IMM_NONE, NOTHING));
        f.add(xmm("movlhps", NO_PREFIX, op(0x0f, 0x16), 8, REG_ONLY, IMM_NONE, NOTHING));
        for (int size : new int[] {4, 8}) {
            f.add(modrm("movd/q V,E" + size, P66, op(0x0f, 0x6e), size, REG_ANY, REG_OR_MEM, IMM_NONE, 0, NOTHING));
            f.add(modrm("movd/q E,V" + size, P66, op(0x0f, 0x7e), size, REG_ANY, REG_OR_MEM, IMM_NONE, 0, NOTHING));
            f.add(modrm("movnti" + size, NO_PREFIX, op(0x0f, 0xc3), size, REG_ANY, MEM_ONLY, IMM_NONE, 0, NOTHING));
        }
        f.add(xmm("movq V,W", PF3, op(0x0f, 0x7e), 8));
        f.add(xmm("movq W,V", P66, op(0x0f, 0xd6), 8));
        f.add(xmm("movntps", NO_PREFIX, op(0x0f, 0x2b), 16, MEM_ONLY, IMM_NONE, NOTHING));
        f.add(xmm("movntpd", P66, op(0x0f, 0x2b), 16, MEM_ONLY, IMM_NONE, NOTHING));
        f.add(xmm("movntdq", P66, op(0x0f, 0xe7), 16, MEM_ONLY, IMM_NONE, NOTHING));
        f.add(xmm("movmskps", NO_PREFIX, op(0x0f, 0x50), 16, REG_ONLY, IMM_NONE, NOTHING));
        f.add(xmm("movmskpd", P66, op(0x0f, 0x50), 16, REG_ONLY, IMM_NONE, NOTHING));
        f.add(xmm("pmovmskb", P66, op(0x0f, 0xd7), 16, REG_ONLY, IMM_NONE, NOTHING));
    }

    private static void integer(List<Form> f) {
        int[] lanewise = {0xfc, 0xfd, 0xfe, 0xd4, 0xf8, 0xf9, 0xfa, 0xfb, 0xec, 0xed, 0xdc, 0xdd, 0xe8, 0xe9, 0xd8, 0xd9,
                0x74, 0x75, 0x76, 0x64, 0x65, 0x66, 0xda, 0xde, 0xea, 0xee, 0xe0, 0xe3, 0xd5, 0xe5, 0xe4, 0xf4, 0xf5,
                0xf6, 0xdb, 0xdf, 0xeb, 0xef, 0x60, 0x61, 0x62, 0x6c, 0x68, 0x69, 0x6a, 0x6d, 0x63, 0x67, 0x6b,
                0xd1, 0xd2, 0xd3, 0xe1, 0xe2, 0xf1, 0xf2, 0xf3};
        for (int opcode : lanewise) {
            boolean shiftByRegister = (opcode & 0xf) >= 1 && (opcode & 0xf) <= 3 && opcode >= 0xd1 && opcode != 0xd4;
            f.add(xmm("66 0f " + Integer.toHexString(opcode), P66, op(0x0f, opcode), 16, REG_OR_MEM, IMM_NONE,
                    shiftByRegister ? SseForms::smallShiftCounts : NOTHING));
        }
        for (int[] group : new int[][] {{0x71, 2}, {0x71, 4}, {0x71, 6}, {0x72, 2}, {0x72, 4}, {0x72, 6},
                {0x73, 2}, {0x73, 3}, {0x73, 6}, {0x73, 7}}) {
            f.add(new Form("66 0f " + Integer.toHexString(group[0]) + " /" + group[1], b -> {
                b.immediateOverride = (long) (b.random.nextBoolean() ? b.random.nextInt(20) : b.random.nextInt(256));
                b.instruction(P66, 4, op(0x0f, group[0]), group[1], b.register(b.random.nextInt(16)), b.immediateOverride, 1);
            }));
        }
        f.add(xmm("pshufd", P66, op(0x0f, 0x70), 16, REG_OR_MEM, IMM_8, NOTHING));
        f.add(xmm("pshufhw", PF3, op(0x0f, 0x70), 16, REG_OR_MEM, IMM_8, NOTHING));
        f.add(xmm("pshuflw", PF2, op(0x0f, 0x70), 16, REG_OR_MEM, IMM_8, NOTHING));
        f.add(xmm("shufps", NO_PREFIX, op(0x0f, 0xc6), 16, REG_OR_MEM, IMM_8, NOTHING));
        f.add(xmm("shufpd", P66, op(0x0f, 0xc6), 16, REG_OR_MEM, IMM_8, NOTHING));
        f.add(xmm("unpcklps", NO_PREFIX, op(0x0f, 0x14), 16));
        f.add(xmm("unpckhps", NO_PREFIX, op(0x0f, 0x15), 16));
        f.add(xmm("unpcklpd", P66, op(0x0f, 0x14), 16));
        f.add(xmm("unpckhpd", P66, op(0x0f, 0x15), 16));
        f.add(modrm("pinsrw", P66, op(0x0f, 0xc4), 4, REG_ANY, REG_OR_MEM, IMM_8, 0, NOTHING));
        f.add(xmm("pextrw", P66, op(0x0f, 0xc5), 16, REG_ONLY, IMM_8, NOTHING));
        for (int opcode : new int[] {0x54, 0x55, 0x56, 0x57}) {
            f.add(xmm("logic ps " + Integer.toHexString(opcode), NO_PREFIX, op(0x0f, opcode), 16));
            f.add(xmm("logic pd " + Integer.toHexString(opcode), P66, op(0x0f, opcode), 16));
        }
    }

    /** Shift counts in an XMM register: mostly small, sometimes huge. */
    private static void smallShiftCounts(CaseBuilder b) {
        for (int reg = 0; reg < 16; reg++) {
            if (b.random.nextInt(4) != 0) b.setXmm(reg, 0, b.random.nextInt(70));
        }
    }

    private static void floating(List<Form> f) {
        String[] names = {"sqrt", "add", "mul", "sub", "min", "div", "max"};
        int[] opcodes = {0x51, 0x58, 0x59, 0x5c, 0x5d, 0x5e, 0x5f};
        for (int i = 0; i < names.length; i++) {
            for (int format = 0; format < 4; format++) {
                f.add(xmm(names[i] + FORMAT[format], FORMAT_PREFIX[format], op(0x0f, opcodes[i]), FORMAT_SIZE[format],
                        REG_OR_MEM, IMM_NONE, floatSetup(format)));
            }
        }
        for (int predicate = 0; predicate < 8; predicate++) {
            long p = predicate;
            for (int format = 0; format < 4; format++) {
                Consumer<CaseBuilder> setup = floatSetup(format);
                f.add(xmm("cmp" + p + FORMAT[format], FORMAT_PREFIX[format], op(0x0f, 0xc2), FORMAT_SIZE[format],
                        REG_OR_MEM, IMM_8, b -> {
                            setup.accept(b);
                            b.immediateOverride = p;
                        }));
            }
        }
        for (int opcode : new int[] {0x2e, 0x2f}) {
            f.add(xmm("comiss " + Integer.toHexString(opcode), NO_PREFIX, op(0x0f, opcode), 4, REG_OR_MEM, IMM_NONE, floatSetup(2)));
            f.add(xmm("comisd " + Integer.toHexString(opcode), P66, op(0x0f, opcode), 8, REG_OR_MEM, IMM_NONE, floatSetup(3)));
        }
    }

    /** XMM lanes of the format's width with IEEE edge values, and a random rounding mode, DAZ and FTZ. */
    private static Consumer<CaseBuilder> floatSetup(int format) {
        return b -> {
            b.floatLanes = format == 1 || format == 3 ? 8 : 4;
            for (int reg = 0; reg < 16; reg++) {
                for (int half = 0; half < 2; half++) b.setXmm(reg, half, b.floatBits());
            }
            int mxcsr = 0x1f80 | (b.random.nextInt(4) << 13);
            if (b.random.nextInt(4) == 0) mxcsr |= 0x40;
            if (b.random.nextInt(4) == 0) mxcsr |= 0x8000;
            if (b.random.nextInt(4) == 0) mxcsr |= b.random.nextInt(64); // sticky flags stay sticky
            b.setMxcsr(mxcsr);
        };
    }

    private static void conversions(List<Form> f) {
        for (int format = 2; format < 4; format++) {
            Consumer<CaseBuilder> setup = floatSetup(format);
            for (int size : new int[] {4, 8}) {
                String suffix = (format == 2 ? "ss" : "sd") + size;
                int[] prefix = FORMAT_PREFIX[format];
                f.add(modrm("cvtsi2" + suffix, prefix, op(0x0f, 0x2a), size, REG_ANY, REG_OR_MEM, IMM_NONE, 0, setup));
                f.add(convertToInteger("cvt" + suffix + "2si", prefix, 0x2d, size, format, setup));
                f.add(convertToInteger("cvtt" + suffix + "2si", prefix, 0x2c, size, format, setup));
            }
        }
        f.add(xmm("cvtss2sd", PF3, op(0x0f, 0x5a), 4, REG_OR_MEM, IMM_NONE, floatSetup(2)));
        f.add(xmm("cvtsd2ss", PF2, op(0x0f, 0x5a), 8, REG_OR_MEM, IMM_NONE, floatSetup(3)));
        f.add(xmm("cvtps2pd", NO_PREFIX, op(0x0f, 0x5a), 8, REG_OR_MEM, IMM_NONE, floatSetup(0)));
        f.add(xmm("cvtpd2ps", P66, op(0x0f, 0x5a), 16, REG_OR_MEM, IMM_NONE, floatSetup(1)));
        f.add(xmm("cvtdq2ps", NO_PREFIX, op(0x0f, 0x5b), 16, REG_OR_MEM, IMM_NONE, integerLanesSetup()));
        f.add(xmm("cvtps2dq", P66, op(0x0f, 0x5b), 16, REG_OR_MEM, IMM_NONE, floatSetup(0)));
        f.add(xmm("cvttps2dq", PF3, op(0x0f, 0x5b), 16, REG_OR_MEM, IMM_NONE, floatSetup(0)));
        f.add(xmm("cvtdq2pd", PF3, op(0x0f, 0xe6), 8, REG_OR_MEM, IMM_NONE, integerLanesSetup()));
        f.add(xmm("cvtpd2dq", PF2, op(0x0f, 0xe6), 16, REG_OR_MEM, IMM_NONE, floatSetup(1)));
        f.add(xmm("cvttpd2dq", P66, op(0x0f, 0xe6), 16, REG_OR_MEM, IMM_NONE, floatSetup(1)));
    }

    private static Consumer<CaseBuilder> integerLanesSetup() {
        return b -> b.setMxcsr(0x1f80 | (b.random.nextInt(4) << 13));
    }

    /** CVT(T)SS2SI / CVT(T)SD2SI: an XMM or memory float into a GPR. */
    private static Form convertToInteger(String name, int[] prefix, int opcode, int size, int format, Consumer<CaseBuilder> setup) {
        return new Form(name, b -> {
            setup.accept(b);
            int reg = b.pickRegister();
            int memorySize = format == 2 ? 4 : 8;
            CaseBuilder.Rm rm = b.random.nextBoolean() ? b.memory(memorySize) : b.register(b.random.nextInt(16));
            if (rm.register < 0) b.fillFloats(rm.target, memorySize);
            b.instruction(prefix, size, op(0x0f, opcode), reg, rm, 0, 0);
        });
    }

    private static void state(List<Form> f) {
        f.add(new Form("ldmxcsr", b -> {
            CaseBuilder.Rm rm = b.memory(4);
            b.writeData(rm.target, 4, 0x1f80 | (b.random.nextInt(8) == 0 ? b.random.nextInt() : b.random.nextInt(0x10000) & 0xffbf | 0x1f80));
            b.instruction(NO_PREFIX, 4, op(0x0f, 0xae), 2, rm, 0, 0);
        }));
        f.add(modrm("stmxcsr", op(0x0f, 0xae), 4, 3, MEM_ONLY, IMM_NONE, 0));
        f.add(new Form("fxsave", b -> {
            long target = Layout.DATA_BASE + b.random.nextInt(Layout.PAGE / 16 - 32) * 16L + (b.random.nextInt(8) == 0 ? 8 : 0);
            b.instruction(NO_PREFIX, 8, op(0x0f, 0xae), 0, b.memoryAt(target), 0, 0);
            b.ignoreData(target + 28, 4); // MXCSR_MASK describes the host CPU (e.g. AMD's MM bit)
        }));
    }
}
