// Generated-style binding for struct kvm_sregs of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfLong;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_sregs } */
public class kvm_sregs {

    kvm_sregs() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        kvm_segment.layout().withName("cs"),
        kvm_segment.layout().withName("ds"),
        kvm_segment.layout().withName("es"),
        kvm_segment.layout().withName("fs"),
        kvm_segment.layout().withName("gs"),
        kvm_segment.layout().withName("ss"),
        kvm_segment.layout().withName("tr"),
        kvm_segment.layout().withName("ldt"),
        kvm_dtable.layout().withName("gdt"),
        kvm_dtable.layout().withName("idt"),
        Kvm_h.C_LONG_LONG.withName("cr0"),
        Kvm_h.C_LONG_LONG.withName("cr2"),
        Kvm_h.C_LONG_LONG.withName("cr3"),
        Kvm_h.C_LONG_LONG.withName("cr4"),
        Kvm_h.C_LONG_LONG.withName("cr8"),
        Kvm_h.C_LONG_LONG.withName("efer"),
        Kvm_h.C_LONG_LONG.withName("apic_base"),
        MemoryLayout.sequenceLayout(4, Kvm_h.C_LONG_LONG).withName("interrupt_bitmap")).withName("kvm_sregs");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final MemoryLayout cs$LAYOUT = $LAYOUT.select(groupElement("cs"));
    private static final long cs$OFFSET = $LAYOUT.byteOffset(groupElement("cs"));

    /** {@snippet lang=c : struct kvm_segment cs } */
    public static final MemoryLayout cs$layout() { return cs$LAYOUT; }

    public static final long cs$offset() { return cs$OFFSET; }

    public static MemorySegment cs(MemorySegment struct) { return struct.asSlice(cs$OFFSET, cs$LAYOUT.byteSize()); }

    public static void cs(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, cs$OFFSET, cs$LAYOUT.byteSize());
    }

    private static final MemoryLayout ds$LAYOUT = $LAYOUT.select(groupElement("ds"));
    private static final long ds$OFFSET = $LAYOUT.byteOffset(groupElement("ds"));

    /** {@snippet lang=c : struct kvm_segment ds } */
    public static final MemoryLayout ds$layout() { return ds$LAYOUT; }

    public static final long ds$offset() { return ds$OFFSET; }

    public static MemorySegment ds(MemorySegment struct) { return struct.asSlice(ds$OFFSET, ds$LAYOUT.byteSize()); }

    public static void ds(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, ds$OFFSET, ds$LAYOUT.byteSize());
    }

    private static final MemoryLayout es$LAYOUT = $LAYOUT.select(groupElement("es"));
    private static final long es$OFFSET = $LAYOUT.byteOffset(groupElement("es"));

    /** {@snippet lang=c : struct kvm_segment es } */
    public static final MemoryLayout es$layout() { return es$LAYOUT; }

    public static final long es$offset() { return es$OFFSET; }

    public static MemorySegment es(MemorySegment struct) { return struct.asSlice(es$OFFSET, es$LAYOUT.byteSize()); }

    public static void es(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, es$OFFSET, es$LAYOUT.byteSize());
    }

    private static final MemoryLayout fs$LAYOUT = $LAYOUT.select(groupElement("fs"));
    private static final long fs$OFFSET = $LAYOUT.byteOffset(groupElement("fs"));

    /** {@snippet lang=c : struct kvm_segment fs } */
    public static final MemoryLayout fs$layout() { return fs$LAYOUT; }

    public static final long fs$offset() { return fs$OFFSET; }

    public static MemorySegment fs(MemorySegment struct) { return struct.asSlice(fs$OFFSET, fs$LAYOUT.byteSize()); }

    public static void fs(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, fs$OFFSET, fs$LAYOUT.byteSize());
    }

    private static final MemoryLayout gs$LAYOUT = $LAYOUT.select(groupElement("gs"));
    private static final long gs$OFFSET = $LAYOUT.byteOffset(groupElement("gs"));

    /** {@snippet lang=c : struct kvm_segment gs } */
    public static final MemoryLayout gs$layout() { return gs$LAYOUT; }

    public static final long gs$offset() { return gs$OFFSET; }

    public static MemorySegment gs(MemorySegment struct) { return struct.asSlice(gs$OFFSET, gs$LAYOUT.byteSize()); }

    public static void gs(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, gs$OFFSET, gs$LAYOUT.byteSize());
    }

    private static final MemoryLayout ss$LAYOUT = $LAYOUT.select(groupElement("ss"));
    private static final long ss$OFFSET = $LAYOUT.byteOffset(groupElement("ss"));

    /** {@snippet lang=c : struct kvm_segment ss } */
    public static final MemoryLayout ss$layout() { return ss$LAYOUT; }

    public static final long ss$offset() { return ss$OFFSET; }

    public static MemorySegment ss(MemorySegment struct) { return struct.asSlice(ss$OFFSET, ss$LAYOUT.byteSize()); }

    public static void ss(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, ss$OFFSET, ss$LAYOUT.byteSize());
    }

    private static final MemoryLayout tr$LAYOUT = $LAYOUT.select(groupElement("tr"));
    private static final long tr$OFFSET = $LAYOUT.byteOffset(groupElement("tr"));

    /** {@snippet lang=c : struct kvm_segment tr } */
    public static final MemoryLayout tr$layout() { return tr$LAYOUT; }

    public static final long tr$offset() { return tr$OFFSET; }

    public static MemorySegment tr(MemorySegment struct) { return struct.asSlice(tr$OFFSET, tr$LAYOUT.byteSize()); }

    public static void tr(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, tr$OFFSET, tr$LAYOUT.byteSize());
    }

    private static final MemoryLayout ldt$LAYOUT = $LAYOUT.select(groupElement("ldt"));
    private static final long ldt$OFFSET = $LAYOUT.byteOffset(groupElement("ldt"));

    /** {@snippet lang=c : struct kvm_segment ldt } */
    public static final MemoryLayout ldt$layout() { return ldt$LAYOUT; }

    public static final long ldt$offset() { return ldt$OFFSET; }

    public static MemorySegment ldt(MemorySegment struct) { return struct.asSlice(ldt$OFFSET, ldt$LAYOUT.byteSize()); }

    public static void ldt(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, ldt$OFFSET, ldt$LAYOUT.byteSize());
    }

    private static final MemoryLayout gdt$LAYOUT = $LAYOUT.select(groupElement("gdt"));
    private static final long gdt$OFFSET = $LAYOUT.byteOffset(groupElement("gdt"));

    /** {@snippet lang=c : struct kvm_dtable gdt } */
    public static final MemoryLayout gdt$layout() { return gdt$LAYOUT; }

    public static final long gdt$offset() { return gdt$OFFSET; }

    public static MemorySegment gdt(MemorySegment struct) { return struct.asSlice(gdt$OFFSET, gdt$LAYOUT.byteSize()); }

    public static void gdt(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, gdt$OFFSET, gdt$LAYOUT.byteSize());
    }

    private static final MemoryLayout idt$LAYOUT = $LAYOUT.select(groupElement("idt"));
    private static final long idt$OFFSET = $LAYOUT.byteOffset(groupElement("idt"));

    /** {@snippet lang=c : struct kvm_dtable idt } */
    public static final MemoryLayout idt$layout() { return idt$LAYOUT; }

    public static final long idt$offset() { return idt$OFFSET; }

    public static MemorySegment idt(MemorySegment struct) { return struct.asSlice(idt$OFFSET, idt$LAYOUT.byteSize()); }

    public static void idt(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, idt$OFFSET, idt$LAYOUT.byteSize());
    }

    private static final OfLong cr0$LAYOUT = (OfLong) $LAYOUT.select(groupElement("cr0"));
    private static final long cr0$OFFSET = $LAYOUT.byteOffset(groupElement("cr0"));

    /** {@snippet lang=c : __u64 cr0 } */
    public static final OfLong cr0$layout() { return cr0$LAYOUT; }

    public static final long cr0$offset() { return cr0$OFFSET; }

    public static long cr0(MemorySegment struct) { return struct.get(cr0$LAYOUT, cr0$OFFSET); }

    public static void cr0(MemorySegment struct, long fieldValue) { struct.set(cr0$LAYOUT, cr0$OFFSET, fieldValue); }

    private static final OfLong cr2$LAYOUT = (OfLong) $LAYOUT.select(groupElement("cr2"));
    private static final long cr2$OFFSET = $LAYOUT.byteOffset(groupElement("cr2"));

    /** {@snippet lang=c : __u64 cr2 } */
    public static final OfLong cr2$layout() { return cr2$LAYOUT; }

    public static final long cr2$offset() { return cr2$OFFSET; }

    public static long cr2(MemorySegment struct) { return struct.get(cr2$LAYOUT, cr2$OFFSET); }

    public static void cr2(MemorySegment struct, long fieldValue) { struct.set(cr2$LAYOUT, cr2$OFFSET, fieldValue); }

    private static final OfLong cr3$LAYOUT = (OfLong) $LAYOUT.select(groupElement("cr3"));
    private static final long cr3$OFFSET = $LAYOUT.byteOffset(groupElement("cr3"));

    /** {@snippet lang=c : __u64 cr3 } */
    public static final OfLong cr3$layout() { return cr3$LAYOUT; }

    public static final long cr3$offset() { return cr3$OFFSET; }

    public static long cr3(MemorySegment struct) { return struct.get(cr3$LAYOUT, cr3$OFFSET); }

    public static void cr3(MemorySegment struct, long fieldValue) { struct.set(cr3$LAYOUT, cr3$OFFSET, fieldValue); }

    private static final OfLong cr4$LAYOUT = (OfLong) $LAYOUT.select(groupElement("cr4"));
    private static final long cr4$OFFSET = $LAYOUT.byteOffset(groupElement("cr4"));

    /** {@snippet lang=c : __u64 cr4 } */
    public static final OfLong cr4$layout() { return cr4$LAYOUT; }

    public static final long cr4$offset() { return cr4$OFFSET; }

    public static long cr4(MemorySegment struct) { return struct.get(cr4$LAYOUT, cr4$OFFSET); }

    public static void cr4(MemorySegment struct, long fieldValue) { struct.set(cr4$LAYOUT, cr4$OFFSET, fieldValue); }

    private static final OfLong cr8$LAYOUT = (OfLong) $LAYOUT.select(groupElement("cr8"));
    private static final long cr8$OFFSET = $LAYOUT.byteOffset(groupElement("cr8"));

    /** {@snippet lang=c : __u64 cr8 } */
    public static final OfLong cr8$layout() { return cr8$LAYOUT; }

    public static final long cr8$offset() { return cr8$OFFSET; }

    public static long cr8(MemorySegment struct) { return struct.get(cr8$LAYOUT, cr8$OFFSET); }

    public static void cr8(MemorySegment struct, long fieldValue) { struct.set(cr8$LAYOUT, cr8$OFFSET, fieldValue); }

    private static final OfLong efer$LAYOUT = (OfLong) $LAYOUT.select(groupElement("efer"));
    private static final long efer$OFFSET = $LAYOUT.byteOffset(groupElement("efer"));

    /** {@snippet lang=c : __u64 efer } */
    public static final OfLong efer$layout() { return efer$LAYOUT; }

    public static final long efer$offset() { return efer$OFFSET; }

    public static long efer(MemorySegment struct) { return struct.get(efer$LAYOUT, efer$OFFSET); }

    public static void efer(MemorySegment struct, long fieldValue) { struct.set(efer$LAYOUT, efer$OFFSET, fieldValue); }

    private static final OfLong apic_base$LAYOUT = (OfLong) $LAYOUT.select(groupElement("apic_base"));
    private static final long apic_base$OFFSET = $LAYOUT.byteOffset(groupElement("apic_base"));

    /** {@snippet lang=c : __u64 apic_base } */
    public static final OfLong apic_base$layout() { return apic_base$LAYOUT; }

    public static final long apic_base$offset() { return apic_base$OFFSET; }

    public static long apic_base(MemorySegment struct) { return struct.get(apic_base$LAYOUT, apic_base$OFFSET); }

    public static void apic_base(MemorySegment struct, long fieldValue) { struct.set(apic_base$LAYOUT, apic_base$OFFSET, fieldValue); }

    private static final MemoryLayout interrupt_bitmap$LAYOUT = $LAYOUT.select(groupElement("interrupt_bitmap"));
    private static final long interrupt_bitmap$OFFSET = $LAYOUT.byteOffset(groupElement("interrupt_bitmap"));

    /** {@snippet lang=c : __u64 interrupt_bitmap[4] } */
    public static final MemoryLayout interrupt_bitmap$layout() { return interrupt_bitmap$LAYOUT; }

    public static final long interrupt_bitmap$offset() { return interrupt_bitmap$OFFSET; }

    public static MemorySegment interrupt_bitmap(MemorySegment struct) { return struct.asSlice(interrupt_bitmap$OFFSET, interrupt_bitmap$LAYOUT.byteSize()); }

    public static void interrupt_bitmap(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, interrupt_bitmap$OFFSET, interrupt_bitmap$LAYOUT.byteSize());
    }

    public static long interrupt_bitmap(MemorySegment struct, long index0) {
        return struct.get(Kvm_h.C_LONG_LONG, interrupt_bitmap$OFFSET + index0 * 8);
    }

    public static void interrupt_bitmap(MemorySegment struct, long index0, long fieldValue) {
        struct.set(Kvm_h.C_LONG_LONG, interrupt_bitmap$OFFSET + index0 * 8, fieldValue);
    }

    /** Slices element {@code index} of an array of this type. */
    public static MemorySegment asSlice(MemorySegment array, long index) {
        return array.asSlice(layout().byteSize() * index, layout().byteSize());
    }

    public static long sizeof() { return layout().byteSize(); }

    public static MemorySegment allocate(SegmentAllocator allocator) { return allocator.allocate(layout()); }

    public static MemorySegment allocateArray(long elementCount, SegmentAllocator allocator) {
        return allocator.allocate(MemoryLayout.sequenceLayout(elementCount, layout()));
    }
}
