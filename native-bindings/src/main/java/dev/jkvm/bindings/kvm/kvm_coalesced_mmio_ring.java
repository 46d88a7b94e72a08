// Generated-style binding for struct kvm_coalesced_mmio_ring of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfInt;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_coalesced_mmio_ring } */
public class kvm_coalesced_mmio_ring {

    kvm_coalesced_mmio_ring() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kvm_h.C_INT.withName("first"),
        Kvm_h.C_INT.withName("last"),
        MemoryLayout.sequenceLayout(0, kvm_coalesced_mmio.layout()).withName("coalesced_mmio")).withName("kvm_coalesced_mmio_ring");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final OfInt first$LAYOUT = (OfInt) $LAYOUT.select(groupElement("first"));
    private static final long first$OFFSET = $LAYOUT.byteOffset(groupElement("first"));

    /** {@snippet lang=c : __u32 first } */
    public static final OfInt first$layout() { return first$LAYOUT; }

    public static final long first$offset() { return first$OFFSET; }

    public static int first(MemorySegment struct) { return struct.get(first$LAYOUT, first$OFFSET); }

    public static void first(MemorySegment struct, int fieldValue) { struct.set(first$LAYOUT, first$OFFSET, fieldValue); }

    private static final OfInt last$LAYOUT = (OfInt) $LAYOUT.select(groupElement("last"));
    private static final long last$OFFSET = $LAYOUT.byteOffset(groupElement("last"));

    /** {@snippet lang=c : __u32 last } */
    public static final OfInt last$layout() { return last$LAYOUT; }

    public static final long last$offset() { return last$OFFSET; }

    public static int last(MemorySegment struct) { return struct.get(last$LAYOUT, last$OFFSET); }

    public static void last(MemorySegment struct, int fieldValue) { struct.set(last$LAYOUT, last$OFFSET, fieldValue); }

    private static final MemoryLayout coalesced_mmio$LAYOUT = $LAYOUT.select(groupElement("coalesced_mmio"));
    private static final long coalesced_mmio$OFFSET = $LAYOUT.byteOffset(groupElement("coalesced_mmio"));

    /** {@snippet lang=c : struct kvm_coalesced_mmio coalesced_mmio[] } */
    public static final MemoryLayout coalesced_mmio$layout() { return coalesced_mmio$LAYOUT; }

    public static final long coalesced_mmio$offset() { return coalesced_mmio$OFFSET; }

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
