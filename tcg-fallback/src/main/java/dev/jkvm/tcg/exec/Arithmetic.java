package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.decode.AluKind;
import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.decode.Operand;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Flags;

/** ADD/OR/ADC/SBB/AND/SUB/XOR/CMP, TEST, INC, DEC, NEG, NOT: results with lazy flags. */
public final class Arithmetic {
    private Arithmetic() {}

    /** The lazy flags operation of each {@link AluKind}. */
    static final int[] FLAG_OP = {
            Flags.ADD, Flags.LOGIC, Flags.ADC, Flags.SBB, Flags.LOGIC, Flags.SUB, Flags.LOGIC, Flags.SUB};

    public static void alu(Cpu cpu, Insn insn) {
        CpuState s = cpu.state;
        Operand dst = insn.dst;
        int kind = insn.sub;
        long b = Operands.read(cpu, insn.src);
        int carryIn = (kind == AluKind.ADC || kind == AluKind.SBB) && Flags.carry(s) ? 1 : 0;
        long address = Operands.addressOf(cpu, dst);
        long a, result;
        do {
            a = Operands.readAt(cpu, dst, address);
            result = switch (kind) {
                case AluKind.ADD -> a + b;
                case AluKind.OR -> a | b;
                case AluKind.ADC -> a + b + carryIn;
                case AluKind.SBB -> a - b - carryIn;
                case AluKind.AND -> a & b;
                case AluKind.XOR -> a ^ b;
                default -> a - b;
            };
        } while (kind != AluKind.CMP && !Operands.storeModified(cpu, insn, dst, address, a, result));
        s.setLazyFlags(FLAG_OP[kind], insn.size, result, a, b);
        s.flagCarryIn = carryIn;
    }

    public static void test(Cpu cpu, Insn insn) {
        long result = Operands.read(cpu, insn.dst) & Operands.read(cpu, insn.src);
        cpu.state.setLazyFlags(Flags.LOGIC, insn.size, result, 0, 0);
    }

    /** INC and DEC leave CF alone: the current CF is captured as the lazy carry-in. */
    public static void incrementOrDecrement(Cpu cpu, Insn insn, boolean increment) {
        CpuState s = cpu.state;
        int carry = Flags.carry(s) ? 1 : 0;
        Operand dst = insn.dst;
        long address = Operands.addressOf(cpu, dst);
        long a, result;
        do {
            a = Operands.readAt(cpu, dst, address);
            result = increment ? a + 1 : a - 1;
        } while (!Operands.storeModified(cpu, insn, dst, address, a, result));
        s.setLazyFlags(increment ? Flags.INC : Flags.DEC, insn.size, result, a, 1);
        s.flagCarryIn = carry;
    }

    public static void negate(Cpu cpu, Insn insn) {
        Operand dst = insn.dst;
        long address = Operands.addressOf(cpu, dst);
        long a;
        do {
            a = Operands.readAt(cpu, dst, address);
        } while (!Operands.storeModified(cpu, insn, dst, address, a, -a));
        cpu.state.setLazyFlags(Flags.SUB, insn.size, -a, 0, a);
    }

    public static void not(Cpu cpu, Insn insn) {
        Operand dst = insn.dst;
        long address = Operands.addressOf(cpu, dst);
        long a;
        do {
            a = Operands.readAt(cpu, dst, address);
        } while (!Operands.storeModified(cpu, insn, dst, address, a, ~a));
    }
}
