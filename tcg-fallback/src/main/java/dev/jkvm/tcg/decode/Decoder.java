package dev.jkvm.tcg.decode;

import dev.jkvm.tcg.state.CpuMode;
import dev.jkvm.tcg.state.Reg;
import dev.jkvm.tcg.state.Segment;

import java.util.EnumSet;
import java.util.Set;

/**
 * Decodes one x86 instruction: prefixes, REX, the one-byte map (here), the 0F map
 * ({@link TwoByteMap}), SSE ({@link SseMap}) and x87 ({@link X87Map}). Encodings that are not
 * implemented decode to {@link Op#UNDEFINED}, which raises #UD when executed, so the decoder can
 * look ahead past code that is never reached.
 */
public final class Decoder {
    private static final Set<Op> LOCKABLE = EnumSet.of(Op.ALU, Op.NOT, Op.NEG, Op.INC, Op.DEC, Op.BIT_TEST,
            Op.XCHG, Op.CMPXCHG, Op.CMPXCHG_DOUBLE, Op.XADD);

    private Decoder() {}

    public static Insn decode(CodeFetcher code, CpuMode mode) {
        DecodeContext c = new DecodeContext(code, mode);
        int opcode = readPrefixes(c);
        c.resolveSizes();
        Insn insn = opcode == 0x0f ? TwoByteMap.decode(c, c.nextByte()) : oneByte(c, opcode);
        if (insn.locked() && !lockAllowed(insn)) return c.undefined();
        return insn;
    }

    private static boolean lockAllowed(Insn insn) {
        if (!LOCKABLE.contains(insn.op) || insn.dst == null || !insn.dst.isMemory()) return false;
        return !(insn.op == Op.ALU && insn.sub == AluKind.CMP) && !(insn.op == Op.BIT_TEST && insn.sub == 0);
    }

    /** Consumes legacy prefixes and REX; returns the first opcode byte. */
    private static int readPrefixes(DecodeContext c) {
        while (true) {
            int b = c.nextByte();
            switch (b) {
                case 0xf0 -> c.prefixes |= Insn.LOCK;
                case 0xf2 -> { c.prefixes = (c.prefixes & ~Insn.REP) | Insn.REPNE; c.simdPrefix = DecodeContext.PREFIX_F2; }
                case 0xf3 -> { c.prefixes = (c.prefixes & ~Insn.REPNE) | Insn.REP; c.simdPrefix = DecodeContext.PREFIX_F3; }
                case 0x66 -> {
                    c.operandSizePrefix = true;
                    if (c.simdPrefix == DecodeContext.NO_PREFIX) c.simdPrefix = DecodeContext.PREFIX_66;
                }
                case 0x67 -> c.addressSizePrefix = true;
                case 0x26 -> c.segmentOverride = c.mode.is64() ? c.segmentOverride : Segment.ES;
                case 0x2e -> c.segmentOverride = c.mode.is64() ? c.segmentOverride : Segment.CS;
                case 0x36 -> c.segmentOverride = c.mode.is64() ? c.segmentOverride : Segment.SS;
                case 0x3e -> c.segmentOverride = c.mode.is64() ? c.segmentOverride : Segment.DS;
                case 0x64 -> c.segmentOverride = Segment.FS;
                case 0x65 -> c.segmentOverride = Segment.GS;
                default -> {
                    if (c.mode.is64() && (b & 0xf0) == 0x40) {
                        c.rex = b;
                        int next = c.peekByte();
                        if (isLegacyPrefix(next) || (next & 0xf0) == 0x40) {
                            c.rex = 0; // a REX not directly before the opcode is ignored
                            continue;
                        }
                        return c.nextByte();
                    }
                    return b;
                }
            }
        }
    }

    private static boolean isLegacyPrefix(int b) {
        return switch (b) {
            case 0xf0, 0xf2, 0xf3, 0x66, 0x67, 0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65 -> true;
            default -> false;
        };
    }

    private static Insn oneByte(DecodeContext c, int opcode) {
        int size = c.operandSize;
        boolean x64 = c.mode.is64();
        if (opcode < 0x40 && (opcode & 7) < 6) return aluForm(c, opcode >> 3, opcode & 7);
        Insn system = SystemMap.oneByte(c, opcode);
        if (system != null) return system;
        switch (opcode) {
            case 0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57: {
                int s = c.stackOperandSize();
                return c.insn(Op.PUSH, s, null, c.gpr((opcode & 7) | ((c.rex & 1) << 3), s));
            }
            case 0x58, 0x59, 0x5a, 0x5b, 0x5c, 0x5d, 0x5e, 0x5f: {
                int s = c.stackOperandSize();
                return c.insn(Op.POP, s, c.gpr((opcode & 7) | ((c.rex & 1) << 3), s), null);
            }
            case 0x63:
                if (!x64) return c.undefined();
                c.readModrm();
                return c.insn(Op.MOVSX, size, c.g(size), c.e(Math.min(size, 4)));
            case 0x68: {
                int s = c.stackOperandSize();
                return c.insn(Op.PUSH, s, null, c.immediateZ(s));
            }
            case 0x6a: {
                int s = c.stackOperandSize();
                return c.insn(Op.PUSH, s, null, c.immediate8(s));
            }
            case 0x69, 0x6b: {
                c.readModrm();
                Operand src = c.e(size);
                Operand imm = opcode == 0x69 ? c.immediateZ(size) : c.immediate8(size);
                return c.insn(Op.IMUL, 0, size, c.g(size), src, imm);
            }
            case 0x6c, 0x6d: return stringForm(c, Op.INS, opcode);
            case 0x6e, 0x6f: return stringForm(c, Op.OUTS, opcode);
            case 0x80, 0x81, 0x83: {
                int s = opcode == 0x80 ? 1 : size;
                c.readModrm();
                Operand dst = c.e(s);
                Operand imm = opcode == 0x81 ? c.immediateZ(s) : c.immediate8(s);
                return c.insn(Op.ALU, c.reg & 7, s, dst, imm, null);
            }
            case 0x84, 0x85: {
                int s = opcode == 0x84 ? 1 : size;
                c.readModrm();
                return c.insn(Op.TEST, s, c.e(s), c.g(s));
            }
            case 0x86, 0x87: {
                int s = opcode == 0x86 ? 1 : size;
                c.readModrm();
                return c.insn(Op.XCHG, s, c.e(s), c.g(s));
            }
            case 0x88, 0x89: {
                int s = opcode == 0x88 ? 1 : size;
                c.readModrm();
                return c.insn(Op.MOV, s, c.e(s), c.g(s));
            }
            case 0x8a, 0x8b: {
                int s = opcode == 0x8a ? 1 : size;
                c.readModrm();
                return c.insn(Op.MOV, s, c.g(s), c.e(s));
            }
            case 0x8c: {
                c.readModrm();
                if ((c.reg & 7) >= Segment.COUNT) return c.undefined();
                int s = c.isMemoryForm() ? 2 : size;
                return c.insn(Op.MOV_FROM_SEGMENT, s, c.e(s), Operand.segmentRegister(c.reg & 7));
            }
            case 0x8d: {
                c.readModrm();
                Operand m = c.memoryOnly(size);
                return m == null ? c.undefined() : c.insn(Op.LEA, size, c.g(size), m);
            }
            case 0x8f: {
                c.readModrm();
                if ((c.reg & 7) != 0) return c.undefined();
                int s = c.stackOperandSize();
                return c.insn(Op.POP, s, c.e(s), null);
            }
            case 0x90:
                if ((c.rex & 1) == 0) return c.insn(Op.NOP, size, null, null);
                // with REX.B this is XCHG R8, rAX
            case 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97:
                return c.insn(Op.XCHG, size, c.gpr((opcode & 7) | ((c.rex & 1) << 3), size), c.gpr(Reg.RAX, size));
            case 0x98: return c.insn(Op.WIDEN_ACCUMULATOR, size, null, null);
            case 0x99: return c.insn(Op.SIGN_INTO_DX, size, null, null);
            case 0x9b: return X87Map.decodeWait(c); // FWAIT: delivers a pending x87 exception
            case 0x9c: return c.insn(Op.PUSHF, c.stackOperandSize(), null, null);
            case 0x9d: return c.insn(Op.POPF, c.stackOperandSize(), null, null);
            case 0x9e: return c.insn(Op.SAHF, 1, null, null);
            case 0x9f: return c.insn(Op.LAHF, 1, null, null);
            case 0xa0, 0xa1, 0xa2, 0xa3: {
                int s = (opcode & 1) == 0 ? 1 : size;
                Operand moffs = Operand.mem(s, c.dataSegment(), Operand.NONE, Operand.NONE, 0,
                        c.immediate(c.addressSize), c.addressSize);
                Operand acc = c.gpr(Reg.RAX, s);
                return opcode < 0xa2 ? c.insn(Op.MOV, s, acc, moffs) : c.insn(Op.MOV, s, moffs, acc);
            }
            case 0xa4, 0xa5: return stringForm(c, Op.MOVS, opcode);
            case 0xa6, 0xa7: return stringForm(c, Op.CMPS, opcode);
            case 0xa8, 0xa9: {
                int s = opcode == 0xa8 ? 1 : size;
                return c.insn(Op.TEST, s, c.gpr(Reg.RAX, s), s == 1 ? c.immediate8(1) : c.immediateZ(s));
            }
            case 0xaa, 0xab: return stringForm(c, Op.STOS, opcode);
            case 0xac, 0xad: return stringForm(c, Op.LODS, opcode);
            case 0xae, 0xaf: return stringForm(c, Op.SCAS, opcode);
            case 0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7:
                return c.insn(Op.MOV, 1, c.gpr((opcode & 7) | ((c.rex & 1) << 3), 1), c.immediate8(1));
            case 0xb8, 0xb9, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf: {
                Operand imm = Operand.imm(c.immediate(size), size);
                return c.insn(Op.MOV, size, c.gpr((opcode & 7) | ((c.rex & 1) << 3), size), imm);
            }
            case 0xc0, 0xc1, 0xd0, 0xd1, 0xd2, 0xd3: {
                int s = (opcode & 1) == 0 ? 1 : size;
                c.readModrm();
                Operand dst = c.e(s);
                Operand count = opcode <= 0xc1 ? c.immediate8(1)
                        : opcode <= 0xd1 ? Operand.imm(1, 1) : Operand.gpr(Reg.RCX, 1);
                return c.insn(Op.SHIFT, c.reg & 7, s, dst, count, null);
            }
            case 0xc2: {
                Operand pop = Operand.imm(c.immediate(2) & 0xffff, 2);
                return c.insn(Op.RET, c.stackOperandSize(), null, pop);
            }
            case 0xc3: return c.insn(Op.RET, c.stackOperandSize(), null, Operand.imm(0, 2));
            case 0xc6, 0xc7: {
                int s = opcode == 0xc6 ? 1 : size;
                c.readModrm();
                if ((c.reg & 7) != 0) return c.undefined();
                Operand dst = c.e(s);
                return c.insn(Op.MOV, s, dst, s == 1 ? c.immediate8(1) : c.immediateZ(s));
            }
            case 0xc8: {
                Operand frame = Operand.imm(c.immediate(2) & 0xffff, 2);
                Operand level = Operand.imm(c.immediate(1) & 0xff, 1);
                return c.insn(Op.ENTER, 0, c.stackOperandSize(), null, frame, level);
            }
            case 0xc9: return c.insn(Op.LEAVE, c.stackOperandSize(), null, null);
            case 0xcc: return c.insn(Op.SOFTWARE_INTERRUPT, 3, 1, null, null, null);
            case 0xcd: return c.insn(Op.SOFTWARE_INTERRUPT, (int) c.immediate(1) & 0xff, 1, null, null, null);
            case 0xd7: return c.insn(Op.XLAT, 1, c.gpr(Reg.RAX, 1), null);
            case 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf: return X87Map.decode(c, opcode);
            case 0xe0, 0xe1, 0xe2: {
                Operand rel = c.immediate8(8);
                return c.insn(Op.LOOP, opcode - 0xe0, c.branchSize(), null, rel, null);
            }
            case 0xe3: return c.insn(Op.JRCXZ, c.branchSize(), null, c.immediate8(8));
            case 0xe4, 0xe5: {
                int s = opcode == 0xe4 ? 1 : Math.min(size, 4);
                return c.insn(Op.IN, s, c.gpr(Reg.RAX, s), Operand.imm(c.immediate(1) & 0xff, 2));
            }
            case 0xe6, 0xe7: {
                int s = opcode == 0xe6 ? 1 : Math.min(size, 4);
                return c.insn(Op.OUT, s, Operand.imm(c.immediate(1) & 0xff, 2), c.gpr(Reg.RAX, s));
            }
            case 0xec, 0xed: {
                int s = opcode == 0xec ? 1 : Math.min(size, 4);
                return c.insn(Op.IN, s, c.gpr(Reg.RAX, s), Operand.gpr(Reg.RDX, 2));
            }
            case 0xee, 0xef: {
                int s = opcode == 0xee ? 1 : Math.min(size, 4);
                return c.insn(Op.OUT, s, Operand.gpr(Reg.RDX, 2), c.gpr(Reg.RAX, s));
            }
            case 0xe8: return c.insn(Op.CALL_RELATIVE, c.branchSize(), null, branchDisplacement(c));
            case 0xe9: return c.insn(Op.JMP_RELATIVE, c.branchSize(), null, branchDisplacement(c));
            case 0xeb: return c.insn(Op.JMP_RELATIVE, c.branchSize(), null, c.immediate8(8));
            case 0xf4: return c.insn(Op.HLT, 1, null, null);
            case 0xf5, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd: return c.insn(Op.FLAG_CONTROL, opcode, 1, null, null, null);
            case 0xf6, 0xf7: return groupThree(c, opcode == 0xf6 ? 1 : size);
            case 0xfe, 0xff: return groupFourFive(c, opcode);
            default:
                if (opcode >= 0x70 && opcode <= 0x7f) {
                    return c.insn(Op.JCC, opcode & 0xf, c.branchSize(), null, c.immediate8(8), null);
                }
                if (opcode >= 0x40 && opcode <= 0x4f && !x64) {
                    return c.insn(opcode < 0x48 ? Op.INC : Op.DEC, size, c.gpr(opcode & 7, size), null);
                }
                return c.undefined();
        }
    }

    /** A 16- or 32-bit branch displacement, as a signed offset. */
    static Operand branchDisplacement(DecodeContext c) {
        int s = c.branchSize() == 2 ? 2 : 4;
        return Operand.imm(c.immediate(s), 8);
    }

    /** The six encodings of ADD/OR/ADC/SBB/AND/SUB/XOR/CMP at opcode kind*8 + form. */
    private static Insn aluForm(DecodeContext c, int kind, int form) {
        int size = (form & 1) == 0 ? 1 : c.operandSize;
        if (form >= 4) {
            Operand imm = size == 1 ? c.immediate8(1) : c.immediateZ(size);
            return c.insn(Op.ALU, kind, size, c.gpr(Reg.RAX, size), imm, null);
        }
        c.readModrm();
        return form < 2 ? c.insn(Op.ALU, kind, size, c.e(size), c.g(size), null)
                : c.insn(Op.ALU, kind, size, c.g(size), c.e(size), null);
    }

    private static Insn stringForm(DecodeContext c, Op op, int opcode) {
        int size = (opcode & 1) == 0 ? 1 : (op == Op.INS || op == Op.OUTS ? Math.min(c.operandSize, 4) : c.operandSize);
        return c.insn(op, size, null, null);
    }

    /** F6/F7: TEST imm, NOT, NEG, MUL, IMUL, DIV, IDIV. */
    private static Insn groupThree(DecodeContext c, int size) {
        c.readModrm();
        Operand rm = c.e(size);
        return switch (c.reg & 7) {
            case 0, 1 -> c.insn(Op.TEST, size, rm, size == 1 ? c.immediate8(1) : c.immediateZ(size));
            case 2 -> c.insn(Op.NOT, size, rm, null);
            case 3 -> c.insn(Op.NEG, size, rm, null);
            case 4 -> c.insn(Op.MUL, size, null, rm);
            case 5 -> c.insn(Op.IMUL_WIDE, size, null, rm);
            case 6 -> c.insn(Op.DIV, size, null, rm);
            default -> c.insn(Op.IDIV, size, null, rm);
        };
    }

    /** FE/FF: INC, DEC, indirect CALL/JMP, PUSH. Far forms belong to the system part. */
    private static Insn groupFourFive(DecodeContext c, int opcode) {
        c.readModrm();
        int ext = c.reg & 7;
        if (opcode == 0xfe && ext > 1) return c.undefined();
        int size = opcode == 0xfe ? 1 : c.operandSize;
        int stackSize = c.stackOperandSize();
        return switch (ext) {
            case 0 -> c.insn(Op.INC, size, c.e(size), null);
            case 1 -> c.insn(Op.DEC, size, c.e(size), null);
            case 2 -> c.insn(Op.CALL_ABSOLUTE, c.branchSize(), null, c.e(c.branchSize()));
            case 4 -> c.insn(Op.JMP_ABSOLUTE, c.branchSize(), null, c.e(c.branchSize()));
            case 6 -> c.insn(Op.PUSH, stackSize, null, c.e(stackSize));
            default -> c.undefined();
        };
    }
}
