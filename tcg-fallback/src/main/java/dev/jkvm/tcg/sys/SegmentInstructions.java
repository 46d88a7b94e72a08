package dev.jkvm.tcg.sys;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.exec.Operands;
import dev.jkvm.tcg.exec.Stack;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Reg;
import dev.jkvm.tcg.state.Segment;

/** MOV/PUSH/POP of segment registers, LDS/LES/LSS/LFS/LGS, PUSHA/POPA. */
final class SegmentInstructions {
    private SegmentInstructions() {}

    static void moveToSegment(Cpu cpu, Insn insn) {
        int sreg = insn.dst.reg;
        Segments.load(cpu, sreg, (int) Operands.read(cpu, insn.src));
        if (sreg == Segment.SS) cpu.state.interruptShadow = true;
    }

    static void pushSegment(Cpu cpu, Insn insn) {
        Stack.push(cpu, insn.size, cpu.state.segments[insn.src.reg].selector);
    }

    static void popSegment(Cpu cpu, Insn insn) {
        int sreg = insn.dst.reg;
        long selector = Stack.peek(cpu, insn.size) & 0xffff;
        Segments.load(cpu, sreg, (int) selector);
        cpu.state.gpr[Reg.RSP] = Stack.offsetRsp(cpu.state, insn.size);
        if (sreg == Segment.SS) cpu.state.interruptShadow = true;
    }

    static void loadFarPointer(Cpu cpu, Insn insn) {
        long address = Operands.linearAddress(cpu.state, insn.src);
        long offset = cpu.memory.read(address, insn.size);
        int selector = (int) cpu.memory.read(address + insn.size, 2);
        int sreg = insn.src2.reg;
        Segments.load(cpu, sreg, selector);
        Operands.write(cpu, insn.dst, offset);
        if (sreg == Segment.SS) cpu.state.interruptShadow = true;
    }

    static void pushAll(Cpu cpu, Insn insn) {
        CpuState s = cpu.state;
        int size = insn.size;
        long oldRsp = s.gpr[Reg.RSP];
        try {
            for (int r = Reg.RAX; r <= Reg.RDI; r++) Stack.push(cpu, size, r == Reg.RSP ? oldRsp : s.gpr[r]);
        } catch (CpuException e) {
            s.gpr[Reg.RSP] = oldRsp;
            throw e;
        }
    }

    static void popAll(Cpu cpu, Insn insn) {
        CpuState s = cpu.state;
        int size = insn.size;
        long[] values = new long[8];
        for (int i = 0; i < 8; i++) {
            values[Reg.RDI - i] = cpu.memory.read(Stack.linear(s, Stack.offsetRsp(s, (long) i * size)), size);
        }
        for (int r = Reg.RAX; r <= Reg.RDI; r++) {
            if (r != Reg.RSP) Operands.writeGpr(s, r, size, values[r]);
        }
        s.gpr[Reg.RSP] = Stack.offsetRsp(s, 8L * size);
    }
}
