// Generated-style binding for struct kvm_cpuid2 of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfInt;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_cpuid2 } */
public class kvm_cpuid2 {

    kvm_cpuid2() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kvm_h.C_INT.withName("nent"),
        Kvm_h.C_INT.withName("padding"),
        MemoryLayout.sequenceLayout(0, kvm_cpuid_entry2.layout()).withName("entries")).withName("kvm_cpuid2");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final OfInt nent$LAYOUT = (OfInt) $LAYOUT.select(groupElement("nent"));
    private static final long nent$OFFSET = $LAYOUT.byteOffset(groupElement("nent"));

    /** {@snippet lang=c : __u32 nent } */
    public static final OfInt nent$layout() { return nent$LAYOUT; }

    public static final long nent$offset() { return nent$OFFSET; }

    public static int nent(MemorySegment struct) { return struct.get(nent$LAYOUT, nent$OFFSET); }

    public static void nent(MemorySegment struct, int fieldValue) { struct.set(nent$LAYOUT, nent$OFFSET, fieldValue); }

    private static final OfInt padding$LAYOUT = (OfInt) $LAYOUT.select(groupElement("padding"));
    private static final long padding$OFFSET = $LAYOUT.byteOffset(groupElement("padding"));

    /** {@snippet lang=c : __u32 padding } */
    public static final OfInt padding$layout() { return padding$LAYOUT; }

    public static final long padding$offset() { return padding$OFFSET; }

    public static int padding(MemorySegment struct) { return struct.get(padding$LAYOUT, padding$OFFSET); }

    public static void padding(MemorySegment struct, int fieldValue) { struct.set(padding$LAYOUT, padding$OFFSET, fieldValue); }

    private static final MemoryLayout entries$LAYOUT = $LAYOUT.select(groupElement("entries"));
    private static final long entries$OFFSET = $LAYOUT.byteOffset(groupElement("entries"));

    /** {@snippet lang=c : struct kvm_cpuid_entry2 entries[] } */
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
