package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.exec.ExtendedReal.Context;
import dev.jkvm.tcg.exec.ExtendedReal.Format;
import dev.jkvm.tcg.state.CpuMode;
import dev.jkvm.tcg.state.X87State;

import java.math.BigInteger;

/**
 * x87 instructions with a memory operand: arithmetic and compares with m32/m64 reals and m16/m32
 * integers, loads and stores in every format (BCD included), FLDCW/FNSTCW/FNSTSW, and the
 * environment and full-state images (FLDENV/FNSTENV, FRSTOR/FNSAVE). Memory is read before and
 * written before any x87 state changes, so a page fault leaves the FPU untouched.
 */
final class X87Memory {
    private static final long SINGLE_INDEFINITE = 0xffc00000L, DOUBLE_INDEFINITE = 0xfff8000000000000L;

    private X87Memory() {}

    static void execute(Cpu cpu, X87State x, int escape, int reg, Insn insn) {
        long address = Operands.linearAddress(cpu.state, insn.src);
        if (control(cpu, x, escape, reg, address, insn.size)) return;
        switch (escape << 3 | reg) {
            case 0x08 -> loadReal(x, cpu.memory.read(address, 4), Format.SINGLE);
            case 0x0a, 0x0b -> storeReal(cpu, x, address, Format.SINGLE, reg == 3);
            case 0x18 -> loadInteger(x, (int) cpu.memory.read(address, 4));
            case 0x1a, 0x1b -> storeInteger(cpu, x, address, 4, reg == 3);
            case 0x1d -> {
                long low = cpu.memory.read(address, 8);
                int high = (int) cpu.memory.read(address + 8, 2);
                X87.load(x, new ExtendedReal(high, low), new Context(x.controlWord));
            }
            case 0x1f -> storeExtended(cpu, x, address);
            case 0x28 -> loadReal(x, cpu.memory.read(address, 8), Format.DOUBLE);
            case 0x2a, 0x2b -> storeReal(cpu, x, address, Format.DOUBLE, reg == 3);
            case 0x38 -> loadInteger(x, (short) cpu.memory.read(address, 2));
            case 0x3a, 0x3b -> storeInteger(cpu, x, address, 2, reg == 3);
            case 0x3c -> loadBcd(x, cpu.memory.read(address, 8), (int) cpu.memory.read(address + 8, 2));
            case 0x3d -> loadInteger(x, cpu.memory.read(address, 8));
            case 0x3e -> storeBcd(cpu, x, address);
            case 0x3f -> storeInteger(cpu, x, address, 8, true);
            default -> arithmetic(cpu, x, escape, reg, address); // D8, DA, DC, DE
        }
        X87.recordLast(cpu, x, insn, escape, reg << 3, address);
    }

    /** The control instructions (no FIP/FDP/FOP update): FLDENV, FLDCW, FNSTENV, FNSTCW, FRSTOR, FNSAVE, FNSTSW. */
    private static boolean control(Cpu cpu, X87State x, int escape, int reg, long address, int operandSize) {
        if ((escape != 1 && escape != 5) || reg < 4 || (escape == 5 && reg == 5)) return false;
        switch (escape << 3 | reg) {
            case 0x0c -> loadEnvironment(cpu, x, address, operandSize);
            case 0x0d -> {
                x.controlWord = (int) cpu.memory.read(address, 2) & 0x1f3f | 0x40;
                x.updateSummary();
            }
            case 0x0e -> {
                storeEnvironment(cpu, x, address, operandSize);
                x.controlWord |= X87State.EXCEPTIONS;
                x.updateSummary();
            }
            case 0x0f -> cpu.memory.write(address, 2, x.controlWord);
            case 0x2c -> restoreState(cpu, x, address, operandSize);
            case 0x2e -> saveState(cpu, x, address, operandSize);
            default -> cpu.memory.write(address, 2, x.statusWordWithTop()); // DD /7
        }
        return true;
    }

    /** The memory operand of D8/DA/DC/DE: m32 real, m32 integer, m64 real, m16 integer. */
    private static ExtendedReal operand(Cpu cpu, int escape, long address, Context c) {
        return switch (escape) {
            case 0 -> ExtendedReal.fromSingle((int) cpu.memory.read(address, 4), c);
            case 4 -> ExtendedReal.fromDouble(cpu.memory.read(address, 8), c);
            case 2 -> ExtendedReal.fromLong((int) cpu.memory.read(address, 4));
            default -> ExtendedReal.fromLong((short) cpu.memory.read(address, 2));
        };
    }

    private static void arithmetic(Cpu cpu, X87State x, int escape, int reg, long address) {
        Context c = new Context(x.controlWord);
        ExtendedReal m = operand(cpu, escape, address, c);
        if (reg == 2 || reg == 3) {
            X87Registers.compareToConditions(x, 0, m, false, c, reg == 3 ? 1 : 0);
            return;
        }
        if (X87.isEmpty(x, 0)) {
            if (X87.underflow(x)) X87.set(x, 0, ExtendedReal.INDEFINITE);
            return;
        }
        ExtendedReal a = X87.st(x, 0), b = m;
        if (reg == 5 || reg == 7) {
            a = m;
            b = X87.st(x, 0);
        }
        int op = reg == 5 ? X87Arithmetic.SUB : reg == 7 ? X87Arithmetic.DIV : reg;
        ExtendedReal result = X87Arithmetic.binary(op, a, b, c);
        if (X87.suppressed(x, c)) {
            X87.commitSuppressed(x, c);
            return;
        }
        X87.set(x, 0, result);
        X87.commit(x, c, c.roundedUp);
    }

    private static void loadReal(X87State x, long bits, Format f) {
        Context c = new Context(x.controlWord);
        ExtendedReal v = f == Format.SINGLE ? ExtendedReal.fromSingle((int) bits, c) : ExtendedReal.fromDouble(bits, c);
        if (v.isSignaling()) {
            c.flags |= Context.IE;
            v = v.quiet();
        }
        if (c.denormalSource) c.flags |= Context.DE;
        X87.load(x, v, c);
    }

    private static void loadInteger(X87State x, long value) {
        X87.load(x, ExtendedReal.fromLong(value), new Context(x.controlWord));
    }

    private static void storeReal(Cpu cpu, X87State x, long address, Format f, boolean pop) {
        int size = f == Format.SINGLE ? 4 : 8;
        cpu.memory.checkWritable(address, size); // faults even when an unmasked exception suppresses the store
        if (X87.isEmpty(x, 0)) {
            if (X87.underflow(x)) {
                cpu.memory.write(address, size, f == Format.SINGLE ? SINGLE_INDEFINITE : DOUBLE_INDEFINITE);
                if (pop) X87.pop(x);
            }
            return;
        }
        Context c = new Context(x.controlWord);
        ExtendedReal r = X87Arithmetic.toFormat(X87.st(x, 0), f, c);
        if (X87.suppressed(x, c)) {
            X87.commitSuppressed(x, c);
            return;
        }
        if (r == null) { // unmasked overflow or underflow: nothing stored
            X87.commit(x, c, false);
            return;
        }
        cpu.memory.write(address, size, ExtendedReal.encode(r, f));
        X87.commit(x, c, c.roundedUp);
        if (pop) X87.pop(x);
    }

    private static void storeInteger(Cpu cpu, X87State x, long address, int size, boolean pop) {
        cpu.memory.checkWritable(address, size); // faults even when an unmasked exception suppresses the store
        if (X87.isEmpty(x, 0)) {
            if (X87.underflow(x)) {
                cpu.memory.write(address, size, Long.MIN_VALUE >> (64 - 8 * size));
                if (pop) X87.pop(x);
            }
            return;
        }
        Context c = new Context(x.controlWord);
        long value = X87Arithmetic.toInteger(X87.st(x, 0), size, c);
        if (X87.suppressed(x, c)) {
            X87.commitSuppressed(x, c);
            return;
        }
        cpu.memory.write(address, size, value);
        X87.commit(x, c, c.roundedUp);
        if (pop) X87.pop(x);
    }

    private static void storeExtended(Cpu cpu, X87State x, long address) {
        cpu.memory.checkWritable(address, 10); // faults even when an unmasked exception suppresses the store
        ExtendedReal v;
        if (X87.isEmpty(x, 0)) {
            if (!X87.underflow(x)) return;
            v = ExtendedReal.INDEFINITE;
        } else {
            v = X87.st(x, 0);
            X87.setC1(x, false);
        }
        writeExtended(cpu, address, v);
        X87.pop(x);
    }

    static void writeExtended(Cpu cpu, long address, ExtendedReal v) {
        cpu.memory.checkWritable(address, 10);
        cpu.memory.write(address, 8, v.significand);
        cpu.memory.write(address + 8, 2, v.signExponent);
    }

    // ---- packed BCD ----

    private static void loadBcd(X87State x, long low, int high) {
        long value = 0;
        for (int i = 8; i >= 0; i--) {
            int b = i == 8 ? high & 0xff : (int) (low >>> (8 * i)) & 0xff;
            value = value * 100 + (b >> 4) * 10 + (b & 0xf);
        }
        ExtendedReal v = ExtendedReal.fromLong(value);
        if ((high & 0x8000) != 0) v = v.negate();
        X87.load(x, v, new Context(x.controlWord));
    }

    private static void storeBcd(Cpu cpu, X87State x, long address) {
        cpu.memory.checkWritable(address, 10); // faults even when an unmasked exception suppresses the store
        ExtendedReal indefinite = new ExtendedReal(0xffff, 0xc000000000000000L);
        if (X87.isEmpty(x, 0)) {
            if (X87.underflow(x)) {
                writeExtended(cpu, address, indefinite);
                X87.pop(x);
            }
            return;
        }
        Context c = new Context(x.controlWord);
        ExtendedReal v = X87.st(x, 0);
        long magnitude = 0;
        boolean invalid = v.isNaN() || v.isInfinity() || v.isUnsupported();
        if (!invalid && !v.isZero()) {
            boolean[] info = new boolean[2];
            BigInteger q = ExtendedReal.shiftRound(v.negative(), v.magnitude(), v.exp2(), false, 0, c.rounding, info);
            if (q.compareTo(BigInteger.TEN.pow(18)) >= 0) {
                invalid = true;
            } else {
                magnitude = q.longValue();
                if (info[0]) c.flags |= Context.PE;
                c.roundedUp = info[1];
            }
        }
        ExtendedReal image;
        if (invalid) {
            c.flags |= Context.IE;
            image = indefinite;
        } else {
            long digits = 0;
            for (int i = 0; i < 16; i++) {
                digits |= (magnitude % 10) << (4 * i);
                magnitude /= 10;
            }
            int top = (int) (magnitude % 10) | (int) (magnitude / 10 % 10) << 4;
            image = new ExtendedReal((v.negative() ? 0x8000 : 0) | top, digits);
        }
        if (X87.suppressed(x, c)) {
            X87.commitSuppressed(x, c);
            return;
        }
        writeExtended(cpu, address, image);
        X87.commit(x, c, c.roundedUp);
        X87.pop(x);
    }

    // ---- environment and state images ----

    private static boolean realFormat(Cpu cpu) {
        return cpu.state.mode == CpuMode.REAL || (cpu.state.rflags() & (1L << 17)) != 0;
    }

    /** FNSTENV: 14 bytes (16-bit operand size) or 28 bytes, in the protected- or real-mode layout. */
    static void storeEnvironment(Cpu cpu, X87State x, long address, int operandSize) {
        boolean wide = operandSize != 2;
        int step = wide ? 4 : 2;
        cpu.memory.checkWritable(address, wide ? 28 : 14);
        long[] fields = new long[7];
        fields[0] = x.controlWord;
        fields[1] = x.statusWordWithTop();
        fields[2] = x.fullTagWord();
        long ip = x.lastInstructionPointer, dp = x.lastDataPointer;
        if (realFormat(cpu)) {
            fields[3] = ip & 0xffff;
            fields[4] = (wide ? (ip >>> 16 & 0xffff) << 12 : (ip >>> 16 & 0xf) << 12) | (x.lastOpcode & 0x7ff);
            fields[5] = dp & 0xffff;
            fields[6] = wide ? (dp >>> 16 & 0xffff) << 12 : (dp >>> 16 & 0xf) << 12;
        } else {
            fields[3] = wide ? ip & 0xffffffffL : ip & 0xffff;
            fields[4] = x.lastCodeSelector | (wide ? (long) (x.lastOpcode & 0x7ff) << 16 : 0);
            fields[5] = wide ? dp & 0xffffffffL : dp & 0xffff;
            fields[6] = x.lastDataSelector;
        }
        for (int i = 0; i < 7; i++) {
            long v = fields[i];
            if (wide && i != 3 && i != 4 && i != 5) v |= 0xffff0000L; // reserved upper halves read as ones
            cpu.memory.write(address + (long) i * step, step, v);
        }
    }

    static void loadEnvironment(Cpu cpu, X87State x, long address, int operandSize) {
        boolean wide = operandSize != 2;
        int step = wide ? 4 : 2;
        long[] fields = new long[7];
        for (int i = 0; i < 7; i++) fields[i] = cpu.memory.read(address + (long) i * step, step);
        x.controlWord = (int) fields[0] & 0x1f3f | 0x40;
        x.setStatusWordWithTop((int) fields[1]);
        int tags = (int) fields[2];
        for (int r = 0; r < 8; r++) x.empty[r] = ((tags >> (2 * r)) & 3) == 3;
        if (realFormat(cpu)) {
            x.lastInstructionPointer = (fields[3] & 0xffff) | (fields[4] >>> 12 & 0xffff) << 16;
            x.lastOpcode = (int) fields[4] & 0x7ff;
            x.lastDataPointer = (fields[5] & 0xffff) | (fields[6] >>> 12 & 0xffff) << 16;
        } else {
            x.lastInstructionPointer = fields[3];
            x.lastCodeSelector = (int) fields[4] & 0xffff;
            x.lastOpcode = wide ? (int) (fields[4] >>> 16) & 0x7ff : x.lastOpcode;
            x.lastDataPointer = fields[5];
            x.lastDataSelector = (int) fields[6] & 0xffff;
        }
        x.updateSummary();
    }

    private static void saveState(Cpu cpu, X87State x, long address, int operandSize) {
        int header = operandSize == 2 ? 14 : 28;
        cpu.memory.checkWritable(address, header + 80);
        storeEnvironment(cpu, x, address, operandSize);
        for (int i = 0; i < 8; i++) writeExtended(cpu, address + header + 10L * i, X87.st(x, i));
        x.reset();
    }

    private static void restoreState(Cpu cpu, X87State x, long address, int operandSize) {
        int header = operandSize == 2 ? 14 : 28;
        long[] low = new long[8];
        int[] high = new int[8];
        for (int i = 0; i < 8; i++) {
            low[i] = cpu.memory.read(address + header + 10L * i, 8);
            high[i] = (int) cpu.memory.read(address + header + 10L * i + 8, 2);
        }
        loadEnvironment(cpu, x, address, operandSize);
        for (int i = 0; i < 8; i++) {
            int r = x.physical(i);
            x.significand[r] = low[i];
            x.signExponent[r] = high[i];
        }
    }
}
