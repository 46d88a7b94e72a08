package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.decode.Operand;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Flags;
import dev.jkvm.tcg.state.Reg;
import dev.jkvm.tcg.state.Width;

/** Moves, exchanges, compare-exchange, conditional moves, and accumulator widening. */
public final class DataMovement {
    private DataMovement() {}

    public static void move(Cpu cpu, Insn insn) {
        Operands.write(cpu, insn.dst, Operands.read(cpu, insn.src));
    }

    public static void moveSignExtended(Cpu cpu, Insn insn) {
        Operands.write(cpu, insn.dst, Width.signExtend(Operands.read(cpu, insn.src), insn.src.size));
    }

    public static void loadEffectiveAddress(Cpu cpu, Insn insn) {
        Operands.write(cpu, insn.dst, Operands.effectiveAddress(cpu.state, insn.src));
    }

    /** XCHG with memory is locked whether or not it carries a LOCK prefix. */
    public static void exchange(Cpu cpu, Insn insn) {
        Operand dst = insn.dst;
        long b = Operands.read(cpu, insn.src);
        long address = Operands.addressOf(cpu, dst);
        long a;
        if (dst.isMemory()) {
            do {
                a = Operands.readAt(cpu, dst, address);
            } while (!cpu.memory.compareAndSet(address, insn.size, a, b));
        } else {
            a = Operands.read(cpu, dst);
            Operands.write(cpu, dst, b);
        }
        Operands.write(cpu, insn.src, a);
    }

    /**
     * A memory destination is always written back (with its own value on mismatch) as the locked
     * cycle does on hardware; a register destination is left untouched on mismatch.
     */
    public static void compareExchange(Cpu cpu, Insn insn) {
        CpuState s = cpu.state;
        int size = insn.size;
        Operand dst = insn.dst;
        long expected = s.gpr[Reg.RAX] & Width.mask(size);
        long replacement = Operands.read(cpu, insn.src);
        long address = Operands.addressOf(cpu, dst);
        long current;
        boolean equal;
        do {
            current = Operands.readAt(cpu, dst, address);
            equal = current == expected;
        } while ((equal || dst.isMemory())
                && !Operands.storeModified(cpu, insn, dst, address, current, equal ? replacement : current));
        s.setLazyFlags(Flags.SUB, size, expected - current, expected, current);
        if (!equal) Operands.writeGpr(s, Reg.RAX, size, current);
    }

    /** CMPXCHG8B / CMPXCHG16B on EDX:EAX / RDX:RAX; only ZF changes. */
    public static void compareExchangeDouble(Cpu cpu, Insn insn) {
        CpuState s = cpu.state;
        int half = insn.size / 2;
        long address = Operands.linearAddress(s, insn.dst);
        if (half == 8 && (address & 15) != 0) throw CpuException.generalProtection();
        long mask = Width.mask(half);
        long expectedLow = s.gpr[Reg.RAX] & mask, expectedHigh = s.gpr[Reg.RDX] & mask;
        long newLow = s.gpr[Reg.RBX] & mask, newHigh = s.gpr[Reg.RCX] & mask;
        boolean equal;
        long low, high;
        if (half == 4) {
            long expected = expectedLow | (expectedHigh << 32);
            long current;
            do {
                current = cpu.memory.read(address, 8);
                equal = current == expected;
            } while (!cpu.memory.compareAndSet(address, 8, current, equal ? newLow | (newHigh << 32) : current));
            low = current & mask;
            high = current >>> 32;
        } else {
            synchronized (Cpu.class) { // a 16-byte CAS has no Java primitive: serialize locked 128-bit ops
                cpu.memory.checkWritable(address, 16);
                low = cpu.memory.read(address, 8);
                high = cpu.memory.read(address + 8, 8);
                equal = low == expectedLow && high == expectedHigh;
                cpu.memory.write(address, 8, equal ? newLow : low);
                cpu.memory.write(address + 8, 8, equal ? newHigh : high);
            }
        }
        long flags = Flags.arithmetic(s) & ~Flags.ZF;
        s.setArithmeticFlags(flags | (equal ? Flags.ZF : 0));
        if (!equal) {
            Operands.writeGpr(s, Reg.RAX, half, low);
            Operands.writeGpr(s, Reg.RDX, half, high);
        }
    }

    /** XADD: src receives the old destination, then the destination receives the sum. */
    public static void exchangeAdd(Cpu cpu, Insn insn) {
        Operand dst = insn.dst;
        long b = Operands.read(cpu, insn.src);
        long a;
        if (dst.isMemory()) {
            long address = Operands.addressOf(cpu, dst);
            do {
                a = Operands.readAt(cpu, dst, address);
            } while (!Operands.storeModified(cpu, insn, dst, address, a, a + b));
            Operands.write(cpu, insn.src, a);
        } else {
            a = Operands.read(cpu, dst);
            Operands.write(cpu, insn.src, a);
            Operands.write(cpu, dst, a + b);
        }
        cpu.state.setLazyFlags(Flags.ADD, insn.size, a + b, a, b);
    }

    public static void byteSwap(Cpu cpu, Insn insn) {
        long value = Operands.read(cpu, insn.dst);
        long swapped = switch (insn.size) {
            case 8 -> Long.reverseBytes(value);
            case 4 -> Integer.reverseBytes((int) value) & 0xffffffffL;
            default -> 0; // 16-bit BSWAP is undefined; hardware clears the word
        };
        Operands.write(cpu, insn.dst, swapped);
    }

    /** CMOV reads its source even when the condition fails, and a 32-bit CMOV always zero-extends. */
    public static void conditionalMove(Cpu cpu, Insn insn) {
        long value = Operands.read(cpu, insn.src);
        if (Flags.condition(cpu.state, insn.sub)) {
            Operands.write(cpu, insn.dst, value);
        } else if (insn.size == 4) {
            Operands.write(cpu, insn.dst, Operands.read(cpu, insn.dst));
        }
    }

    public static void setByteOnCondition(Cpu cpu, Insn insn) {
        Operands.write(cpu, insn.dst, Flags.condition(cpu.state, insn.sub) ? 1 : 0);
    }

    public static void translateByte(Cpu cpu, Insn insn) {
        CpuState s = cpu.state;
        long offset = Operands.wrapAddress(s.gpr[Reg.RBX] + (s.gpr[Reg.RAX] & 0xff), insn.addressSize);
        long value = cpu.memory.read(Operands.linear(s, insn.segment, offset), 1);
        Operands.writeGpr(s, Reg.RAX, 1, value);
    }

    public static void moveFromSegment(Cpu cpu, Insn insn) {
        Operands.write(cpu, insn.dst, cpu.state.segments[insn.src.reg].selector);
    }

    /** CBW, CWDE, CDQE: sign-extend the lower half of the accumulator into all of it. */
    public static void widenAccumulator(Cpu cpu, Insn insn) {
        CpuState s = cpu.state;
        int half = insn.size / 2;
        Operands.writeGpr(s, Reg.RAX, insn.size, Width.signExtend(s.gpr[Reg.RAX], half));
    }

    /** CWD, CDQ, CQO: fill DX/EDX/RDX with the accumulator's sign. */
    public static void signIntoDx(Cpu cpu, Insn insn) {
        CpuState s = cpu.state;
        Operands.writeGpr(s, Reg.RDX, insn.size, Width.isNegative(s.gpr[Reg.RAX], insn.size) ? -1L : 0);
    }
}
