package dev.jkvm.kvm;

import dev.jkvm.bindings.kvm.kvm_segment;

import java.lang.foreign.MemorySegment;

/** A segment register with its hidden descriptor part (struct kvm_segment); limit is unsigned. */
public final class Segment {
    public long base;
    public int limit;
    public int selector;
    public int type;
    public boolean present;
    public int dpl;
    public boolean db;
    /** Code or data segment (descriptor S bit), as opposed to a system segment. */
    public boolean s;
    /** 64-bit code segment (L bit). */
    public boolean l;
    /** 4 KiB limit granularity (G bit). */
    public boolean g;
    public boolean avl;
    public boolean unusable;

    static Segment read(MemorySegment m) {
        Segment seg = new Segment();
        seg.base = kvm_segment.base(m);
        seg.limit = kvm_segment.limit(m);
        seg.selector = Short.toUnsignedInt(kvm_segment.selector(m));
        seg.type = Byte.toUnsignedInt(kvm_segment.type(m));
        seg.present = kvm_segment.present(m) != 0;
        seg.dpl = Byte.toUnsignedInt(kvm_segment.dpl(m));
        seg.db = kvm_segment.db(m) != 0;
        seg.s = kvm_segment.s(m) != 0;
        seg.l = kvm_segment.l(m) != 0;
        seg.g = kvm_segment.g(m) != 0;
        seg.avl = kvm_segment.avl(m) != 0;
        seg.unusable = kvm_segment.unusable(m) != 0;
        return seg;
    }

    void write(MemorySegment m) {
        kvm_segment.base(m, base);
        kvm_segment.limit(m, limit);
        kvm_segment.selector(m, (short) selector);
        kvm_segment.type(m, (byte) type);
        kvm_segment.present(m, flag(present));
        kvm_segment.dpl(m, (byte) dpl);
        kvm_segment.db(m, flag(db));
        kvm_segment.s(m, flag(s));
        kvm_segment.l(m, flag(l));
        kvm_segment.g(m, flag(g));
        kvm_segment.avl(m, flag(avl));
        kvm_segment.unusable(m, flag(unusable));
    }

    private static byte flag(boolean value) {
        return (byte) (value ? 1 : 0);
    }
}
