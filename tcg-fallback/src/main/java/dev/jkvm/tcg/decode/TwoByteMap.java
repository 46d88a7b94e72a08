package dev.jkvm.tcg.decode;

import dev.jkvm.tcg.state.Reg;

/** The 0F opcode map: integer and system-neutral instructions; SIMD goes to {@link SseMap}. */
final class TwoByteMap {
    private TwoByteMap() {}

    static Insn decode(DecodeContext c, int opcode) {
        int size = c.operandSize;
        Insn system = SystemMap.twoByte(c, opcode);
        if (system != null) return system;
        switch (opcode) {
            case 0x0b: return c.undefined(); // UD2
            case 0x18: {
                c.readModrm();
                // PREFETCHh hints with a memory operand; other reg values are reserved NOPs too
                return c.insn(Op.NOP, size, null, null);
            }
            case 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f: {
                c.readModrm();
                return c.insn(Op.NOP, size, null, null);
            }
            case 0x31: return c.insn(Op.RDTSC, 4, null, null);
            case 0xa2: return c.insn(Op.CPUID, 4, null, null);
            case 0xa3: return bitTestRegister(c, 0);
            case 0xab: return bitTestRegister(c, 1);
            case 0xb3: return bitTestRegister(c, 2);
            case 0xbb: return bitTestRegister(c, 3);
            case 0xba: {
                c.readModrm();
                int ext = c.reg & 7;
                if (ext < 4) return c.undefined();
                Operand dst = c.e(size);
                return c.insn(Op.BIT_TEST, ext - 4, size, dst, Operand.imm(c.immediate(1) & 0xff, 1), null);
            }
            case 0xa4, 0xac: {
                c.readModrm();
                Operand dst = c.e(size);
                Operand src = c.g(size);
                Operand count = Operand.imm(c.immediate(1) & 0xff, 1);
                return c.insn(opcode == 0xa4 ? Op.SHLD : Op.SHRD, 0, size, dst, src, count);
            }
            case 0xa5, 0xad: {
                c.readModrm();
                return c.insn(opcode == 0xa5 ? Op.SHLD : Op.SHRD, 0, size, c.e(size), c.g(size), Operand.gpr(Reg.RCX, 1));
            }
            case 0xaf: {
                c.readModrm();
                return c.insn(Op.IMUL, 0, size, c.g(size), c.e(size), null);
            }
            case 0xb0, 0xb1: {
                int s = opcode == 0xb0 ? 1 : size;
                c.readModrm();
                return c.insn(Op.CMPXCHG, s, c.e(s), c.g(s));
            }
            case 0xb6, 0xb7, 0xbe, 0xbf: {
                c.readModrm();
                Operand src = c.e((opcode & 1) == 0 ? 1 : 2);
                return c.insn(opcode < 0xb8 ? Op.MOVZX : Op.MOVSX, size, c.g(size), src);
            }
            case 0xb8: {
                if (c.simdPrefix != DecodeContext.PREFIX_F3) return c.undefined();
                c.readModrm();
                return c.insn(Op.POPCNT, size, c.g(size), c.e(size));
            }
            case 0xbc, 0xbd: {
                // Without BMI1/LZCNT advertised, F3 0F BC/BD execute as BSF/BSR, as on older CPUs.
                c.readModrm();
                return c.insn(opcode == 0xbc ? Op.BSF : Op.BSR, size, c.g(size), c.e(size));
            }
            case 0xc0, 0xc1: {
                int s = opcode == 0xc0 ? 1 : size;
                c.readModrm();
                return c.insn(Op.XADD, s, c.e(s), c.g(s));
            }
            case 0xc7: {
                c.readModrm();
                if ((c.reg & 7) != 1 || !c.isMemoryForm()) return c.undefined();
                int s = c.rexW() ? 16 : 8;
                return c.insn(Op.CMPXCHG_DOUBLE, s, c.memoryOnly(s), null);
            }
            default:
                break;
        }
        if (opcode >= 0x40 && opcode <= 0x4f) {
            c.readModrm();
            return c.insn(Op.CMOV, opcode & 0xf, size, c.g(size), c.e(size), null);
        }
        if (opcode >= 0x80 && opcode <= 0x8f) {
            return c.insn(Op.JCC, opcode & 0xf, c.branchSize(), null, Decoder.branchDisplacement(c), null);
        }
        if (opcode >= 0x90 && opcode <= 0x9f) {
            c.readModrm();
            return c.insn(Op.SETCC, opcode & 0xf, 1, c.e(1), null, null);
        }
        if (opcode >= 0xc8 && opcode <= 0xcf) {
            return c.insn(Op.BSWAP, size, c.gpr((opcode & 7) | ((c.rex & 1) << 3), size), null);
        }
        return SseMap.decode(c, opcode);
    }

    private static Insn bitTestRegister(DecodeContext c, int kind) {
        c.readModrm();
        int size = c.operandSize;
        return c.insn(Op.BIT_TEST, kind, size, c.e(size), c.g(size), null);
    }
}
