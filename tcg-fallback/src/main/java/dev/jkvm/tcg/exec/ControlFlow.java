package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Flags;
import dev.jkvm.tcg.state.Reg;
import dev.jkvm.tcg.state.Width;

/** Near jumps, calls, returns and loops. RIP already points past the instruction. */
public final class ControlFlow {
    private ControlFlow() {}

    /** Sets RIP, truncated to the operand size outside 64-bit mode; non-canonical targets raise #GP. */
    public static void jumpTo(CpuState s, long target, int size) {
        if (size == 8) {
            if ((target << 16) >> 16 != target) throw CpuException.generalProtection();
            s.rip = target;
        } else {
            s.rip = target & Width.mask(size);
        }
    }

    public static void jumpConditional(Cpu cpu, Insn insn) {
        if (Flags.condition(cpu.state, insn.sub)) jumpTo(cpu.state, cpu.state.rip + insn.src.value, insn.size);
    }

    public static void jumpRelative(Cpu cpu, Insn insn) {
        jumpTo(cpu.state, cpu.state.rip + insn.src.value, insn.size);
    }

    public static void jumpAbsolute(Cpu cpu, Insn insn) {
        jumpTo(cpu.state, Operands.read(cpu, insn.src), insn.size);
    }

    public static void callRelative(Cpu cpu, Insn insn) {
        call(cpu, cpu.state.rip + insn.src.value, insn.size);
    }

    public static void callAbsolute(Cpu cpu, Insn insn) {
        call(cpu, Operands.read(cpu, insn.src), insn.size);
    }

    private static void call(Cpu cpu, long target, int size) {
        CpuState s = cpu.state;
        long returnAddress = s.rip;
        jumpTo(s, target, size);
        Stack.push(cpu, size, returnAddress); // a fault here restores RIP at the instruction boundary
    }

    public static void ret(Cpu cpu, Insn insn) {
        CpuState s = cpu.state;
        long target = Stack.peek(cpu, insn.size);
        jumpTo(s, target, insn.size);
        s.gpr[Reg.RSP] = Stack.offsetRsp(s, insn.size + insn.src.value);
    }

    /** LOOPNE (sub 0), LOOPE (1), LOOP (2): decrement the address-sized counter, then branch. */
    public static void loop(Cpu cpu, Insn insn) {
        CpuState s = cpu.state;
        long count = (s.gpr[Reg.RCX] - 1) & Width.mask(insn.addressSize);
        Operands.writeGpr(s, Reg.RCX, insn.addressSize, count);
        boolean taken = count != 0 && switch (insn.sub) {
            case 0 -> !Flags.zero(s);
            case 1 -> Flags.zero(s);
            default -> true;
        };
        if (taken) jumpTo(s, s.rip + insn.src.value, insn.size);
    }

    public static void jumpIfCounterZero(Cpu cpu, Insn insn) {
        CpuState s = cpu.state;
        if ((s.gpr[Reg.RCX] & Width.mask(insn.addressSize)) == 0) jumpTo(s, s.rip + insn.src.value, insn.size);
    }
}
