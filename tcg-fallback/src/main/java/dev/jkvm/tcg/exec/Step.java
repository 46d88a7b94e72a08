package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.decode.AluKind;
import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.decode.Op;
import dev.jkvm.tcg.decode.Operand;
import dev.jkvm.tcg.decode.ShiftKind;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Flags;
import dev.jkvm.tcg.state.Width;

/**
 * One decoded instruction ready to run. {@link #of} picks, once per decode, a step specialized to
 * the operand kinds and sizes of the most frequent simple forms (moves, LEA, ALU, TEST, INC, DEC,
 * MUL, IMUL, CMOVcc, shifts and rotates on 32- and 64-bit registers; SETcc on a low byte register; Jcc),
 * which skips the interpreter's dispatch on operation, operand kind and size;
 * every other instruction runs through its {@link Interpreter#step}. A specialized step computes the
 * same values, faults and lazy flags as the interpreter.
 */
@FunctionalInterface
public interface Step {
    void run(Cpu cpu);

    static Step of(Insn insn) {
        Step step = (insn.prefixes & Insn.LOCK) != 0 ? null : switch (insn.op) {
            case MOV, MOVZX -> move(insn.dst, insn.src);
            case MOVSX -> moveSignExtended(insn.dst, insn.src);
            case LEA -> isWideGpr(insn.dst) ? loadEffectiveAddress(insn.dst, insn.src) : null;
            case ALU -> alu(insn);
            case TEST -> test(insn);
            case INC, DEC -> isWideGpr(insn.dst) ? incrementOrDecrement(insn.dst, insn.op == Op.INC) : null;
            case IMUL -> multiply(insn);
            case MUL, IMUL_WIDE -> multiplyAccumulator(insn);
            case SHIFT -> shift(insn);
            case CMOV -> conditionalMove(insn);
            case SETCC -> insn.dst.kind == Operand.GPR ? setOnCondition(insn.sub, insn.dst.reg) : null;
            case JCC -> jumpConditional(insn);
            default -> null;
        };
        return step != null ? step : Interpreter.step(insn);
    }

    /** A full register, 32 or 64 bits: writes replace it (zero-extending), no merging. */
    private static boolean isWideGpr(Operand o) {
        return o.kind == Operand.GPR && o.size >= 4;
    }

    /** The value a write of the given size leaves in a wide register. */
    private static long widen(long value, int size) {
        return size == 8 ? value : value & 0xffffffffL;
    }

    private static Step move(Operand dst, Operand src) {
        if (isWideGpr(dst)) {
            int d = dst.reg, size = dst.size;
            return switch (src.kind) {
                case Operand.GPR -> {
                    int r = src.reg;
                    long mask = Width.mask(src.size) & Width.mask(size);
                    yield cpu -> cpu.state.gpr[d] = cpu.state.gpr[r] & mask;
                }
                case Operand.IMM -> {
                    long value = widen(src.value & Width.mask(src.size), size);
                    yield cpu -> cpu.state.gpr[d] = value;
                }
                case Operand.MEM -> {
                    int width = src.size;
                    MemoryAddress address = MemoryAddress.of(src);
                    yield cpu -> cpu.state.gpr[d] = widen(cpu.memory.read(address.linear(cpu.state), width), size);
                }
                default -> null;
            };
        }
        if (dst.kind == Operand.MEM && src.kind == Operand.GPR) {
            int r = src.reg, width = dst.size;
            long mask = Width.mask(src.size);
            MemoryAddress address = MemoryAddress.of(dst);
            return cpu -> cpu.memory.write(address.linear(cpu.state), width, cpu.state.gpr[r] & mask);
        }
        return null;
    }

    private static Step moveSignExtended(Operand dst, Operand src) {
        if (!isWideGpr(dst)) return null;
        int d = dst.reg, size = dst.size, width = src.size;
        return switch (src.kind) {
            case Operand.GPR -> {
                int r = src.reg;
                yield cpu -> cpu.state.gpr[d] = widen(Width.signExtend(cpu.state.gpr[r], width), size);
            }
            case Operand.MEM -> {
                MemoryAddress address = MemoryAddress.of(src);
                yield cpu -> cpu.state.gpr[d] = widen(Width.signExtend(cpu.memory.read(address.linear(cpu.state), width), width), size);
            }
            default -> null;
        };
    }

    private static Step loadEffectiveAddress(Operand dst, Operand src) {
        int d = dst.reg, size = dst.size;
        MemoryAddress address = MemoryAddress.of(src);
        return cpu -> cpu.state.gpr[d] = widen(address.offset(cpu.state), size);
    }

    /** ALU operations whose destination is a wide register. */
    private static Step alu(Insn insn) {
        int kind = insn.sub;
        if (!isWideGpr(insn.dst)) return null;
        Operand src = insn.src;
        int d = insn.dst.reg, size = insn.size, dstSize = insn.dst.size;
        long mask = Width.mask(dstSize);
        int flagOp = Arithmetic.FLAG_OP[kind];
        boolean writes = kind != AluKind.CMP;
        return switch (src.kind) {
            case Operand.GPR -> {
                int r = src.reg;
                long srcMask = Width.mask(src.size);
                yield cpu -> {
                    CpuState s = cpu.state;
                    aluInto(s, kind, flagOp, writes, d, dstSize, size, s.gpr[d] & mask, s.gpr[r] & srcMask);
                };
            }
            case Operand.IMM -> {
                long b = src.value & Width.mask(src.size);
                yield cpu -> {
                    CpuState s = cpu.state;
                    aluInto(s, kind, flagOp, writes, d, dstSize, size, s.gpr[d] & mask, b);
                };
            }
            case Operand.MEM -> {
                int width = src.size;
                MemoryAddress address = MemoryAddress.of(src);
                yield cpu -> {
                    CpuState s = cpu.state;
                    long b = cpu.memory.read(address.linear(s), width);
                    aluInto(s, kind, flagOp, writes, d, dstSize, size, s.gpr[d] & mask, b);
                };
            }
            default -> null;
        };
    }

    private static void aluInto(CpuState s, int kind, int flagOp, boolean writes, int d, int dstSize, int size, long a, long b) {
        int carryIn = (kind == AluKind.ADC || kind == AluKind.SBB) && Flags.carry(s) ? 1 : 0;
        long result = switch (kind) {
            case AluKind.ADD -> a + b;
            case AluKind.OR -> a | b;
            case AluKind.ADC -> a + b + carryIn;
            case AluKind.SBB -> a - b - carryIn;
            case AluKind.AND -> a & b;
            case AluKind.XOR -> a ^ b;
            default -> a - b;
        };
        if (writes) s.gpr[d] = widen(result, dstSize);
        s.setLazyFlags(flagOp, size, result, a, b);
        s.flagCarryIn = carryIn;
    }

    /** INC and DEC keep CF: the current one becomes the lazy carry-in. */
    private static Step incrementOrDecrement(Operand dst, boolean increment) {
        int d = dst.reg, size = dst.size;
        long mask = Width.mask(size);
        int flagOp = increment ? Flags.INC : Flags.DEC;
        long delta = increment ? 1 : -1;
        return cpu -> {
            CpuState s = cpu.state;
            int carry = Flags.carry(s) ? 1 : 0;
            long a = s.gpr[d] & mask;
            long result = a + delta;
            s.gpr[d] = widen(result, size);
            s.setLazyFlags(flagOp, size, result, a, 1);
            s.flagCarryIn = carry;
        };
    }

    /** IMUL of a register or memory source by the destination register or an immediate. */
    private static Step multiply(Insn insn) {
        Operand src = insn.src, factor = insn.src2 != null ? insn.src2 : insn.dst;
        if (!isWideGpr(insn.dst) || (factor.kind != Operand.GPR && factor.kind != Operand.IMM)) return null;
        int d = insn.dst.reg, size = insn.size, f = factor.reg;
        boolean immediate = factor.kind == Operand.IMM;
        long factorMask = Width.mask(factor.size), factorValue = factor.value & factorMask;
        return switch (src.kind) {
            case Operand.GPR -> {
                int r = src.reg;
                long srcMask = Width.mask(src.size);
                yield cpu -> {
                    CpuState s = cpu.state;
                    long b = immediate ? factorValue : s.gpr[f] & factorMask;
                    s.gpr[d] = widen(MultiplyDivide.truncatedProduct(s, size, s.gpr[r] & srcMask, b), size);
                };
            }
            case Operand.MEM -> {
                int width = src.size;
                MemoryAddress address = MemoryAddress.of(src);
                yield cpu -> {
                    CpuState s = cpu.state;
                    long a = cpu.memory.read(address.linear(s), width);
                    long b = immediate ? factorValue : s.gpr[f] & factorMask;
                    s.gpr[d] = widen(MultiplyDivide.truncatedProduct(s, size, a, b), size);
                };
            }
            default -> null;
        };
    }

    /** MUL and one-operand IMUL of the accumulator by a register or memory source. */
    private static Step multiplyAccumulator(Insn insn) {
        Operand src = insn.src;
        int size = insn.size;
        boolean signed = insn.op == Op.IMUL_WIDE;
        return switch (src.kind) {
            case Operand.GPR -> {
                int r = src.reg;
                long mask = Width.mask(src.size);
                yield cpu -> MultiplyDivide.multiplyAccumulator(cpu.state, size, signed, cpu.state.gpr[r] & mask);
            }
            case Operand.MEM -> {
                int width = src.size;
                MemoryAddress address = MemoryAddress.of(src);
                yield cpu -> MultiplyDivide.multiplyAccumulator(cpu.state, size, signed,
                        cpu.memory.read(address.linear(cpu.state), width));
            }
            default -> null;
        };
    }

    /** CMOVcc reads its source whatever the condition, and a 32-bit one always zero-extends. */
    private static Step conditionalMove(Insn insn) {
        if (!isWideGpr(insn.dst)) return null;
        int cc = insn.sub, d = insn.dst.reg, size = insn.dst.size;
        Operand src = insn.src;
        return switch (src.kind) {
            case Operand.GPR -> {
                int r = src.reg;
                long mask = Width.mask(src.size);
                yield cpu -> moveIf(cpu.state, cc, d, size, cpu.state.gpr[r] & mask);
            }
            case Operand.MEM -> {
                int width = src.size;
                MemoryAddress address = MemoryAddress.of(src);
                yield cpu -> moveIf(cpu.state, cc, d, size, cpu.memory.read(address.linear(cpu.state), width));
            }
            default -> null;
        };
    }

    private static void moveIf(CpuState s, int cc, int d, int size, long value) {
        s.gpr[d] = widen(Flags.condition(s, cc) ? value : s.gpr[d], size);
    }

    /** SETcc into the low byte of register d. */
    private static Step setOnCondition(int cc, int d) {
        return cpu -> {
            CpuState s = cpu.state;
            s.gpr[d] = (s.gpr[d] & ~0xffL) | (Flags.condition(s, cc) ? 1 : 0);
        };
    }

    private static Step jumpConditional(Insn insn) {
        int cc = insn.sub, size = insn.size;
        long displacement = insn.src.value;
        return cpu -> {
            CpuState s = cpu.state;
            if (Flags.condition(s, cc)) ControlFlow.jumpTo(s, s.rip + displacement, size);
        };
    }

    /** Shifts and rotates (not through carry) of a wide register by an immediate or a register count. */
    private static Step shift(Insn insn) {
        int kind = insn.sub;
        Operand src = insn.src;
        if (kind == ShiftKind.RCL || kind == ShiftKind.RCR || !isWideGpr(insn.dst)) return null;
        int d = insn.dst.reg, size = insn.size, dstSize = insn.dst.size;
        long mask = Width.mask(dstSize);
        return switch (src.kind) {
            case Operand.IMM -> {
                int count = Shifts.maskedCount(src.value & Width.mask(src.size), size);
                if (count == 0) yield cpu -> cpu.state.gpr[d] = widen(cpu.state.gpr[d], dstSize); // still a write
                yield cpu -> shiftInto(cpu.state, kind, d, dstSize, size, mask, count);
            }
            case Operand.GPR -> {
                int r = src.reg;
                long countMask = Width.mask(src.size);
                yield cpu -> {
                    CpuState s = cpu.state;
                    int count = Shifts.maskedCount(s.gpr[r] & countMask, size);
                    if (count == 0) s.gpr[d] = widen(s.gpr[d], dstSize);
                    else shiftInto(s, kind, d, dstSize, size, mask, count);
                };
            }
            default -> null;
        };
    }

    private static void shiftInto(CpuState s, int kind, int d, int dstSize, int size, long mask, int count) {
        long a = s.gpr[d] & mask;
        long result = Shifts.shifted(kind, a, count, size);
        s.gpr[d] = widen(result, dstSize);
        Shifts.setFlags(s, kind, size, a, result, count);
    }

    private static Step test(Insn insn) {
        Operand dst = insn.dst, src = insn.src;
        if (dst.kind != Operand.GPR || insn.size < 4) return null;
        int d = dst.reg, size = insn.size;
        long mask = Width.mask(dst.size);
        return switch (src.kind) {
            case Operand.GPR -> {
                int r = src.reg;
                long srcMask = Width.mask(src.size);
                yield cpu -> {
                    CpuState s = cpu.state;
                    s.setLazyFlags(Flags.LOGIC, size, (s.gpr[d] & mask) & (s.gpr[r] & srcMask), 0, 0);
                };
            }
            case Operand.IMM -> {
                long b = src.value & Width.mask(src.size);
                yield cpu -> {
                    CpuState s = cpu.state;
                    s.setLazyFlags(Flags.LOGIC, size, (s.gpr[d] & mask) & b, 0, 0);
                };
            }
            default -> null;
        };
    }
}
