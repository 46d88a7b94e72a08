// Generated-style binding for struct kvm_mp_state of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfInt;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_mp_state } */
public class kvm_mp_state {

    kvm_mp_state() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kvm_h.C_INT.withName("mp_state")).withName("kvm_mp_state");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final OfInt mp_state$LAYOUT = (OfInt) $LAYOUT.select(groupElement("mp_state"));
    private static final long mp_state$OFFSET = $LAYOUT.byteOffset(groupElement("mp_state"));

    /** {@snippet lang=c : __u32 mp_state } */
    public static final OfInt mp_state$layout() { return mp_state$LAYOUT; }

    public static final long mp_state$offset() { return mp_state$OFFSET; }

    public static int mp_state(MemorySegment struct) { return struct.get(mp_state$LAYOUT, mp_state$OFFSET); }

    public static void mp_state(MemorySegment struct, int fieldValue) { struct.set(mp_state$LAYOUT, mp_state$OFFSET, fieldValue); }

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
