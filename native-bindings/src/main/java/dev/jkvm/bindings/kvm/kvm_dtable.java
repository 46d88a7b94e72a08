// Generated-style binding for struct kvm_dtable of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfLong;
import java.lang.foreign.ValueLayout.OfShort;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_dtable } */
public class kvm_dtable {

    kvm_dtable() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kvm_h.C_LONG_LONG.withName("base"),
        Kvm_h.C_SHORT.withName("limit"),
        MemoryLayout.sequenceLayout(3, Kvm_h.C_SHORT).withName("padding")).withName("kvm_dtable");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final OfLong base$LAYOUT = (OfLong) $LAYOUT.select(groupElement("base"));
    private static final long base$OFFSET = $LAYOUT.byteOffset(groupElement("base"));

    /** {@snippet lang=c : __u64 base } */
    public static final OfLong base$layout() { return base$LAYOUT; }

    public static final long base$offset() { return base$OFFSET; }

    public static long base(MemorySegment struct) { return struct.get(base$LAYOUT, base$OFFSET); }

    public static void base(MemorySegment struct, long fieldValue) { struct.set(base$LAYOUT, base$OFFSET, fieldValue); }

    private static final OfShort limit$LAYOUT = (OfShort) $LAYOUT.select(groupElement("limit"));
    private static final long limit$OFFSET = $LAYOUT.byteOffset(groupElement("limit"));

    /** {@snippet lang=c : __u16 limit } */
    public static final OfShort limit$layout() { return limit$LAYOUT; }

    public static final long limit$offset() { return limit$OFFSET; }

    public static short limit(MemorySegment struct) { return struct.get(limit$LAYOUT, limit$OFFSET); }

    public static void limit(MemorySegment struct, short fieldValue) { struct.set(limit$LAYOUT, limit$OFFSET, fieldValue); }

    private static final MemoryLayout padding$LAYOUT = $LAYOUT.select(groupElement("padding"));
    private static final long padding$OFFSET = $LAYOUT.byteOffset(groupElement("padding"));

    /** {@snippet lang=c : __u16 padding[3] } */
    public static final MemoryLayout padding$layout() { return padding$LAYOUT; }

    public static final long padding$offset() { return padding$OFFSET; }

    public static MemorySegment padding(MemorySegment struct) { return struct.asSlice(padding$OFFSET, padding$LAYOUT.byteSize()); }

    public static void padding(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, padding$OFFSET, padding$LAYOUT.byteSize());
    }

    public static short padding(MemorySegment struct, long index0) {
        return struct.get(Kvm_h.C_SHORT, padding$OFFSET + index0 * 2);
    }

    public static void padding(MemorySegment struct, long index0, short fieldValue) {
        struct.set(Kvm_h.C_SHORT, padding$OFFSET + index0 * 2, fieldValue);
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
