// Generated-style binding for struct kvm_irq_routing of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfInt;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_irq_routing } */
public class kvm_irq_routing {

    kvm_irq_routing() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kvm_h.C_INT.withName("nr"),
        Kvm_h.C_INT.withName("flags"),
        MemoryLayout.sequenceLayout(0, kvm_irq_routing_entry.layout()).withName("entries")).withName("kvm_irq_routing");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final OfInt nr$LAYOUT = (OfInt) $LAYOUT.select(groupElement("nr"));
    private static final long nr$OFFSET = $LAYOUT.byteOffset(groupElement("nr"));

    /** {@snippet lang=c : __u32 nr } */
    public static final OfInt nr$layout() { return nr$LAYOUT; }

    public static final long nr$offset() { return nr$OFFSET; }

    public static int nr(MemorySegment struct) { return struct.get(nr$LAYOUT, nr$OFFSET); }

    public static void nr(MemorySegment struct, int fieldValue) { struct.set(nr$LAYOUT, nr$OFFSET, fieldValue); }

    private static final OfInt flags$LAYOUT = (OfInt) $LAYOUT.select(groupElement("flags"));
    private static final long flags$OFFSET = $LAYOUT.byteOffset(groupElement("flags"));

    /** {@snippet lang=c : __u32 flags } */
    public static final OfInt flags$layout() { return flags$LAYOUT; }

    public static final long flags$offset() { return flags$OFFSET; }

    public static int flags(MemorySegment struct) { return struct.get(flags$LAYOUT, flags$OFFSET); }

    public static void flags(MemorySegment struct, int fieldValue) { struct.set(flags$LAYOUT, flags$OFFSET, fieldValue); }

    private static final MemoryLayout entries$LAYOUT = $LAYOUT.select(groupElement("entries"));
    private static final long entries$OFFSET = $LAYOUT.byteOffset(groupElement("entries"));

    /** {@snippet lang=c : struct kvm_irq_routing_entry entries[] } */
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
