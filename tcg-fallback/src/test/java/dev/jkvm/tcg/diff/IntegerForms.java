package dev.jkvm.tcg.diff;

import static dev.jkvm.tcg.diff.CaseBuilder.AF;
import static dev.jkvm.tcg.diff.CaseBuilder.ARITHMETIC;
import static dev.jkvm.tcg.diff.CaseBuilder.CF;
import static dev.jkvm.tcg.diff.CaseBuilder.DF;
import static dev.jkvm.tcg.diff.CaseBuilder.OF;
import static dev.jkvm.tcg.diff.CaseBuilder.PF;
import static dev.jkvm.tcg.diff.CaseBuilder.SF;
import static dev.jkvm.tcg.diff.CaseBuilder.ZF;
import static dev.jkvm.tcg.diff.FormHelpers.*;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Integer instruction forms with the flags the SDM leaves undefined for each. */
final class IntegerForms {
    private static final int RAX = 0, RCX = 1, RDX = 2, RBX = 3, RBP = 5, RSI = 6, RDI = 7;
    private static final int[] LOCK = {0xf0};
    private static final String[] ALU = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};
    private static final String[] SHIFT = {"rol", "ror", "rcl", "rcr", "shl", "shr", "sal", "sar"};
    private static final String[] CONDITION = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"};
    private static final Consumer<CaseBuilder> NOTHING = b -> { };

    private IntegerForms() {}

    static List<Form> forms() {
        List<Form> f = new ArrayList<>();
        alu(f);
        unary(f);
        multiplyDivide(f);
        shifts(f);
        bits(f);
        moves(f);
        exchanges(f);
        conditionals(f);
        branches(f);
        stack(f);
        strings(f);
        misc(f);
        return f;
    }

    private static void bothSizes(int byteOpcode, int wideOpcode, java.util.function.IntFunction<int[]> opcode,
                                  java.util.function.BiConsumer<Integer, int[]> add) {
        if (byteOpcode >= 0) add.accept(1, opcode.apply(byteOpcode));
        for (int size : WORD_DWORD_QWORD) add.accept(size, opcode.apply(wideOpcode));
    }

    private static void alu(List<Form> f) {
        for (int k = 0; k < 8; k++) {
            String n = ALU[k];
            long undefined = (k == 1 || k == 4 || k == 6) ? AF : 0;
            int base = k * 8;
            bothSizes(base, base + 1, FormHelpers::op, (size, op) ->
                    f.add(modrm(n + " E,G" + sizeSuffix(size), op, size, REG_ANY, REG_OR_MEM, IMM_NONE, undefined)));
            bothSizes(base + 2, base + 3, FormHelpers::op, (size, op) ->
                    f.add(modrm(n + " G,E" + sizeSuffix(size), op, size, REG_ANY, REG_OR_MEM, IMM_NONE, undefined)));
            bothSizes(base + 4, base + 5, FormHelpers::op, (size, op) ->
                    f.add(plain(n + " acc,imm" + sizeSuffix(size), NO_PREFIX, op, size, false, IMM_Z, undefined, NOTHING)));
            int kind = k;
            bothSizes(0x80, 0x81, FormHelpers::op, (size, op) ->
                    f.add(modrm(n + " E,Iz" + sizeSuffix(size), op, size, kind, REG_OR_MEM, IMM_Z, undefined)));
            for (int size : WORD_DWORD_QWORD) {
                f.add(modrm(n + " E,Ib" + sizeSuffix(size), op(0x83), size, kind, REG_OR_MEM, IMM_8, undefined));
            }
            if (k != 7) {
                bothSizes(base, base + 1, FormHelpers::op, (size, op) -> f.add(modrm("lock " + n + " M,G" + sizeSuffix(size),
                        LOCK, op, size, REG_ANY, MEM_ONLY, IMM_NONE, undefined, NOTHING)));
            }
        }
        bothSizes(0x84, 0x85, FormHelpers::op, (size, op) ->
                f.add(modrm("test E,G" + sizeSuffix(size), op, size, REG_ANY, REG_OR_MEM, IMM_NONE, AF)));
        bothSizes(0xa8, 0xa9, FormHelpers::op, (size, op) ->
                f.add(plain("test acc,imm" + sizeSuffix(size), NO_PREFIX, op, size, false, IMM_Z, AF, NOTHING)));
        bothSizes(0xf6, 0xf7, FormHelpers::op, (size, op) ->
                f.add(modrm("test E,I" + sizeSuffix(size), op, size, 0, REG_OR_MEM, IMM_Z, AF)));
    }

    private static void unary(List<Form> f) {
        String[] names = {"inc", "dec"};
        for (int ext = 0; ext < 2; ext++) {
            int e = ext;
            bothSizes(0xfe, 0xff, FormHelpers::op, (size, op) ->
                    f.add(modrm(names[e] + " E" + sizeSuffix(size), op, size, e, REG_OR_MEM, IMM_NONE, 0)));
            bothSizes(0xfe, 0xff, FormHelpers::op, (size, op) -> f.add(modrm("lock " + names[e] + " M" + sizeSuffix(size),
                    LOCK, op, size, e, MEM_ONLY, IMM_NONE, 0, NOTHING)));
        }
        bothSizes(0xf6, 0xf7, FormHelpers::op, (size, op) ->
                f.add(modrm("not E" + sizeSuffix(size), op, size, 2, REG_OR_MEM, IMM_NONE, 0)));
        bothSizes(0xf6, 0xf7, FormHelpers::op, (size, op) ->
                f.add(modrm("neg E" + sizeSuffix(size), op, size, 3, REG_OR_MEM, IMM_NONE, 0)));
        bothSizes(0xf6, 0xf7, FormHelpers::op, (size, op) -> f.add(modrm("lock neg M" + sizeSuffix(size),
                LOCK, op, size, 3, MEM_ONLY, IMM_NONE, 0, NOTHING)));
    }

    private static void multiplyDivide(List<Form> f) {
        String[] names = {"mul", "imul", "div", "idiv"};
        for (int i = 0; i < 4; i++) {
            int ext = 4 + i;
            boolean divide = i >= 2;
            boolean signed = i == 1 || i == 3;
            long undefined = divide ? ARITHMETIC : SF | ZF | AF | PF;
            bothSizes(0xf6, 0xf7, FormHelpers::op, (size, op) -> f.add(modrm(names[ext - 4] + " E" + sizeSuffix(size),
                    NO_PREFIX, op, size, ext, REG_OR_MEM, IMM_NONE, undefined,
                    divide ? b -> makeQuotientLikelyToFit(b, size, signed) : NOTHING)));
        }
        for (int size : WORD_DWORD_QWORD) {
            f.add(modrm("imul G,E" + sizeSuffix(size), op(0x0f, 0xaf), size, REG_ANY, REG_OR_MEM, IMM_NONE, SF | ZF | AF | PF));
            f.add(modrm("imul G,E,Iz" + sizeSuffix(size), op(0x69), size, REG_ANY, REG_OR_MEM, IMM_Z, SF | ZF | AF | PF));
            f.add(modrm("imul G,E,Ib" + sizeSuffix(size), op(0x6b), size, REG_ANY, REG_OR_MEM, IMM_8, SF | ZF | AF | PF));
        }
    }

    /** A small high half (or its sign extension) so most divisions succeed instead of raising #DE. */
    private static void makeQuotientLikelyToFit(CaseBuilder b, int size, boolean signed) {
        if (b.random.nextInt(5) == 0) return;
        long rax = b.state.gpr[RAX];
        long high = signed ? (rax >> 63) : b.random.nextInt(3);
        if (size == 1) {
            b.constrain(RAX, (rax & ~0xff00L) | ((signed ? ((rax >> 7) & 0xff) : high) << 8));
        } else {
            if (signed) high = (size == 8 ? rax : rax << (64 - size * 8)) >> 63;
            b.constrain(RAX, rax);
            b.constrain(RDX, high);
        }
    }

    private static void shifts(List<Form> f) {
        for (int k = 0; k < 8; k++) {
            int kind = k;
            String n = SHIFT[k];
            bothSizes(0xc0, 0xc1, FormHelpers::op, (size, op) -> f.add(modrm(n + " E,Ib" + sizeSuffix(size), NO_PREFIX, op, size,
                    kind, REG_OR_MEM, IMM_8, 0, b -> {
                        int count = shiftCount(b);
                        b.immediateOverride = (long) count;
                        b.undefined(shiftUndefined(kind, size, count));
                    })));
            bothSizes(0xd0, 0xd1, FormHelpers::op, (size, op) -> f.add(modrm(n + " E,1" + sizeSuffix(size), NO_PREFIX, op, size,
                    kind, REG_OR_MEM, IMM_NONE, shiftUndefined(kind, size, 1), NOTHING)));
            bothSizes(0xd2, 0xd3, FormHelpers::op, (size, op) -> f.add(modrm(n + " E,CL" + sizeSuffix(size), NO_PREFIX, op, size,
                    kind, REG_OR_MEM, IMM_NONE, 0, b -> {
                        int count = shiftCount(b);
                        b.constrain(RCX, (b.randomValue() & ~0xffL) | count);
                        b.undefined(shiftUndefined(kind, size, count));
                    })));
        }
        for (int size : WORD_DWORD_QWORD) {
            for (boolean left : new boolean[] {true, false}) {
                String n = left ? "shld" : "shrd";
                int opcode = left ? 0xa4 : 0xac;
                f.add(modrm(n + " E,G,Ib" + sizeSuffix(size), NO_PREFIX, op(0x0f, opcode), size, REG_ANY, REG_OR_MEM, IMM_8, 0, b -> {
                    int count = doubleShiftCount(b, size);
                    b.immediateOverride = (long) count;
                    b.undefined(doubleShiftUndefined(size, count));
                }));
                f.add(modrm(n + " E,G,CL" + sizeSuffix(size), NO_PREFIX, op(0x0f, opcode + 1), size, REG_ANY, REG_OR_MEM, IMM_NONE, 0, b -> {
                    int count = doubleShiftCount(b, size);
                    b.constrain(RCX, (b.randomValue() & ~0xffL) | count);
                    b.undefined(doubleShiftUndefined(size, count));
                }));
            }
        }
    }

    private static int shiftCount(CaseBuilder b) {
        return switch (b.random.nextInt(4)) {
            case 0 -> b.random.nextInt(3);
            case 1 -> b.random.nextInt(256);
            default -> b.random.nextInt(70);
        };
    }

    private static int doubleShiftCount(CaseBuilder b, int size) {
        int count = b.random.nextInt(size == 8 ? 64 : 32) + (b.random.nextInt(4) == 0 ? 32 * b.random.nextInt(4) : 0);
        return size == 2 && (count & 31) > 16 ? count & 15 : count; // beyond 16 the 16-bit result is undefined
    }

    static long shiftUndefined(int kind, int size, int count) {
        int masked = count & (size == 8 ? 63 : 31);
        if (masked == 0) return 0;
        long undefined = masked != 1 ? OF : 0;
        if (kind >= 4) undefined |= AF; // shifts: AF undefined; rotates leave SF/ZF/AF/PF alone
        if ((kind == 4 || kind == 5 || kind == 6) && masked >= size * 8) undefined |= CF;
        return undefined;
    }

    private static long doubleShiftUndefined(int size, int count) {
        int masked = count & (size == 8 ? 63 : 31);
        if (masked == 0) return 0;
        return AF | (masked != 1 ? OF : 0);
    }

    private static void bits(List<Form> f) {
        String[] names = {"bt", "bts", "btr", "btc"};
        int[] registerOpcodes = {0xa3, 0xab, 0xb3, 0xbb};
        for (int k = 0; k < 4; k++) {
            int kind = k;
            for (int size : WORD_DWORD_QWORD) {
                f.add(bitForm(names[k] + " E,G" + sizeSuffix(size), NO_PREFIX, registerOpcodes[k], size));
                f.add(modrm(names[k] + " E,Ib" + sizeSuffix(size), op(0x0f, 0xba), size, 4 + kind, REG_OR_MEM, IMM_8,
                        OF | SF | AF | PF));
                if (k > 0) f.add(bitForm("lock " + names[k] + " M,G" + sizeSuffix(size), LOCK, registerOpcodes[k], size));
            }
        }
        for (int size : WORD_DWORD_QWORD) {
            f.add(modrm("bsf G,E" + sizeSuffix(size), op(0x0f, 0xbc), size, REG_ANY, REG_OR_MEM, IMM_NONE, CF | OF | SF | AF | PF));
            f.add(modrm("bsr G,E" + sizeSuffix(size), op(0x0f, 0xbd), size, REG_ANY, REG_OR_MEM, IMM_NONE, CF | OF | SF | AF | PF));
            f.add(withPrefix("popcnt G,E" + sizeSuffix(size), op(0xf3), op(0x0f, 0xb8), size));
            f.add(plain("bswap r" + sizeSuffix(size), NO_PREFIX, op(0x0f, 0xc8), size, true, IMM_NONE, 0, NOTHING));
        }
    }

    private static Form withPrefix(String name, int[] prefixes, int[] opcode, int size) {
        return FormHelpers.modrm(name, prefixes, opcode, size, REG_ANY, REG_OR_MEM, IMM_NONE, 0, NOTHING);
    }

    /** BT-family with a register bit offset: keep the offset small so memory forms stay near the page. */
    private static Form bitForm(String name, int[] prefixes, int opcode, int size) {
        return new Form(name, b -> {
            b.undefined(OF | SF | AF | PF);
            int reg = b.pickRegister();
            b.constrain(reg, b.random.nextBoolean() ? b.random.nextInt(384) - 128 : b.random.nextInt(1 << 16) - (1 << 15));
            boolean locked = prefixes.length > 0;
            CaseBuilder.Rm rm = b.pickRm(size, !locked, true);
            b.instruction(prefixes, size, op(0x0f, opcode), reg, rm, 0, 0);
        });
    }

    private static void moves(List<Form> f) {
        bothSizes(0x88, 0x89, FormHelpers::op, (size, op) ->
                f.add(modrm("mov E,G" + sizeSuffix(size), op, size, REG_ANY, REG_OR_MEM, IMM_NONE, 0)));
        bothSizes(0x8a, 0x8b, FormHelpers::op, (size, op) ->
                f.add(modrm("mov G,E" + sizeSuffix(size), op, size, REG_ANY, REG_OR_MEM, IMM_NONE, 0)));
        bothSizes(0xc6, 0xc7, FormHelpers::op, (size, op) ->
                f.add(modrm("mov E,I" + sizeSuffix(size), op, size, 0, REG_OR_MEM, IMM_Z, 0)));
        f.add(plain("mov r,Ib", NO_PREFIX, op(0xb0), 1, true, IMM_8, 0, NOTHING));
        for (int size : WORD_DWORD_QWORD) {
            f.add(plain("mov r,Iv" + sizeSuffix(size), NO_PREFIX, op(0xb8), size, true, IMM_FULL, 0, NOTHING));
            f.add(modrm("movzx G,Eb" + sizeSuffix(size), op(0x0f, 0xb6), size, REG_ANY, REG_OR_MEM, IMM_NONE, 0));
            f.add(modrm("movsx G,Eb" + sizeSuffix(size), op(0x0f, 0xbe), size, REG_ANY, REG_OR_MEM, IMM_NONE, 0));
            f.add(modrm("lea G,M" + sizeSuffix(size), op(0x8d), size, REG_ANY, MEM_ONLY, IMM_NONE, 0));
        }
        for (int size : new int[] {4, 8}) {
            f.add(modrm("movzx G,Ew" + sizeSuffix(size), op(0x0f, 0xb7), size, REG_ANY, REG_OR_MEM, IMM_NONE, 0));
            f.add(modrm("movsx G,Ew" + sizeSuffix(size), op(0x0f, 0xbf), size, REG_ANY, REG_OR_MEM, IMM_NONE, 0));
            f.add(modrm("movsxd G,Ed" + sizeSuffix(size), op(0x63), size, REG_ANY, REG_OR_MEM, IMM_NONE, 0));
        }
        bothSizes(0xa0, 0xa1, FormHelpers::op, (size, op) -> f.add(moffs("mov acc,moffs" + sizeSuffix(size), op, size)));
        bothSizes(0xa2, 0xa3, FormHelpers::op, (size, op) -> f.add(moffs("mov moffs,acc" + sizeSuffix(size), op, size)));
        f.add(plain("cbw/cwde/cdqe w", NO_PREFIX, op(0x98), 2, false, IMM_NONE, 0, NOTHING));
        f.add(plain("cwde", NO_PREFIX, op(0x98), 4, false, IMM_NONE, 0, NOTHING));
        f.add(plain("cdqe", NO_PREFIX, op(0x98), 8, false, IMM_NONE, 0, NOTHING));
        f.add(plain("cwd", NO_PREFIX, op(0x99), 2, false, IMM_NONE, 0, NOTHING));
        f.add(plain("cdq", NO_PREFIX, op(0x99), 4, false, IMM_NONE, 0, NOTHING));
        f.add(plain("cqo", NO_PREFIX, op(0x99), 8, false, IMM_NONE, 0, NOTHING));
        f.add(plain("xlat", NO_PREFIX, op(0xd7), 4, false, IMM_NONE, 0,
                b -> b.constrain(RBX, Layout.DATA_BASE + b.random.nextInt(Layout.PAGE - 256))));
    }

    /** MOV with a 64-bit absolute address (moffs64) into the data page. */
    private static Form moffs(String name, int[] opcode, int size) {
        return new Form(name, b -> b.instructionWithoutModrm(NO_PREFIX, size, opcode, -1,
                Layout.DATA_BASE + b.random.nextInt(Layout.PAGE - size + 1), 8));
    }

    private static void exchanges(List<Form> f) {
        bothSizes(0x86, 0x87, FormHelpers::op, (size, op) ->
                f.add(modrm("xchg E,G" + sizeSuffix(size), op, size, REG_ANY, REG_OR_MEM, IMM_NONE, 0)));
        for (int size : WORD_DWORD_QWORD) {
            f.add(plain("xchg r,acc" + sizeSuffix(size), NO_PREFIX, op(0x90), size, true, IMM_NONE, 0, NOTHING));
        }
        bothSizes(0xb0, 0xb1, FormHelpers::op, (size, op) -> {
            f.add(compareExchange("cmpxchg E,G" + sizeSuffix(size), NO_PREFIX, op, size, true));
            f.add(compareExchange("lock cmpxchg M,G" + sizeSuffix(size), LOCK, op, size, false));
        });
        bothSizes(0xc0, 0xc1, FormHelpers::op, (size, op) -> {
            f.add(FormHelpers.modrm("xadd E,G" + sizeSuffix(size), NO_PREFIX, new int[] {0x0f, op[0]}, size, REG_ANY, REG_OR_MEM, IMM_NONE, 0, NOTHING));
            f.add(FormHelpers.modrm("lock xadd M,G" + sizeSuffix(size), LOCK, new int[] {0x0f, op[0]}, size, REG_ANY, MEM_ONLY, IMM_NONE, 0, NOTHING));
        });
        for (int[] prefix : new int[][] {NO_PREFIX, LOCK}) {
            f.add(compareExchangeDouble((prefix.length > 0 ? "lock " : "") + "cmpxchg8b", prefix, 4));
            f.add(compareExchangeDouble((prefix.length > 0 ? "lock " : "") + "cmpxchg16b", prefix, 8));
        }
    }

    private static Form compareExchange(String name, int[] prefixes, int[] opcode, int size, boolean allowRegister) {
        return new Form(name, b -> {
            int reg = b.pickRegister();
            CaseBuilder.Rm rm = b.pickRm(size, allowRegister, true);
            if (b.random.nextBoolean()) {
                if (rm.register >= 0) b.state.gpr[RAX] = b.state.gpr[rm.register];
                else b.copyToAccumulator(rm.target, size);
            }
            b.instruction(prefixes, size, new int[] {0x0f, opcode[0]}, reg, rm, 0, 0);
        });
    }

    private static Form compareExchangeDouble(String name, int[] prefixes, int half) {
        return new Form(name, b -> {
            b.constrain(RAX, b.randomValue());
            b.constrain(RDX, b.randomValue());
            b.constrain(RBX, b.randomValue());
            b.constrain(RCX, b.randomValue());
            long target = Layout.DATA_BASE + (b.random.nextInt(Layout.PAGE / 16 - 1) * 16L)
                    + (b.random.nextInt(8) == 0 ? 8 : 0);
            CaseBuilder.Rm rm = b.memoryAt(target);
            if (b.random.nextBoolean()) {
                b.writeData(target, half, b.state.gpr[RAX]);
                b.writeData(target + half, half, b.state.gpr[RDX]);
            }
            b.instruction(prefixes, half == 8 ? 8 : 4, op(0x0f, 0xc7), 1, rm, 0, 0);
        });
    }

    private static void conditionals(List<Form> f) {
        for (int cc = 0; cc < 16; cc++) {
            for (int size : WORD_DWORD_QWORD) {
                f.add(modrm("cmov" + CONDITION[cc] + " G,E" + sizeSuffix(size), op(0x0f, 0x40 + cc), size, REG_ANY, REG_OR_MEM, IMM_NONE, 0));
            }
            f.add(modrm("set" + CONDITION[cc] + " E", op(0x0f, 0x90 + cc), 1, 0, REG_OR_MEM, IMM_NONE, 0));
        }
    }

    /** Branches jump over a marker instruction, so R15 shows whether they were taken. */
    private static Form branchOverMarker(String name, int[] bytes, int displacementSize, Consumer<CaseBuilder> setup) {
        return new Form(name, b -> {
            setup.accept(b);
            b.emit(bytes);
            b.emitLittleEndian(CaseBuilder.MARKER.length, displacementSize);
            b.emit(CaseBuilder.MARKER);
        });
    }

    private static void branches(List<Form> f) {
        for (int cc = 0; cc < 16; cc++) {
            f.add(branchOverMarker("j" + CONDITION[cc] + " rel8", op(0x70 + cc), 1, NOTHING));
            f.add(branchOverMarker("j" + CONDITION[cc] + " rel32", op(0x0f, 0x80 + cc), 4, NOTHING));
        }
        f.add(branchOverMarker("jmp rel8", op(0xeb), 1, NOTHING));
        f.add(branchOverMarker("jmp rel32", op(0xe9), 4, NOTHING));
        f.add(branchOverMarker("call rel32", op(0xe8), 4, NOTHING));
        Consumer<CaseBuilder> smallCount = b -> b.constrain(RCX, b.random.nextBoolean() ? b.random.nextInt(3) : b.randomValue());
        f.add(branchOverMarker("loopne", op(0xe0), 1, smallCount));
        f.add(branchOverMarker("loope", op(0xe1), 1, smallCount));
        f.add(branchOverMarker("loop", op(0xe2), 1, smallCount));
        f.add(branchOverMarker("jrcxz", op(0xe3), 1, smallCount));
        f.add(branchOverMarker("jecxz", op(0x67, 0xe3), 1, smallCount));
        f.add(branchOverMarker("loop a32", op(0x67, 0xe2), 1, smallCount));
        for (int ext : new int[] {2, 4}) {
            String n = ext == 2 ? "call" : "jmp";
            f.add(new Form(n + " E", b -> {
                CaseBuilder.Rm rm = b.pickRm(8, true, true);
                b.instruction(NO_PREFIX, 4, op(0xff), ext, rm, 0, 0);
                long target = Layout.CODE_BASE + b.codeLength() + CaseBuilder.MARKER.length;
                if (rm.register >= 0) b.state.gpr[rm.register] = target;
                else b.writeData(rm.target, 8, target);
                b.emit(CaseBuilder.MARKER);
            }));
        }
        f.add(new Form("ret", b -> {
            b.emit(0xc3);
            b.writeData(b.state.gpr[CaseBuilder.RSP], 8, Layout.CODE_BASE + 1 + CaseBuilder.MARKER.length);
            b.emit(CaseBuilder.MARKER);
        }));
        f.add(new Form("ret imm16", b -> {
            b.emit(0xc2);
            b.emitLittleEndian(b.random.nextInt(64) * 2, 2);
            b.writeData(b.state.gpr[CaseBuilder.RSP], 8, Layout.CODE_BASE + 3 + CaseBuilder.MARKER.length);
            b.emit(CaseBuilder.MARKER);
        }));
    }

    private static void stack(List<Form> f) {
        for (int size : new int[] {2, 8}) {
            String s = sizeSuffix(size);
            int operandSize = size == 2 ? 2 : 4; // push/pop default to 64 bits: no REX.W needed
            f.add(plain("push r" + s, NO_PREFIX, op(0x50), operandSize, true, IMM_NONE, 0, NOTHING));
            f.add(plain("pop r" + s, NO_PREFIX, op(0x58), operandSize, true, IMM_NONE, 0, NOTHING));
            f.add(plain("push Ib" + s, NO_PREFIX, op(0x6a), operandSize, false, IMM_8, 0, NOTHING));
            f.add(plain("push Iz" + s, NO_PREFIX, op(0x68), operandSize, false, operandSize == 2 ? IMM_16 : 4, 0, NOTHING));
            f.add(modrm("push E" + s, op(0xff), operandSize, 6, REG_OR_MEM, IMM_NONE, 0));
            f.add(modrm("pop E" + s, op(0x8f), operandSize, 0, REG_OR_MEM, IMM_NONE, 0));
            f.add(plain("pushf" + s, NO_PREFIX, op(0x9c), operandSize, false, IMM_NONE, 0, NOTHING));
            f.add(plain("popf" + s, NO_PREFIX, op(0x9d), operandSize, false, IMM_NONE, 0,
                    b -> b.writeData(b.state.gpr[CaseBuilder.RSP], 8, b.randomValue() & ~0x40100L))); // never TF or AC
            f.add(plain("leave" + s, NO_PREFIX, op(0xc9), operandSize, false, IMM_NONE, 0,
                    b -> b.constrain(RBP, Layout.DATA_BASE + 0x400 + b.random.nextInt(0x800))));
            f.add(new Form("enter" + s, b -> {
                b.constrain(RBP, Layout.DATA_BASE + 0x600 + b.random.nextInt(0x400));
                if (size == 2) b.emit(0x66);
                b.emit(0xc8);
                b.emitLittleEndian(b.random.nextInt(64), 2);
                b.emit(b.random.nextInt(4) == 0 ? b.random.nextInt(6) : 0);
            }));
        }
    }

    private static void strings(List<Form> f) {
        String[] names = {"movs", "cmps", "stos", "lods", "scas"};
        int[] opcodes = {0xa4, 0xa6, 0xaa, 0xac, 0xae};
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            int opcode = opcodes[i];
            boolean compares = i == 1 || i == 4;
            int[][] reps = compares ? new int[][] {NO_PREFIX, {0xf3}, {0xf2}} : new int[][] {NO_PREFIX, {0xf3}};
            for (int[] rep : reps) {
                String prefix = rep.length == 0 ? "" : rep[0] == 0xf3 ? "rep " : "repne ";
                bothSizes(opcode, opcode + 1, FormHelpers::op, (size, op) -> f.add(plain(prefix + name + sizeSuffix(size),
                        rep, op, size, false, IMM_NONE, 0, b -> stringSetup(b, size))));
            }
        }
    }

    /** RSI/RDI in the page with room for the count in either direction; often equal buffers. */
    private static void stringSetup(CaseBuilder b, int size) {
        int count = b.random.nextInt(4) == 0 ? 0 : b.random.nextInt(20);
        boolean down = b.random.nextBoolean();
        b.setFlag(DF, down);
        int span = count * size + 16;
        long source = Layout.DATA_BASE + (down ? span : 0) + b.random.nextInt(Layout.PAGE / 2 - span);
        long destination = Layout.DATA_BASE + Layout.PAGE / 2 + (down ? span : 0) + b.random.nextInt(Layout.PAGE / 2 - 2 * span);
        b.constrain(RCX, (b.random.nextBoolean() ? b.randomValue() << 32 : 0) | count);
        b.constrain(RSI, source);
        b.constrain(RDI, destination);
        if (b.random.nextBoolean()) b.copyData(source - (down ? span : 0), destination - (down ? span : 0), span);
        if (b.random.nextBoolean()) {
            int at = (int) (destination - Layout.DATA_BASE) + (down ? -1 : 1) * size * b.random.nextInt(count + 1);
            b.state.gpr[RAX] = b.readData(Layout.DATA_BASE + at, 8);
        }
    }

    private static void misc(List<Form> f) {
        f.add(plain("nop", NO_PREFIX, op(0x90), 4, false, IMM_NONE, 0, NOTHING));
        f.add(plain("pause", op(0xf3), op(0x90), 4, false, IMM_NONE, 0, NOTHING));
        f.add(modrm("nop E", op(0x0f, 0x1f), 4, 0, REG_OR_MEM, IMM_NONE, 0));
        f.add(modrm("nop Ew", op(0x0f, 0x1f), 2, 0, REG_OR_MEM, IMM_NONE, 0));
        f.add(modrm("prefetcht0", op(0x0f, 0x18), 4, 1, MEM_ONLY, IMM_NONE, 0));
        f.add(modrm("prefetchnta", op(0x0f, 0x18), 4, 0, MEM_ONLY, IMM_NONE, 0));
        f.add(plain("lahf", NO_PREFIX, op(0x9f), 4, false, IMM_NONE, 0, NOTHING));
        f.add(plain("sahf", NO_PREFIX, op(0x9e), 4, false, IMM_NONE, 0, NOTHING));
        f.add(plain("clc", NO_PREFIX, op(0xf8), 4, false, IMM_NONE, 0, NOTHING));
        f.add(plain("stc", NO_PREFIX, op(0xf9), 4, false, IMM_NONE, 0, NOTHING));
        f.add(plain("cmc", NO_PREFIX, op(0xf5), 4, false, IMM_NONE, 0, NOTHING));
        f.add(plain("cld", NO_PREFIX, op(0xfc), 4, false, IMM_NONE, 0, NOTHING));
        f.add(plain("std", NO_PREFIX, op(0xfd), 4, false, IMM_NONE, 0, NOTHING));
        // privileged or undefined in user mode: the fault kind must match
        f.add(plain("hlt", NO_PREFIX, op(0xf4), 4, false, IMM_NONE, 0, NOTHING));
        f.add(plain("cli", NO_PREFIX, op(0xfa), 4, false, IMM_NONE, 0, NOTHING));
        f.add(plain("in al,Ib", NO_PREFIX, op(0xe4), 4, false, IMM_8, 0, NOTHING));
        f.add(plain("out dx,eax", NO_PREFIX, op(0xef), 4, false, IMM_NONE, 0, NOTHING));
        f.add(plain("insb", NO_PREFIX, op(0x6c), 4, false, IMM_NONE, 0, NOTHING));
        f.add(plain("ud2", NO_PREFIX, op(0x0f, 0x0b), 4, false, IMM_NONE, 0, NOTHING));
        f.add(modrm("lock on a register form", LOCK, op(0x01), 4, REG_ANY, REG_ONLY, IMM_NONE, 0, NOTHING));
        f.add(modrm("lock cmp", LOCK, op(0x39), 4, REG_ANY, MEM_ONLY, IMM_NONE, 0, NOTHING));
    }
}
