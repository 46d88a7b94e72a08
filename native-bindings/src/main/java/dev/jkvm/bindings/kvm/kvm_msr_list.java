// Generated-style binding for struct kvm_msr_list of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfInt;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_msr_list } */
public class kvm_msr_list {

    kvm_msr_list() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kvm_h.C_INT.withName("nmsrs"),
        MemoryLayout.sequenceLayout(0, Kvm_h.C_INT).withName("indices")).withName("kvm_msr_list");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final OfInt nmsrs$LAYOUT = (OfInt) $LAYOUT.select(groupElement("nmsrs"));
    private static final long nmsrs$OFFSET = $LAYOUT.byteOffset(groupElement("nmsrs"));

    /** {@snippet lang=c : __u32 nmsrs } */
    public static final OfInt nmsrs$layout() { return nmsrs$LAYOUT; }

    public static final long nmsrs$offset() { return nmsrs$OFFSET; }

    public static int nmsrs(MemorySegment struct) { return struct.get(nmsrs$LAYOUT, nmsrs$OFFSET); }

    public static void nmsrs(MemorySegment struct, int fieldValue) { struct.set(nmsrs$LAYOUT, nmsrs$OFFSET, fieldValue); }

    private static final MemoryLayout indices$LAYOUT = $LAYOUT.select(groupElement("indices"));
    private static final long indices$OFFSET = $LAYOUT.byteOffset(groupElement("indices"));

    /** {@snippet lang=c : __u32 indices[] } */
    public static final MemoryLayout indices$layout() { return indices$LAYOUT; }

    public static final long indices$offset() { return indices$OFFSET; }

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
