package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.decode.SseKind;

/** LDMXCSR, STMXCSR, FXSAVE, FXRSTOR. */
final class SimdState {
    private static final int MXCSR_WRITABLE = 0xffff;

    private SimdState() {}

    static void mxcsr(Cpu cpu, Insn insn) {
        if (insn.sub == SseKind.STMXCSR) {
            Operands.write(cpu, insn.dst, cpu.state.mxcsr);
            return;
        }
        int value = (int) Operands.read(cpu, insn.src);
        if ((value & ~MXCSR_WRITABLE) != 0) throw CpuException.generalProtection();
        cpu.state.mxcsr = value;
    }

    static void save(Cpu cpu, Insn insn) {
        long address = alignedAddress(cpu, insn.dst);
        byte[] image = new byte[FxsaveImage.SIZE];
        FxsaveImage.store(cpu.state, image);
        cpu.memory.checkWritable(address, FxsaveImage.SIZE);
        for (int i = 0; i < FxsaveImage.WRITTEN; i += 8) cpu.memory.write(address + i, 8, FxsaveImage.getLong(image, i));
    }

    static void restore(Cpu cpu, Insn insn) {
        long address = alignedAddress(cpu, insn.src);
        byte[] image = new byte[FxsaveImage.SIZE];
        for (int i = 0; i < FxsaveImage.SIZE; i += 8) FxsaveImage.putLong(image, i, cpu.memory.read(address + i, 8));
        if (!FxsaveImage.load(cpu.state, image)) throw CpuException.generalProtection();
    }

    private static long alignedAddress(Cpu cpu, dev.jkvm.tcg.decode.Operand m) {
        long address = Operands.linearAddress(cpu.state, m);
        if ((address & 15) != 0) throw CpuException.generalProtection();
        return address;
    }
}
