package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Reg;
import dev.jkvm.tcg.state.Segment;
import dev.jkvm.tcg.state.SegmentRegister;

/** Stack pointer arithmetic with the stack address size (64 in long mode, else SS.B). */
public final class Stack {
    private Stack() {}

    public static int addressSize(CpuState s) {
        if (s.mode.is64()) return 8;
        return (s.segments[Segment.SS].attributes & SegmentRegister.ATTR_DEFAULT_BIG) != 0 ? 4 : 2;
    }

    /** RSP moved by delta, wrapped to the stack address size (upper bits kept for 16-bit stacks). */
    public static long offsetRsp(CpuState s, long delta) {
        long rsp = s.gpr[Reg.RSP];
        return switch (addressSize(s)) {
            case 8 -> rsp + delta;
            case 4 -> (rsp + delta) & 0xffffffffL;
            default -> (rsp & ~0xffffL) | ((rsp + delta) & 0xffffL);
        };
    }

    public static long linear(CpuState s, long rsp) {
        return Operands.linear(s, Segment.SS, Operands.wrapAddress(rsp, addressSize(s)));
    }

    public static void push(Cpu cpu, int size, long value) {
        CpuState s = cpu.state;
        long rsp = offsetRsp(s, -size);
        cpu.memory.write(linear(s, rsp), size, value);
        s.gpr[Reg.RSP] = rsp;
    }

    /** The value on top of the stack, without popping it. */
    public static long peek(Cpu cpu, int size) {
        return cpu.memory.read(linear(cpu.state, cpu.state.gpr[Reg.RSP]), size);
    }

    public static long pop(Cpu cpu, int size) {
        long value = peek(cpu, size);
        cpu.state.gpr[Reg.RSP] = offsetRsp(cpu.state, size);
        return value;
    }
}
