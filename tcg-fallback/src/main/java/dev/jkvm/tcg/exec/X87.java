package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.decode.Insn;

/** x87 instructions. */
final class X87 {
    private X87() {}

    static void execute(Cpu cpu, Insn insn) {
        throw CpuException.undefinedOpcode();
    }
}
