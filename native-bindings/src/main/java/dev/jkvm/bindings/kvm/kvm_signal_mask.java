// Generated-style binding for struct kvm_signal_mask of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfInt;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_signal_mask } */
public class kvm_signal_mask {

    kvm_signal_mask() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kvm_h.C_INT.withName("len"),
        MemoryLayout.sequenceLayout(0, Kvm_h.C_CHAR).withName("sigset")).withName("kvm_signal_mask");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final OfInt len$LAYOUT = (OfInt) $LAYOUT.select(groupElement("len"));
    private static final long len$OFFSET = $LAYOUT.byteOffset(groupElement("len"));

    /** {@snippet lang=c : __u32 len } */
    public static final OfInt len$layout() { return len$LAYOUT; }

    public static final long len$offset() { return len$OFFSET; }

    public static int len(MemorySegment struct) { return struct.get(len$LAYOUT, len$OFFSET); }

    public static void len(MemorySegment struct, int fieldValue) { struct.set(len$LAYOUT, len$OFFSET, fieldValue); }

    private static final MemoryLayout sigset$LAYOUT = $LAYOUT.select(groupElement("sigset"));
    private static final long sigset$OFFSET = $LAYOUT.byteOffset(groupElement("sigset"));

    /** {@snippet lang=c : __u8 sigset[] } */
    public static final MemoryLayout sigset$layout() { return sigset$LAYOUT; }

    public static final long sigset$offset() { return sigset$OFFSET; }

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
