package dev.jkvm.kvm;

import dev.jkvm.bindings.kvm.kvm_dtable;

import java.lang.foreign.MemorySegment;

/** GDTR or IDTR (struct kvm_dtable): base and 16-bit limit. */
public final class DescriptorTable {
    public long base;
    public int limit;

    static DescriptorTable read(MemorySegment m) {
        DescriptorTable table = new DescriptorTable();
        table.base = kvm_dtable.base(m);
        table.limit = Short.toUnsignedInt(kvm_dtable.limit(m));
        return table;
    }

    void write(MemorySegment m) {
        kvm_dtable.base(m, base);
        kvm_dtable.limit(m, (short) limit);
    }
}
