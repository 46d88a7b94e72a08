package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.decode.Operand;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Flags;
import dev.jkvm.tcg.state.Width;

/** BT/BTS/BTR/BTC, BSF, BSR, POPCNT. */
public final class BitOps {
    private BitOps() {}

    private static final int TEST = 0, SET = 1, RESET = 2, COMPLEMENT = 3;

    /**
     * With a register bit offset and a memory operand the offset is signed and may address any
     * operand-sized word relative to the operand; an immediate offset stays within the operand.
     */
    public static void bitTest(Cpu cpu, Insn insn) {
        CpuState s = cpu.state;
        int size = insn.size;
        int bits = Width.bits(size);
        Operand dst = insn.dst;
        long offset = Operands.read(cpu, insn.src);
        long address = Operands.addressOf(cpu, dst);
        if (dst.isMemory() && insn.src.kind != Operand.IMM) {
            long signedOffset = Width.signExtend(offset, size);
            long displaced = Operands.effectiveAddress(s, dst) + (signedOffset >> Integer.numberOfTrailingZeros(bits)) * size;
            address = Operands.linear(s, dst.segment, Operands.wrapAddress(displaced, dst.addressSize));
        }
        long bit = 1L << (offset & (bits - 1));
        long old, result;
        do {
            old = Operands.readAt(cpu, dst, address);
            result = switch (insn.sub) {
                case SET -> old | bit;
                case RESET -> old & ~bit;
                case COMPLEMENT -> old ^ bit;
                default -> old;
            };
        } while (insn.sub != TEST && !Operands.storeModified(cpu, insn, dst, address, old, result));
        long flags = Flags.arithmetic(s) & ~Flags.CF;
        s.setArithmeticFlags(flags | ((old & bit) != 0 ? Flags.CF : 0));
    }

    /** BSF/BSR: a zero source sets ZF and leaves the destination unchanged. */
    public static void bitScan(Cpu cpu, Insn insn, boolean forward) {
        CpuState s = cpu.state;
        long value = Operands.read(cpu, insn.src);
        if (value == 0) {
            s.setArithmeticFlags(Flags.ZF);
            return;
        }
        int index = forward ? Long.numberOfTrailingZeros(value) : 63 - Long.numberOfLeadingZeros(value);
        Operands.write(cpu, insn.dst, index);
        s.setArithmeticFlags(0);
    }

    public static void popcount(Cpu cpu, Insn insn) {
        long value = Operands.read(cpu, insn.src);
        Operands.write(cpu, insn.dst, Long.bitCount(value));
        cpu.state.setArithmeticFlags(value == 0 ? Flags.ZF : 0);
    }
}
