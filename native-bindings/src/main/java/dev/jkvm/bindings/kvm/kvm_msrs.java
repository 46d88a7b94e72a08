// Generated-style binding for struct kvm_msrs of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfInt;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_msrs } */
public class kvm_msrs {

    kvm_msrs() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kvm_h.C_INT.withName("nmsrs"),
        Kvm_h.C_INT.withName("pad"),
        MemoryLayout.sequenceLayout(0, kvm_msr_entry.layout()).withName("entries")).withName("kvm_msrs");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final OfInt nmsrs$LAYOUT = (OfInt) $LAYOUT.select(groupElement("nmsrs"));
    private static final long nmsrs$OFFSET = $LAYOUT.byteOffset(groupElement("nmsrs"));

    /** {@snippet lang=c : __u32 nmsrs } */
    public static final OfInt nmsrs$layout() { return nmsrs$LAYOUT; }

    public static final long nmsrs$offset() { return nmsrs$OFFSET; }

    public static int nmsrs(MemorySegment struct) { return struct.get(nmsrs$LAYOUT, nmsrs$OFFSET); }

    public static void nmsrs(MemorySegment struct, int fieldValue) { struct.set(nmsrs$LAYOUT, nmsrs$OFFSET, fieldValue); }

    private static final OfInt pad$LAYOUT = (OfInt) $LAYOUT.select(groupElement("pad"));
    private static final long pad$OFFSET = $LAYOUT.byteOffset(groupElement("pad"));

    /** {@snippet lang=c : __u32 pad } */
    public static final OfInt pad$layout() { return pad$LAYOUT; }

    public static final long pad$offset() { return pad$OFFSET; }

    public static int pad(MemorySegment struct) { return struct.get(pad$LAYOUT, pad$OFFSET); }

    public static void pad(MemorySegment struct, int fieldValue) { struct.set(pad$LAYOUT, pad$OFFSET, fieldValue); }

    private static final MemoryLayout entries$LAYOUT = $LAYOUT.select(groupElement("entries"));
    private static final long entries$OFFSET = $LAYOUT.byteOffset(groupElement("entries"));

    /** {@snippet lang=c : struct kvm_msr_entry entries[] } */
    public static final MemoryLayout entries$layout() { return entries$LAYOUT; }

    public static final long entries$offset() { return entries$OFFSET; }

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
