package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Flags;
import dev.jkvm.tcg.state.Reg;

/** PUSH, POP, PUSHF, POPF, ENTER, LEAVE. Registers change only after the memory access succeeded. */
public final class StackOps {
    private StackOps() {}

    public static void push(Cpu cpu, Insn insn) {
        Stack.push(cpu, insn.size, Operands.read(cpu, insn.src));
    }

    /** POP computes a memory destination with the already incremented RSP, as the SDM specifies. */
    public static void pop(Cpu cpu, Insn insn) {
        CpuState s = cpu.state;
        long oldRsp = s.gpr[Reg.RSP];
        long value = Stack.pop(cpu, insn.size);
        try {
            Operands.write(cpu, insn.dst, value);
        } catch (CpuException e) {
            s.gpr[Reg.RSP] = oldRsp;
            throw e;
        }
    }

    public static void pushFlags(Cpu cpu, Insn insn) {
        Stack.push(cpu, insn.size, cpu.state.rflags() & ~(Flags.RF | Flags.VM));
    }

    public static void popFlags(Cpu cpu, Insn insn) {
        CpuState s = cpu.state;
        long value = Stack.pop(cpu, insn.size);
        long writable = Flags.ARITHMETIC | Flags.TF | Flags.DF | Flags.NT | Flags.AC | Flags.ID;
        int iopl = (int) (s.rflagsOther >> 12) & 3;
        if (s.cpl <= iopl) writable |= Flags.IF;
        if (s.cpl == 0) writable |= Flags.IOPL;
        if (insn.size == 2) writable &= 0xffff;
        long old = s.rflags();
        s.setRflags(((old & ~writable) | (value & writable)) & ~Flags.RF);
    }

    /** ENTER frameSize, level: nested frames copy level-1 saved frame pointers. */
    public static void enter(Cpu cpu, Insn insn) {
        CpuState s = cpu.state;
        int size = insn.size;
        long frameSize = insn.src.value;
        int level = (int) insn.src2.value & 31;
        long oldRsp = s.gpr[Reg.RSP], oldRbp = s.gpr[Reg.RBP];
        try {
            Stack.push(cpu, size, oldRbp);
            long frameTemp = s.gpr[Reg.RSP];
            long rbp = oldRbp;
            for (int i = 1; i < level; i++) {
                rbp = Operands.wrapAddress(rbp - size, Stack.addressSize(s));
                Stack.push(cpu, size, cpu.memory.read(Stack.linear(s, rbp), size));
            }
            if (level > 0) Stack.push(cpu, size, frameTemp);
            long newRsp = Stack.offsetRsp(s, -frameSize);
            cpu.memory.checkWritable(Stack.linear(s, newRsp), 1);
            Operands.writeGpr(s, Reg.RBP, size, frameTemp);
            s.gpr[Reg.RSP] = newRsp;
        } catch (CpuException e) {
            s.gpr[Reg.RSP] = oldRsp;
            s.gpr[Reg.RBP] = oldRbp;
            throw e;
        }
    }

    public static void leave(Cpu cpu, Insn insn) {
        CpuState s = cpu.state;
        int stackSize = Stack.addressSize(s);
        long frame = s.gpr[Reg.RBP];
        long value = cpu.memory.read(Stack.linear(s, frame), insn.size);
        Operands.writeGpr(s, Reg.RSP, stackSize, frame + insn.size);
        Operands.writeGpr(s, Reg.RBP, insn.size, value);
    }
}
