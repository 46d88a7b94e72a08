package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.decode.Op;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Flags;
import dev.jkvm.tcg.state.Reg;
import dev.jkvm.tcg.state.Segment;
import dev.jkvm.tcg.state.Width;

/**
 * MOVS, STOS, LODS, CMPS, SCAS, INS, OUTS with optional REP/REPE/REPNE. A repeated instruction
 * runs at most {@link #CHUNK} iterations per execution and then leaves RIP on itself, so
 * interrupts are taken between chunks and RCX/RSI/RDI always reflect the progress made.
 */
public final class StringOps {
    static final int CHUNK = 4096;

    private StringOps() {}

    public static void execute(Cpu cpu, Insn insn) {
        CpuState s = cpu.state;
        if ((insn.prefixes & (Insn.REP | Insn.REPNE)) == 0) {
            iterate(cpu, insn);
            return;
        }
        long counterMask = Width.mask(insn.addressSize);
        boolean compares = insn.op == Op.CMPS || insn.op == Op.SCAS;
        boolean untilEqual = (insn.prefixes & Insn.REPNE) != 0;
        for (int i = 0; i < CHUNK; i++) {
            long count = s.gpr[Reg.RCX] & counterMask;
            if (count == 0) return;
            iterate(cpu, insn);
            Operands.writeGpr(s, Reg.RCX, insn.addressSize, count - 1);
            if (compares && Flags.zero(s) == untilEqual) return;
        }
        if ((s.gpr[Reg.RCX] & counterMask) != 0) s.rip -= insn.length;
    }

    private static void iterate(Cpu cpu, Insn insn) {
        CpuState s = cpu.state;
        int size = insn.size;
        switch (insn.op) {
            case MOVS -> {
                long value = cpu.memory.read(source(s, insn), size);
                cpu.memory.write(destination(s, insn), size, value);
                advance(s, insn, Reg.RSI);
                advance(s, insn, Reg.RDI);
            }
            case STOS -> {
                cpu.memory.write(destination(s, insn), size, s.gpr[Reg.RAX]);
                advance(s, insn, Reg.RDI);
            }
            case LODS -> {
                long value = cpu.memory.read(source(s, insn), size);
                Operands.writeGpr(s, Reg.RAX, size, value);
                advance(s, insn, Reg.RSI);
            }
            case CMPS -> {
                long a = cpu.memory.read(source(s, insn), size);
                long b = cpu.memory.read(destination(s, insn), size);
                s.setLazyFlags(Flags.SUB, size, a - b, a, b);
                advance(s, insn, Reg.RSI);
                advance(s, insn, Reg.RDI);
            }
            case SCAS -> {
                long a = s.gpr[Reg.RAX] & Width.mask(size);
                long b = cpu.memory.read(destination(s, insn), size);
                s.setLazyFlags(Flags.SUB, size, a - b, a, b);
                advance(s, insn, Reg.RDI);
            }
            case INS -> {
                int port = (int) s.gpr[Reg.RDX] & 0xffff;
                SystemOps.checkIoPermission(cpu, port, size);
                long target = destination(s, insn);
                cpu.memory.checkWritable(target, size);
                cpu.memory.write(target, size, cpu.io.read(port, size));
                advance(s, insn, Reg.RDI);
            }
            case OUTS -> {
                int port = (int) s.gpr[Reg.RDX] & 0xffff;
                SystemOps.checkIoPermission(cpu, port, size);
                cpu.io.write(port, size, cpu.memory.read(source(s, insn), size));
                advance(s, insn, Reg.RSI);
            }
            default -> throw new IllegalStateException(insn.toString());
        }
    }

    private static long source(CpuState s, Insn insn) {
        return Operands.linear(s, insn.segment, s.gpr[Reg.RSI] & Width.mask(insn.addressSize));
    }

    /** The destination is always ES, which no prefix overrides. */
    private static long destination(CpuState s, Insn insn) {
        return Operands.linear(s, Segment.ES, s.gpr[Reg.RDI] & Width.mask(insn.addressSize));
    }

    private static void advance(CpuState s, Insn insn, int reg) {
        long delta = s.directionDown() ? -insn.size : insn.size;
        Operands.writeGpr(s, reg, insn.addressSize, s.gpr[reg] + delta);
    }
}
