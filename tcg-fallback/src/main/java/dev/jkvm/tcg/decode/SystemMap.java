package dev.jkvm.tcg.decode;

import dev.jkvm.tcg.state.Segment;

/**
 * Decoding of the system instructions ({@link Op#SYSTEM}) in the one-byte and 0F maps. The maps
 * ask here first; null means "not a system encoding, decode as before".
 */
final class SystemMap {
    private SystemMap() {}

    static Insn oneByte(DecodeContext c, int opcode) {
        boolean x64 = c.mode.is64();
        int size = c.operandSize;
        switch (opcode) {
            case 0x06, 0x0e, 0x16, 0x1e:
                if (x64) return c.undefined();
                return sys(c, SysOp.PUSH_SEGMENT, c.stackOperandSize(), null, Operand.segmentRegister(opcode >> 3));
            case 0x07, 0x17, 0x1f:
                if (x64) return c.undefined();
                return sys(c, SysOp.POP_SEGMENT, c.stackOperandSize(), Operand.segmentRegister(opcode >> 3), null);
            case 0x60, 0x61:
                if (x64) return c.undefined();
                return sys(c, opcode == 0x60 ? SysOp.PUSHA : SysOp.POPA, size, null, null);
            case 0x8e: {
                c.readModrm();
                int sreg = c.reg & 7;
                if (sreg >= Segment.COUNT || sreg == Segment.CS) return c.undefined();
                return sys(c, SysOp.MOV_TO_SEGMENT, 2, Operand.segmentRegister(sreg), c.e(2));
            }
            case 0xc4, 0xc5: {
                if (x64 || (c.peekByte() >> 6) == 3) return c.undefined(); // VEX, not implemented
                c.readModrm();
                int sreg = opcode == 0xc4 ? Segment.ES : Segment.DS;
                return sys(c, SysOp.LOAD_FAR_POINTER, size, c.g(size), c.memoryOnly(size + 2), Operand.segmentRegister(sreg));
            }
            case 0x9a, 0xea: {
                if (x64) return c.undefined();
                Operand offset = Operand.imm(c.immediate(size) & (size == 2 ? 0xffffL : 0xffffffffL), size);
                Operand selector = Operand.imm(c.immediate(2) & 0xffff, 2);
                return sys(c, opcode == 0x9a ? SysOp.CALL_FAR_IMMEDIATE : SysOp.JMP_FAR_IMMEDIATE, size, null, offset, selector);
            }
            case 0xca:
                return sys(c, SysOp.RET_FAR, size, null, Operand.imm(c.immediate(2) & 0xffff, 2));
            case 0xcb:
                return sys(c, SysOp.RET_FAR, size, null, Operand.imm(0, 2));
            case 0xce:
                if (x64) return c.undefined();
                return sys(c, SysOp.INTO, 1, null, null);
            case 0xcf:
                return sys(c, SysOp.IRET, size, null, null);
            case 0xf1:
                return sys(c, SysOp.INT1, 1, null, null);
            case 0xff: {
                int ext = (c.peekByte() >> 3) & 7;
                if (ext != 3 && ext != 5) return null;
                c.readModrm();
                Operand m = c.memoryOnly(size + 2);
                if (m == null) return c.undefined();
                return sys(c, ext == 3 ? SysOp.CALL_FAR_MEMORY : SysOp.JMP_FAR_MEMORY, size, null, m);
            }
            default:
                return null;
        }
    }

    static Insn twoByte(DecodeContext c, int opcode) {
        boolean x64 = c.mode.is64();
        int size = c.operandSize;
        switch (opcode) {
            case 0x00: return groupSix(c);
            case 0x01: return groupSeven(c);
            case 0x02, 0x03: {
                c.readModrm();
                int s = Math.max(size, 2);
                return sys(c, opcode == 0x02 ? SysOp.LAR : SysOp.LSL, s, c.g(s), c.e(2));
            }
            case 0x05: return sys(c, SysOp.SYSCALL, 8, null, null);
            case 0x06: return sys(c, SysOp.CLTS, 4, null, null);
            case 0x07: return sys(c, SysOp.SYSRET, c.rexW() ? 8 : 4, null, null);
            case 0x08, 0x09: return sys(c, SysOp.CACHE_INVALIDATE, 4, null, null);
            case 0x0d: {
                c.readModrm();
                return c.isMemoryForm() ? c.insn(Op.NOP, size, null, null) : c.undefined(); // PREFETCH/PREFETCHW
            }
            case 0x20, 0x21, 0x22, 0x23: {
                // The ModRM mod field is ignored: the operand is always a register.
                int modrm = c.nextByte();
                int reg = ((modrm >> 3) & 7) | ((c.rex & 4) << 1);
                int rm = (modrm & 7) | ((c.rex & 1) << 3);
                int s = x64 ? 8 : 4;
                Operand gpr = Operand.gpr(rm, s);
                Operand number = Operand.imm(reg, 1);
                return switch (opcode) {
                    case 0x20 -> sys(c, SysOp.MOV_FROM_CR, s, gpr, number);
                    case 0x21 -> sys(c, SysOp.MOV_FROM_DR, s, gpr, number);
                    case 0x22 -> sys(c, SysOp.MOV_TO_CR, s, number, gpr);
                    default -> sys(c, SysOp.MOV_TO_DR, s, number, gpr);
                };
            }
            case 0x77: return c.simdPrefix == DecodeContext.NO_PREFIX ? sys(c, SysOp.EMMS, 0, null, null) : c.undefined();
            case 0x30: return sys(c, SysOp.WRMSR, 4, null, null);
            case 0x32: return sys(c, SysOp.RDMSR, 4, null, null);
            case 0x33: return sys(c, SysOp.RDPMC, 4, null, null);
            case 0xa0, 0xa8: {
                int s = c.stackOperandSize();
                return sys(c, SysOp.PUSH_SEGMENT, s, null, Operand.segmentRegister(opcode == 0xa0 ? Segment.FS : Segment.GS));
            }
            case 0xa1, 0xa9: {
                int s = c.stackOperandSize();
                return sys(c, SysOp.POP_SEGMENT, s, Operand.segmentRegister(opcode == 0xa1 ? Segment.FS : Segment.GS), null);
            }
            case 0xb2, 0xb4, 0xb5: {
                c.readModrm();
                Operand m = c.memoryOnly(size + 2);
                if (m == null) return c.undefined();
                int sreg = opcode == 0xb2 ? Segment.SS : opcode == 0xb4 ? Segment.FS : Segment.GS;
                return sys(c, SysOp.LOAD_FAR_POINTER, size, c.g(size), m, Operand.segmentRegister(sreg));
            }
            default:
                return null;
        }
    }

    /** 0F 00: SLDT, STR, LLDT, LTR, VERR, VERW. */
    private static Insn groupSix(DecodeContext c) {
        c.readModrm();
        int ext = c.reg & 7;
        int storeSize = c.isMemoryForm() ? 2 : Math.max(c.operandSize, 2);
        return switch (ext) {
            case 0 -> sys(c, SysOp.SLDT, storeSize, c.e(storeSize), null);
            case 1 -> sys(c, SysOp.STR, storeSize, c.e(storeSize), null);
            case 2 -> sys(c, SysOp.LLDT, 2, null, c.e(2));
            case 3 -> sys(c, SysOp.LTR, 2, null, c.e(2));
            case 4 -> sys(c, SysOp.VERR, 2, null, c.e(2));
            case 5 -> sys(c, SysOp.VERW, 2, null, c.e(2));
            default -> c.undefined();
        };
    }

    /** 0F 01: SGDT, SIDT, LGDT, LIDT, SMSW, LMSW, INVLPG, SWAPGS, RDTSCP. */
    private static Insn groupSeven(DecodeContext c) {
        c.readModrm();
        int ext = c.reg & 7;
        boolean x64 = c.mode.is64();
        // descriptor-table operands: 2-byte limit plus 8-byte base in 64-bit mode, else 4
        int tableSize = x64 ? 10 : 6;
        if (c.isMemoryForm()) {
            return switch (ext) {
                case 0 -> sys(c, SysOp.SGDT, c.operandSize, c.memoryOnly(tableSize), null);
                case 1 -> sys(c, SysOp.SIDT, c.operandSize, c.memoryOnly(tableSize), null);
                case 2 -> sys(c, SysOp.LGDT, c.operandSize, null, c.memoryOnly(tableSize));
                case 3 -> sys(c, SysOp.LIDT, c.operandSize, null, c.memoryOnly(tableSize));
                case 4 -> sys(c, SysOp.SMSW, 2, c.memoryOnly(2), null);
                case 6 -> sys(c, SysOp.LMSW, 2, null, c.memoryOnly(2));
                case 7 -> sys(c, SysOp.INVLPG, 1, null, c.memoryOnly(1));
                default -> c.undefined();
            };
        }
        int rm = c.rm & 7;
        return switch (ext) {
            case 4 -> sys(c, SysOp.SMSW, Math.max(c.operandSize, 2), c.e(Math.max(c.operandSize, 2)), null);
            case 6 -> sys(c, SysOp.LMSW, 2, null, c.e(2));
            case 7 -> rm == 0 ? (x64 ? sys(c, SysOp.SWAPGS, 8, null, null) : c.undefined())
                    : rm == 1 ? sys(c, SysOp.RDTSCP, 4, null, null) : c.undefined();
            default -> c.undefined(); // MONITOR/MWAIT, XGETBV, CLAC/STAC, VMX/SVM: not advertised
        };
    }

    private static Insn sys(DecodeContext c, int sub, int size, Operand dst, Operand src) {
        return c.insn(Op.SYSTEM, sub, size, dst, src, null);
    }

    private static Insn sys(DecodeContext c, int sub, int size, Operand dst, Operand src, Operand src2) {
        return c.insn(Op.SYSTEM, sub, size, dst, src, src2);
    }
}
