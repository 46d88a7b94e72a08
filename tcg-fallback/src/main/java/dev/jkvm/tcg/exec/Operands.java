package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.decode.Operand;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Segment;
import dev.jkvm.tcg.state.Width;

/** Reading and writing decoded operands: registers, memory through the linear seam, immediates. */
public final class Operands {
    private Operands() {}

    /** Effective address (offset within the segment), wrapped to the address size. */
    public static long effectiveAddress(CpuState s, Operand m) {
        return effectiveAddress(s, m.reg, m.index, m.scale, m.value, m.addressSize);
    }

    static long effectiveAddress(CpuState s, int base, int index, int scale, long displacement, int addressSize) {
        long address = displacement;
        if (base >= 0) address += base == Operand.RIP ? s.rip : s.gpr[base];
        if (index >= 0) address += s.gpr[index] << scale;
        return wrapAddress(address, addressSize);
    }

    public static long wrapAddress(long address, int addressSize) {
        return addressSize == 8 ? address : address & Width.mask(addressSize);
    }

    /** Segment base; in 64-bit mode only FS and GS have one. */
    public static long segmentBase(CpuState s, int segment) {
        if (s.mode.is64() && segment < Segment.FS) return 0;
        return s.segments[segment].base;
    }

    /** A non-canonical address faults with #SS for stack-segment accesses, #GP otherwise. */
    public static long linear(CpuState s, int segment, long offset) {
        long linear = segmentBase(s, segment) + offset;
        if (!s.mode.is64()) return linear & 0xffffffffL;
        if ((linear << 16) >> 16 != linear) {
            throw segment == Segment.SS ? CpuException.fault(CpuException.STACK_FAULT, 0) : CpuException.generalProtection();
        }
        return linear;
    }

    public static long linearAddress(CpuState s, Operand m) {
        return linear(s, m.segment, effectiveAddress(s, m));
    }

    /** The linear address of a memory operand, or 0 for other kinds (for read-modify-write). */
    public static long addressOf(Cpu cpu, Operand o) {
        return o.kind == Operand.MEM ? linearAddress(cpu.state, o) : 0;
    }

    /** Reads an operand, zero-extended from its size. */
    public static long read(Cpu cpu, Operand o) {
        return switch (o.kind) {
            case Operand.GPR -> cpu.state.gpr[o.reg] & Width.mask(o.size);
            case Operand.MEM -> cpu.memory.read(linearAddress(cpu.state, o), o.size);
            case Operand.IMM -> o.value & Width.mask(o.size);
            case Operand.GPR_HIGH8 -> (cpu.state.gpr[o.reg] >>> 8) & 0xff;
            default -> throw new IllegalStateException("not an integer operand: " + o);
        };
    }

    /** Reads an operand whose memory address was already computed. */
    public static long readAt(Cpu cpu, Operand o, long address) {
        return o.kind == Operand.MEM ? cpu.memory.read(address, o.size) : read(cpu, o);
    }

    public static void write(Cpu cpu, Operand o, long value) {
        writeAt(cpu, o, o.kind == Operand.MEM ? linearAddress(cpu.state, o) : 0, value);
    }

    public static void writeAt(Cpu cpu, Operand o, long address, long value) {
        switch (o.kind) {
            case Operand.GPR -> writeGpr(cpu.state, o.reg, o.size, value);
            case Operand.MEM -> cpu.memory.write(address, o.size, value);
            case Operand.GPR_HIGH8 -> {
                long[] g = cpu.state.gpr;
                g[o.reg] = (g[o.reg] & ~0xff00L) | ((value & 0xff) << 8);
            }
            default -> throw new IllegalStateException("not a writable operand: " + o);
        }
    }

    /** 32-bit writes zero-extend to 64; 8- and 16-bit writes merge into the register. */
    public static void writeGpr(CpuState s, int reg, int size, long value) {
        switch (size) {
            case 8 -> s.gpr[reg] = value;
            case 4 -> s.gpr[reg] = value & 0xffffffffL;
            default -> {
                long mask = Width.mask(size);
                s.gpr[reg] = (s.gpr[reg] & ~mask) | (value & mask);
            }
        }
    }

    /**
     * Stores the result of a read-modify-write. With LOCK on memory this is a compare-and-set
     * against the value read; false means another CPU changed it and the caller must redo the work.
     */
    public static boolean storeModified(Cpu cpu, Insn insn, Operand o, long address, long old, long value) {
        if (o.kind == Operand.MEM && insn.locked()) {
            return cpu.memory.compareAndSet(address, o.size, old, value);
        }
        writeAt(cpu, o, address, value);
        return true;
    }
}
