package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.decode.Operand;
import dev.jkvm.tcg.state.Width;

/** XMM and memory operands of SIMD instructions as (low, high) qword pairs. */
final class SseOperands {
    private SseOperands() {}

    /**
     * Reads an operand of its size into {low, high}, zero-extended. A 16-byte memory operand must
     * be 16-byte aligned unless unaligned access is allowed (MOVUPS, MOVDQU).
     */
    static long[] read(Cpu cpu, Operand o, boolean aligned) {
        return switch (o.kind) {
            case Operand.XMM -> {
                long[] x = cpu.state.xmm;
                long low = x[2 * o.reg];
                yield o.size == 16 ? new long[] {low, x[2 * o.reg + 1]} : new long[] {low & Width.mask(o.size), 0};
            }
            case Operand.MEM -> {
                long address = Operands.linearAddress(cpu.state, o);
                if (o.size == 16) {
                    if (aligned && (address & 15) != 0) throw CpuException.generalProtection();
                    yield new long[] {cpu.memory.read(address, 8), cpu.memory.read(address + 8, 8)};
                }
                yield new long[] {cpu.memory.read(address, o.size), 0};
            }
            default -> new long[] {Operands.read(cpu, o), 0};
        };
    }

    static void write(Cpu cpu, Operand o, long low, long high, boolean aligned) {
        switch (o.kind) {
            case Operand.XMM -> {
                cpu.state.xmm[2 * o.reg] = low;
                cpu.state.xmm[2 * o.reg + 1] = high;
            }
            case Operand.MEM -> {
                long address = Operands.linearAddress(cpu.state, o);
                if (o.size == 16) {
                    if (aligned && (address & 15) != 0) throw CpuException.generalProtection();
                    cpu.memory.checkWritable(address, 16);
                    cpu.memory.write(address, 8, low);
                    cpu.memory.write(address + 8, 8, high);
                } else {
                    cpu.memory.write(address, o.size, low);
                }
            }
            default -> Operands.write(cpu, o, low);
        }
    }

    static long low(Cpu cpu, int reg) {
        return cpu.state.xmm[2 * reg];
    }

    static long high(Cpu cpu, int reg) {
        return cpu.state.xmm[2 * reg + 1];
    }

    static void set(Cpu cpu, int reg, long low, long high) {
        cpu.state.xmm[2 * reg] = low;
        cpu.state.xmm[2 * reg + 1] = high;
    }
}
