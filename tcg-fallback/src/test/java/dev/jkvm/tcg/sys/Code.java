package dev.jkvm.tcg.sys;

/** Hand assembly into a {@link Machine}: appends bytes at a running address. */
final class Code {
    private final Machine m;
    private long pc;

    Code(Machine m, long start) {
        this.m = m;
        this.pc = start;
    }

    long pc() {
        return pc;
    }

    Code b(int... bytes) {
        m.put(pc, bytes);
        pc += bytes.length;
        return this;
    }

    Code d32(long value) {
        m.put32(pc, (int) value);
        pc += 4;
        return this;
    }

    Code d16(int value) {
        m.put16(pc, value);
        pc += 2;
        return this;
    }

    Code d64(long value) {
        m.put64(pc, value);
        pc += 8;
        return this;
    }

    /** mov rax, [abs32] */
    Code loadRax(long address) {
        return b(0x48, 0x8b, 0x04, 0x25).d32(address);
    }

    /** mov [abs32], rax */
    Code storeRax(long address) {
        return b(0x48, 0x89, 0x04, 0x25).d32(address);
    }

    /** mov rax, imm64 */
    Code movRax(long value) {
        return b(0x48, 0xb8).d64(value);
    }

    /** mov qword [abs32], simm32 */
    Code storeImm(long address, int value) {
        return b(0x48, 0xc7, 0x04, 0x25).d32(address).d32(value);
    }

    Code hlt() {
        return b(0xf4);
    }
}
