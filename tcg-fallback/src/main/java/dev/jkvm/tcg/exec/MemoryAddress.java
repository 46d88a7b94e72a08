package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.decode.Operand;
import dev.jkvm.tcg.state.CpuState;

/**
 * The address parts of a memory operand, for specialized steps. A record because HotSpot trusts a
 * record's fields to stay final: in a compiled block, where the step is a constant, the parts fold
 * into the code instead of being loaded and tested on every access.
 */
record MemoryAddress(int segment, int base, int index, int scale, long displacement, int addressSize) {
    static MemoryAddress of(Operand m) {
        return new MemoryAddress(m.segment, m.reg, m.index, m.scale, m.value, m.addressSize);
    }

    /** The offset within the segment, as {@link Operands#effectiveAddress} computes it. */
    long offset(CpuState s) {
        return Operands.effectiveAddress(s, base, index, scale, displacement, addressSize);
    }

    long linear(CpuState s) {
        return Operands.linear(s, segment, offset(s));
    }
}
