package dev.jkvm.tcg.decode;

import static dev.jkvm.tcg.decode.DecodeContext.NO_PREFIX;
import static dev.jkvm.tcg.decode.DecodeContext.PREFIX_66;
import static dev.jkvm.tcg.decode.DecodeContext.PREFIX_F2;
import static dev.jkvm.tcg.decode.DecodeContext.PREFIX_F3;
import static dev.jkvm.tcg.decode.SseKind.*;

import java.util.HashMap;
import java.util.Map;

/**
 * SSE/SSE2 encodings of the 0F map, selected by the mandatory prefix (none, 66, F3, F2). MMX forms
 * (no prefix on the integer opcodes) and everything beyond SSE2 decode as undefined.
 */
final class SseMap {
    /** 66 0F xx lane-wise integer operations. */
    private static final Map<Integer, VectorIntOp> INTEGER_OPS = new HashMap<>();

    static {
        int[] opcodes = {0xfc, 0xfd, 0xfe, 0xd4, 0xf8, 0xf9, 0xfa, 0xfb, 0xec, 0xed, 0xdc, 0xdd, 0xe8, 0xe9, 0xd8, 0xd9,
                0x74, 0x75, 0x76, 0x64, 0x65, 0x66, 0xda, 0xde, 0xea, 0xee, 0xe0, 0xe3, 0xd5, 0xe5, 0xe4, 0xf4, 0xf5,
                0xf6, 0xdb, 0xdf, 0xeb, 0xef};
        VectorIntOp[] ops = VectorIntOp.values();
        for (int i = 0; i < opcodes.length; i++) INTEGER_OPS.put(opcodes[i], ops[i]);
    }

    private SseMap() {}

    private static int formatOf(DecodeContext c) {
        return switch (c.simdPrefix) {
            case PREFIX_66 -> PD;
            case PREFIX_F3 -> SS;
            case PREFIX_F2 -> SD;
            default -> PS;
        };
    }

    private static int floatSize(int format) {
        return format == SS ? 4 : format == SD ? 8 : 16;
    }

    /** XMM destination (reg), XMM-or-memory source (rm) of the given size. */
    private static Insn vw(DecodeContext c, Op op, int sub, int size) {
        c.readModrm();
        return c.insn(op, sub, size, c.v(size), c.w(size), null);
    }

    private static Insn move(DecodeContext c, int flags, int size, boolean store) {
        c.readModrm();
        Operand x = c.v(size), rm = c.w(size);
        return store ? c.insn(Op.SSE_MOVE, flags, size, rm, x, null) : c.insn(Op.SSE_MOVE, flags, size, x, rm, null);
    }

    static Insn decode(DecodeContext c, int opcode) {
        int prefix = c.simdPrefix;
        boolean p66 = prefix == PREFIX_66;
        VectorIntOp integerOp = INTEGER_OPS.get(opcode);
        if (integerOp != null) return p66 ? vw(c, Op.SSE_INT_ARITH, integerOp.ordinal(), 16) : c.undefined();
        switch (opcode) {
            case 0x10, 0x11: {
                boolean store = opcode == 0x11;
                if (prefix == PREFIX_F3 || prefix == PREFIX_F2) {
                    int size = prefix == PREFIX_F3 ? 4 : 8;
                    c.readModrm();
                    int flags = !store && c.isMemoryForm() ? ZERO_REST : 0;
                    Operand x = c.v(size), rm = c.w(size);
                    return store ? c.insn(Op.SSE_MOVE, flags, size, rm, x, null) : c.insn(Op.SSE_MOVE, flags, size, x, rm, null);
                }
                return move(c, 0, 16, store);
            }
            case 0x12, 0x13, 0x16, 0x17: {
                if (prefix != NO_PREFIX && !p66) return c.undefined();
                boolean high = opcode >= 0x16;
                boolean store = (opcode & 1) != 0;
                c.readModrm();
                if (store) {
                    Operand m = c.memoryOnly(8);
                    return m == null ? c.undefined() : c.insn(Op.SSE_MOVE, high ? SOURCE_HIGH : 0, 8, m, c.v(8), null);
                }
                if (!c.isMemoryForm()) {
                    if (p66) return c.undefined();
                    // MOVHLPS (dst.low = src.high) and MOVLHPS (dst.high = src.low)
                    return c.insn(Op.SSE_MOVE, high ? DEST_HIGH : SOURCE_HIGH, 8, c.v(8), c.w(8), null);
                }
                return c.insn(Op.SSE_MOVE, high ? DEST_HIGH : 0, 8, c.v(8), c.w(8), null);
            }
            case 0x14, 0x15: {
                if (prefix != NO_PREFIX && !p66) return c.undefined();
                int lane = p66 ? 8 : 4;
                return vw(c, Op.SSE_UNPACK, lane * 2 + (opcode - 0x14), 16);
            }
            case 0x28, 0x29: {
                if (prefix != NO_PREFIX && !p66) return c.undefined();
                return move(c, ALIGNED, 16, opcode == 0x29);
            }
            case 0x2b, 0xe7: {
                boolean valid = opcode == 0x2b ? prefix == NO_PREFIX || p66 : p66;
                if (!valid) return c.undefined();
                c.readModrm();
                Operand m = c.memoryOnly(16);
                return m == null ? c.undefined() : c.insn(Op.SSE_MOVE, ALIGNED, 16, m, c.v(16), null);
            }
            case 0x2a: {
                if (prefix != PREFIX_F3 && prefix != PREFIX_F2) return c.undefined();
                int intSize = c.rexW() ? 8 : 4;
                c.readModrm();
                int size = prefix == PREFIX_F3 ? 4 : 8;
                return c.insn(Op.SSE_CONVERT, prefix == PREFIX_F3 ? INT_TO_SS : INT_TO_SD, size, c.v(size), c.e(intSize), null);
            }
            case 0x2c, 0x2d: {
                if (prefix != PREFIX_F3 && prefix != PREFIX_F2) return c.undefined();
                int intSize = c.rexW() ? 8 : 4;
                boolean single = prefix == PREFIX_F3;
                int kind = opcode == 0x2c ? (single ? SS_TO_INT_TRUNC : SD_TO_INT_TRUNC) : (single ? SS_TO_INT : SD_TO_INT);
                c.readModrm();
                return c.insn(Op.SSE_CONVERT, kind, intSize, c.g(intSize), c.w(single ? 4 : 8), null);
            }
            case 0x2e, 0x2f: {
                if (prefix != NO_PREFIX && !p66) return c.undefined();
                int size = p66 ? 8 : 4;
                // sub: format, plus 4 when ordered (COMIS signals on QNaN)
                return vw(c, Op.SSE_COMPARE_FLAGS, (p66 ? PD : PS) | (opcode == 0x2f ? 4 : 0), size);
            }
            case 0x50: {
                if (prefix != NO_PREFIX && !p66) return c.undefined();
                c.readModrm();
                if (c.isMemoryForm()) return c.undefined();
                return c.insn(Op.SSE_MOVMSK, p66 ? MOVMSKPD : MOVMSKPS, 4, c.g(4), c.w(16), null);
            }
            case 0x51, 0x58, 0x59, 0x5c, 0x5d, 0x5e, 0x5f: {
                int operation = switch (opcode) {
                    case 0x51 -> SQRT;
                    case 0x58 -> ADD;
                    case 0x59 -> MUL;
                    case 0x5c -> SUB;
                    case 0x5d -> MIN;
                    case 0x5e -> DIV;
                    default -> MAX;
                };
                int format = formatOf(c);
                return vw(c, Op.SSE_FLOAT_ARITH, operation * 4 + format, floatSize(format));
            }
            case 0x54, 0x55, 0x56, 0x57: {
                if (prefix != NO_PREFIX && !p66) return c.undefined();
                VectorIntOp logic = switch (opcode) {
                    case 0x54 -> VectorIntOp.PAND;
                    case 0x55 -> VectorIntOp.PANDN;
                    case 0x56 -> VectorIntOp.POR;
                    default -> VectorIntOp.PXOR;
                };
                return vw(c, Op.SSE_INT_ARITH, logic.ordinal(), 16);
            }
            case 0x5a: {
                int kind = switch (prefix) {
                    case PREFIX_66 -> PD_TO_PS;
                    case PREFIX_F3 -> SS_TO_SD;
                    case PREFIX_F2 -> SD_TO_SS;
                    default -> PS_TO_PD;
                };
                int size = kind == SS_TO_SD ? 4 : kind == SD_TO_SS || kind == PS_TO_PD ? 8 : 16;
                return vw(c, Op.SSE_CONVERT, kind, size);
            }
            case 0x5b: {
                if (prefix == PREFIX_F2) return c.undefined();
                int kind = prefix == PREFIX_66 ? PS_TO_DQ : prefix == PREFIX_F3 ? PS_TO_DQ_TRUNC : DQ_TO_PS;
                return vw(c, Op.SSE_CONVERT, kind, 16);
            }
            case 0xe6: {
                if (prefix == NO_PREFIX) return c.undefined();
                int kind = prefix == PREFIX_66 ? PD_TO_DQ_TRUNC : prefix == PREFIX_F3 ? DQ_TO_PD : PD_TO_DQ;
                return vw(c, Op.SSE_CONVERT, kind, kind == DQ_TO_PD ? 8 : 16);
            }
            case 0x60, 0x61, 0x62, 0x6c, 0x68, 0x69, 0x6a, 0x6d: {
                if (!p66) return c.undefined();
                int lane = switch (opcode & 0x3) {
                    case 0 -> opcode == 0x6c ? 8 : 1;
                    case 1 -> opcode == 0x6d ? 8 : 2;
                    default -> 4;
                };
                boolean high = opcode >= 0x68 && opcode != 0x6c;
                return vw(c, Op.SSE_UNPACK, lane * 2 + (high ? 1 : 0), 16);
            }
            case 0x63, 0x67, 0x6b: {
                if (!p66) return c.undefined();
                return vw(c, Op.SSE_PACK, opcode == 0x63 ? PACKSSWB : opcode == 0x67 ? PACKUSWB : PACKSSDW, 16);
            }
            case 0x6e, 0x7e: {
                if (opcode == 0x7e && prefix == PREFIX_F3) return move(c, ZERO_REST, 8, false); // MOVQ xmm, xmm/m64
                if (!p66) return c.undefined();
                int size = c.rexW() ? 8 : 4;
                c.readModrm();
                return opcode == 0x6e ? c.insn(Op.SSE_MOVE, ZERO_REST, size, c.v(size), c.e(size), null)
                        : c.insn(Op.SSE_MOVE, 0, size, c.e(size), c.v(size), null);
            }
            case 0x6f, 0x7f: {
                if (prefix != PREFIX_66 && prefix != PREFIX_F3) return c.undefined();
                return move(c, p66 ? ALIGNED : 0, 16, opcode == 0x7f);
            }
            case 0xd6: {
                if (!p66) return c.undefined();
                c.readModrm();
                Operand dst = c.w(8);
                return c.insn(Op.SSE_MOVE, dst.isMemory() ? 0 : ZERO_REST, 8, dst, c.v(8), null);
            }
            case 0x70: {
                if (prefix == NO_PREFIX) return c.undefined();
                int kind = prefix == PREFIX_66 ? PSHUFD : prefix == PREFIX_F3 ? PSHUFHW : PSHUFLW;
                c.readModrm();
                Operand src = c.w(16);
                return c.insn(Op.SSE_SHUFFLE, kind, 16, c.v(16), src, Operand.imm(c.immediate(1) & 0xff, 1));
            }
            case 0xc6: {
                if (prefix != NO_PREFIX && !p66) return c.undefined();
                c.readModrm();
                Operand src = c.w(16);
                return c.insn(Op.SSE_SHUFFLE, p66 ? SHUFPD : SHUFPS, 16, c.v(16), src, Operand.imm(c.immediate(1) & 0xff, 1));
            }
            case 0x71, 0x72, 0x73: return shiftByImmediate(c, opcode);
            case 0xd1, 0xd2, 0xd3, 0xe1, 0xe2, 0xf1, 0xf2, 0xf3: {
                if (!p66) return c.undefined();
                int lane = 1 << (opcode & 3);
                int kind = switch (opcode >> 4) {
                    case 0xd -> SHIFT_RIGHT;
                    case 0xe -> SHIFT_RIGHT_ARITHMETIC;
                    default -> SHIFT_LEFT;
                };
                return vw(c, Op.SSE_INT_SHIFT_BY_OPERAND, SseKind.shift(kind, lane), 16);
            }
            case 0xc2: {
                int format = formatOf(c);
                int size = floatSize(format);
                c.readModrm();
                Operand src = c.w(size);
                int predicate = (int) c.immediate(1) & 0xff;
                if (predicate > 7) return c.undefined(); // AVX predicates
                return c.insn(Op.SSE_FLOAT_COMPARE, predicate * 4 + format, size, c.v(size), src, null);
            }
            case 0xc3: {
                if (prefix != NO_PREFIX) return c.undefined();
                c.readModrm();
                Operand m = c.memoryOnly(c.operandSize == 8 ? 8 : 4);
                return m == null ? c.undefined() : c.insn(Op.MOV, m.size, m, c.g(m.size));
            }
            case 0xc4: {
                if (!p66) return c.undefined();
                c.readModrm();
                Operand src = c.e(c.isMemoryForm() ? 2 : 4);
                return c.insn(Op.SSE_INSERT_WORD, 0, 16, c.v(16), src, Operand.imm(c.immediate(1) & 7, 1));
            }
            case 0xc5: {
                if (!p66) return c.undefined();
                c.readModrm();
                if (c.isMemoryForm()) return c.undefined();
                Operand src = c.w(16);
                return c.insn(Op.SSE_EXTRACT_WORD, 0, 4, c.g(4), src, Operand.imm(c.immediate(1) & 7, 1));
            }
            case 0xd7: {
                if (!p66) return c.undefined();
                c.readModrm();
                if (c.isMemoryForm()) return c.undefined();
                return c.insn(Op.SSE_MOVMSK, PMOVMSKB, 4, c.g(4), c.w(16), null);
            }
            case 0xae: return groupFifteen(c);
            default: return c.undefined();
        }
    }

    /** 66 0F 71/72/73 /2 /4 /6 (and 73 /3 /7): shifts of each lane, or whole bytes, by an immediate. */
    private static Insn shiftByImmediate(DecodeContext c, int opcode) {
        if (c.simdPrefix != PREFIX_66) return c.undefined();
        c.readModrm();
        if (c.isMemoryForm()) return c.undefined();
        int lane = opcode == 0x71 ? 2 : opcode == 0x72 ? 4 : 8;
        int ext = c.reg & 7;
        int kind;
        if (ext == 2) kind = SHIFT_RIGHT;
        else if (ext == 4 && opcode != 0x73) kind = SHIFT_RIGHT_ARITHMETIC;
        else if (ext == 6) kind = SHIFT_LEFT;
        else if (ext == 3 && opcode == 0x73) kind = BYTES_RIGHT;
        else if (ext == 7 && opcode == 0x73) kind = BYTES_LEFT;
        else return c.undefined();
        Operand target = Operand.xmm(c.rm, 16);
        return c.insn(Op.SSE_INT_SHIFT_BY_IMM, SseKind.shift(kind, lane), 16, target, Operand.imm(c.immediate(1) & 0xff, 1), null);
    }

    /** 0F AE: FXSAVE, FXRSTOR, LDMXCSR, STMXCSR, fences and CLFLUSH. */
    private static Insn groupFifteen(DecodeContext c) {
        if (c.simdPrefix != NO_PREFIX) return c.undefined();
        c.readModrm();
        int ext = c.reg & 7;
        if (!c.isMemoryForm()) {
            return ext >= 5 ? c.insn(Op.NOP, 0, null, null) : c.undefined(); // LFENCE, MFENCE, SFENCE
        }
        return switch (ext) {
            case 0 -> c.insn(Op.FXSAVE, 512, c.memoryOnly(512), null);
            case 1 -> c.insn(Op.FXRSTOR, 512, null, c.memoryOnly(512));
            case 2 -> c.insn(Op.SSE_MXCSR, LDMXCSR, 4, null, c.memoryOnly(4), null);
            case 3 -> c.insn(Op.SSE_MXCSR, STMXCSR, 4, c.memoryOnly(4), null, null);
            case 7 -> c.insn(Op.NOP, 1, null, c.memoryOnly(1)); // CLFLUSH: no caches are modelled
            default -> c.undefined();
        };
    }
}
