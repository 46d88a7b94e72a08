package dev.jkvm.tcg.diff;

import java.io.ByteArrayOutputStream;
import java.util.Random;

/**
 * Builds one test case: a random initial state with edge values, and a tiny x86-64 assembler for
 * the instruction under test (prefixes, REX, opcode, ModRM/SIB, displacement, immediate). Memory
 * operands are pointed into the data page by setting their base/index registers.
 */
final class CaseBuilder {
    static final int RSP = 4;
    static final long CF = 1, PF = 4, AF = 0x10, ZF = 0x40, SF = 0x80, OF = 0x800, DF = 0x400;
    static final long ARITHMETIC = CF | PF | AF | ZF | SF | OF;
    private static final long[] EDGE_VALUES = {
            0, 1, 2, -1, -2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffffL,
            0x80000000L, 0xffffffffL, 0x100000000L, Long.MAX_VALUE, Long.MIN_VALUE, 0x8000000000000001L};

    final Random random;
    final MachineState state = new MachineState();
    final byte[] data = new byte[Layout.PAGE];
    private final ByteArrayOutputStream code = new ByteArrayOutputStream();
    /** Registers whose values a form fixed: never picked as operands or address registers. */
    private int reserved = 1 << RSP;
    long undefinedFlags;
    boolean comparesX87;
    /** Set by a form's setup to fix the immediate instead of a random one. */
    Long immediateOverride;
    /** Float forms: lane width (4 or 8) of the IEEE edge values to put in XMM and memory operands; 0 otherwise. */
    int floatLanes;

    private static final double[] FLOAT_EDGES = {0.0, -0.0, 1.0, -1.0, 1.5, 0.1, -2.5, 3.0, 1e10, -1e-10,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 0x1p31, -0x1p31, 0x1p63, -0x1p63,
            2147483647.5, -2147483648.5, 0.5, -0.5, 2.5, 1e300, 1e-300, 3.4e38, 1e-38, 1e-45};

    CaseBuilder(Random random) {
        this.random = random;
        for (int i = 0; i < 16; i++) state.gpr[i] = randomValue();
        state.gpr[RSP] = Layout.DATA_BASE + 0x800 + (random.nextInt(0x80) - 0x40) * 8L;
        state.rflags = (random.nextLong() & ARITHMETIC) | 0x202;
        random.nextBytes(data);
        byte[] fx = state.fxsave;
        fx[0] = 0x7f; fx[1] = 0x03;                  // FCW: all masked, 64-bit precision
        MachineState.writeLong(fx, 24, 0x1f80L | (0xffffL << 32)); // MXCSR and MXCSR_MASK
        for (int i = 0; i < 32; i++) MachineState.writeLong(fx, 160 + i * 8, randomValue());
    }

    long randomValue() {
        return switch (random.nextInt(4)) {
            case 0 -> EDGE_VALUES[random.nextInt(EDGE_VALUES.length)];
            case 1 -> random.nextInt(256) - 128;
            case 2 -> random.nextInt();
            default -> random.nextLong();
        };
    }

    /** A random register not reserved (and never RSP). */
    int pickRegister() {
        int r;
        do {
            r = random.nextInt(16);
        } while ((reserved & (1 << r)) != 0);
        return r;
    }

    void constrain(int reg, long value) {
        state.gpr[reg] = value;
        reserved |= 1 << reg;
    }

    void undefined(long flags) {
        undefinedFlags |= flags;
    }

    void setFlag(long flag, boolean on) {
        state.rflags = on ? state.rflags | flag : state.rflags & ~flag;
    }

    byte[] code() {
        return code.toByteArray();
    }

    int codeLength() {
        return code.size();
    }

    void emit(int... bytes) {
        for (int b : bytes) code.write(b);
    }

    void emitLittleEndian(long value, int size) {
        for (int i = 0; i < size; i++) code.write((int) (value >>> (8 * i)));
    }

    /** lea r15, [r15+1]: a flag-neutral marker that shows whether a branch skipped it. */
    static final int[] MARKER = {0x4d, 0x8d, 0x7f, 0x01};

    // ---- operands ----

    /** Where a ModRM r/m operand points: a register, or an encoded memory reference. */
    static final class Rm {
        final int register;     // -1 for memory
        int mod, rm, sib = -1;
        long displacement;
        int displacementSize;
        boolean ripRelative;
        boolean addressSize32;
        long target;            // linear target of memory operands
        int rexX, rexB;

        Rm(int register) {
            this.register = register;
        }
    }

    Rm register(int reg) {
        Rm rm = new Rm(reg);
        rm.mod = 3;
        rm.rm = reg & 7;
        rm.rexB = reg >> 3;
        return rm;
    }

    /** A register or memory r/m operand, memory accessing size bytes (mostly inside the data page). */
    Rm pickRm(int size, boolean allowRegister, boolean allowMemory) {
        if (allowRegister && (!allowMemory || random.nextBoolean())) return register(pickRegister());
        return memory(size);
    }

    Rm memory(int size) {
        int room = Layout.PAGE - size;
        int alignedShare = size == 16 ? 6 : 4; // 16-byte SSE operands usually must be aligned
        long offset = random.nextInt(40) == 0 ? Layout.PAGE - random.nextInt(size) - 1 // crosses into the guard page
                : random.nextInt(8) < alignedShare ? random.nextInt(room / size + 1) * (long) size : random.nextInt(room + 1);
        return memoryAt(Layout.DATA_BASE + offset);
    }

    Rm memoryAt(long target) {
        Rm m = new Rm(-1);
        m.target = target;
        int mode = random.nextInt(8);
        switch (mode) {
            case 0 -> { // [rip + disp32], patched once the instruction length is known
                m.mod = 0;
                m.rm = 5;
                m.ripRelative = true;
                m.displacementSize = 4;
            }
            case 1 -> { // [disp32] absolute, through SIB with no base and no index
                m.mod = 0;
                m.rm = 4;
                m.sib = (4 << 3) | 5;
                m.displacement = target;
                m.displacementSize = 4;
            }
            case 2, 3 -> { // [index*scale + base + disp]
                int base = pickAddressRegister(-1);
                int index = pickAddressRegister(base);
                int scale = random.nextInt(4);
                long indexValue = random.nextInt(64) - 16;
                m.displacementSize = random.nextBoolean() ? 1 : 4;
                m.displacement = m.displacementSize == 1 ? random.nextInt(256) - 128 : random.nextInt(1 << 16) - (1 << 15);
                m.mod = m.displacementSize == 1 ? 1 : 2;
                m.rm = 4;
                m.sib = (scale << 6) | ((index & 7) << 3) | (base & 7);
                m.rexX = index >> 3;
                m.rexB = base >> 3;
                constrain(index, indexValue);
                constrain(base, target - (indexValue << scale) - m.displacement);
            }
            default -> { // [base + disp0/8/32], sometimes with a 32-bit address size
                int base = pickAddressRegisterWithoutSib();
                m.displacementSize = (base & 7) == 5 ? 1 + random.nextInt(2) * 3 : random.nextInt(3) == 0 ? 0 : random.nextBoolean() ? 1 : 4;
                if (m.displacementSize == 0 && random.nextInt(3) == 0) m.displacementSize = 1;
                m.displacement = m.displacementSize == 0 ? 0 : m.displacementSize == 1
                        ? random.nextInt(256) - 128 : random.nextInt(1 << 20) - (1 << 19);
                m.mod = m.displacementSize == 0 ? 0 : m.displacementSize == 1 ? 1 : 2;
                m.rm = base & 7;
                m.rexB = base >> 3;
                long baseValue = target - m.displacement;
                if (random.nextInt(6) == 0) {
                    m.addressSize32 = true;
                    baseValue = (baseValue & 0xffffffffL) | ((long) random.nextInt() << 32);
                }
                constrain(base, baseValue);
            }
        }
        return m;
    }

    private int pickAddressRegister(int not) {
        int r;
        do {
            r = random.nextInt(16);
        } while ((reserved & (1 << r)) != 0 || r == not);
        return r;
    }

    /** A base register whose encoding is not 100 (which would select a SIB byte). */
    private int pickAddressRegisterWithoutSib() {
        int r;
        do {
            r = pickAddressRegister(-1);
        } while ((r & 7) == 4);
        return r;
    }

    // ---- instruction assembly ----

    /**
     * Emits prefixes (66 for 16-bit operands, the given legacy and mandatory prefixes), REX (W for
     * 64-bit operands, R/X/B as the operands need, randomly an empty REX for byte forms), opcode,
     * ModRM/SIB/displacement and immediate. reg is the ModRM reg field (register or extension).
     */
    void instruction(int[] prefixes, int size, int[] opcode, int reg, Rm rm, long immediate, int immediateSize) {
        int rex = ((reg >> 3) << 2) | (rm.rexX << 1) | rm.rexB;
        emitPrefixesAndOpcode(prefixes, size, rm.addressSize32, rex, opcode);
        emit((rm.mod << 6) | ((reg & 7) << 3) | rm.rm);
        if (rm.sib >= 0) emit(rm.sib);
        int displacementAt = code.size();
        emitLittleEndian(rm.displacement, rm.displacementSize);
        emitLittleEndian(immediate, immediateSize);
        if (rm.ripRelative) patch(displacementAt, rm.target - (Layout.CODE_BASE + code.size()));
    }

    /** An instruction without ModRM; opcodeRegister (or -1) goes in the opcode's low bits plus REX.B. */
    void instructionWithoutModrm(int[] prefixes, int size, int[] opcode, int opcodeRegister, long immediate,
                                 int immediateSize) {
        int[] bytes = opcode.clone();
        int rex = 0;
        if (opcodeRegister >= 0) {
            bytes[bytes.length - 1] |= opcodeRegister & 7;
            rex = opcodeRegister >> 3;
        }
        emitPrefixesAndOpcode(prefixes, size, false, rex, bytes);
        emitLittleEndian(immediate, immediateSize);
    }

    private void emitPrefixesAndOpcode(int[] prefixes, int size, boolean addressSize32, int rexBits, int[] opcode) {
        for (int p : prefixes) emit(p);
        if (size == 2) emit(0x66);
        if (addressSize32) emit(0x67);
        int rex = (size == 8 ? 8 : 0) | rexBits;
        // an empty REX turns byte registers 4..7 from AH..BH into SPL..DIL: exercise both
        if (rex != 0 || (size == 1 && random.nextBoolean())) emit(0x40 | rex);
        emit(opcode);
    }

    private void patch(int at, long value) {
        byte[] bytes = code.toByteArray();
        for (int i = 0; i < 4; i++) bytes[at + i] = (byte) (value >>> (8 * i));
        code.reset();
        code.write(bytes, 0, bytes.length);
    }

    void setXmm(int reg, int half, long value) {
        MachineState.writeLong(state.fxsave, 160 + reg * 16 + half * 8, value);
    }

    void setMxcsr(int value) {
        MachineState.writeLong(state.fxsave, 24, (value & 0xffffffffL) | (0xffffL << 32));
    }

    /** A qword of IEEE edge values (or random bits) in lanes of {@link #floatLanes} bytes. */
    long floatBits() {
        if (floatLanes == 8) return floatLane(true);
        return (floatLane(false) & 0xffffffffL) | (floatLane(false) << 32);
    }

    private long floatLane(boolean isDouble) {
        int choice = random.nextInt(10);
        if (choice < 5) {
            double v = FLOAT_EDGES[random.nextInt(FLOAT_EDGES.length)];
            return isDouble ? Double.doubleToRawLongBits(v) : Float.floatToRawIntBits((float) v);
        }
        return switch (choice) {
            case 5 -> isDouble ? 0x7ff0000000000001L | random.nextLong() & 0x7ffffffffffffL : 0x7f800001 | random.nextInt() & 0x3fffff; // SNaN
            case 6 -> isDouble ? random.nextLong() & 0x800fffffffffffffL : random.nextInt() & 0x807fffff;                         // denormal
            case 7 -> isDouble ? Double.doubleToRawLongBits(random.nextGaussian() * 1e6) : Float.floatToRawIntBits((float) (random.nextGaussian() * 1e6));
            default -> isDouble ? random.nextLong() : random.nextInt();
        };
    }

    void fillFloats(long address, int size) {
        for (int i = 0; i < size; i += 8) writeData(address + i, Math.min(8, size - i), floatBits());
    }

    /** Data bytes whose final value is host-specific and not compared. */
    final java.util.Set<Integer> ignoredData = new java.util.HashSet<>();

    void ignoreData(long address, int length) {
        for (int i = 0; i < length; i++) ignoredData.add((int) (address - Layout.DATA_BASE) + i);
    }

    // ---- data page ----

    void writeData(long address, int size, long value) {
        for (int i = 0; i < size; i++) {
            long at = address + i - Layout.DATA_BASE;
            if (at >= 0 && at < Layout.PAGE) data[(int) at] = (byte) (value >>> (8 * i));
        }
    }

    long readData(long address, int size) {
        long value = 0;
        for (int i = size - 1; i >= 0; i--) {
            long at = address + i - Layout.DATA_BASE;
            value = (value << 8) | (at >= 0 && at < Layout.PAGE ? data[(int) at] & 0xff : 0);
        }
        return value;
    }

    void copyData(long from, long to, int length) {
        for (int i = 0; i < length; i++) writeData(to + i, 1, readData(from + i, 1));
    }

    /** Makes the accumulator equal the memory operand, so compare-exchange succeeds. */
    void copyToAccumulator(long address, int size) {
        long mask = size == 8 ? -1L : (1L << (8 * size)) - 1;
        state.gpr[0] = (state.gpr[0] & ~mask) | (readData(address, size) & mask);
    }

    TestCase build(Form form) {
        return new TestCase(form, code(), state, data, undefinedFlags, comparesX87, ignoredData);
    }
}
